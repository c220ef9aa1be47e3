import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import type { GraphQLSchema } from "graphql";
import type { TestStack } from "../stack.js";
import { withAfter, type Plan, type PlannedRequest } from "./plan.js";
import type { Exchange, Finding, Scanner } from "./scanner.js";
import { estimateCost, GATEWAY_LIMITS, splitToFit, toRequest, type FieldSel } from "./selection.js";

/**
 * Sends requests as one caller through the gateway, keeps every answer's status, headers and raw text, and hands
 * each exchange to the scanner. Refusals by the gateway's own limits are kept apart: they mean the generator asked
 * for something the gateway would not run, so the field paths in it were not covered.
 */

export interface CallerSpec {
  name: string;
  headers: Record<string, string>;
}

export interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }> } | null;
  text: string;
}

const CONCURRENCY = 4;

/** Where a write's answer names the record it wrote and that record's identifiers. */
const WRITTEN = /^body data\.upsert\w+\.(id|(phones|emails|addresses|bankAccounts|identityDocuments)\[\d+\]\.id)$/;

/** CIX_DISCLOSURE_DUMP=<folder>: every exchange is also written there, one file per caller (for reading a failure). */
const DUMP = process.env.CIX_DISCLOSURE_DUMP;
if (DUMP) mkdirSync(DUMP, { recursive: true });

export async function pool<T>(items: T[], work: (item: T, index: number) => Promise<void>, concurrency = CONCURRENCY): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await work(items[i]!, i);
      }
    }),
  );
}

export class Session {
  readonly findings: Finding[] = [];
  /** Requests the gateway refused for its limits (the generator's fault: those paths were not covered). */
  readonly refused: string[] = [];
  readonly errorCodes = new Map<string, number>();
  requests = 0;
  /** Time spent searching answers (not waiting for them). */
  scanMs = 0;
  /**
   * What the caller wrote (mutations, uploads) and the ids of its own records' identifiers: its own data, which
   * answers about its own records may show. What it only asked about (reads) is not added: a read names a value,
   * it does not make the planted record's copy of it the caller's.
   */
  readonly known: string[] = [];
  /** Milliseconds spent per root field (requests in flight overlap). */
  readonly timeByRoot = new Map<string, number>();

  constructor(
    readonly stack: TestStack,
    readonly scanner: Scanner,
    readonly caller: CallerSpec,
  ) {}

  get base(): string {
    return this.stack.gatewayUrl.replace(/\/graphql$/, "");
  }

  /** Any HTTP request to the gateway, scanned. `sent` is everything the request carried besides the caller's token. */
  async http(label: string, url: string, init: RequestInit & { sent?: string[]; write?: boolean }, membershipRoots: string[] = []): Promise<Answer> {
    const sentAt = Date.now();
    const res = await fetch(url, { ...init, headers: { ...this.caller.headers, ...(init.headers as Record<string, string> | undefined) } });
    const text = await res.text();
    const ms = Date.now() - sentAt;
    this.requests += 1;
    let body: Answer["body"] = null;
    try {
      body = JSON.parse(text) as Answer["body"];
    } catch {
      body = null;
    }
    for (const e of body?.errors ?? []) {
      const code = String(e.extensions?.code ?? "none");
      this.errorCodes.set(code, (this.errorCodes.get(code) ?? 0) + 1);
    }
    const sent = [url, ...(init.sent ?? []), typeof init.body === "string" ? init.body : "", this.caller.headers["x-cix-purpose"] ?? ""];
    const exchange: Exchange = {
      caller: this.caller.name,
      request: label,
      sent: [...this.known, ...sent],
      status: res.status,
      headers: [...res.headers.entries()],
      text,
      membershipRoots,
    };
    if (DUMP) appendFileSync(path.join(DUMP, `${this.caller.name.replace(/[^a-z0-9]+/gi, "-")}.ndjson`), `${JSON.stringify({ label, ms, url, sent: sent.slice(1), status: res.status, text })}\n`);
    const scanning = Date.now();
    const findings = this.scanner.scan(exchange);
    // A write's answer may name the record written and the identifiers that record holds: they are the caller's
    // (an upsert by a natural key of the caller's own agency may land on a planted record; its fields are still checked).
    const written = init.write ? findings.filter((f) => f.rule === "id" && WRITTEN.test(f.where)) : [];
    this.findings.push(...findings.filter((f) => !written.includes(f)));
    for (const f of written) this.known.push(f.excerpt);
    this.scanMs += Date.now() - scanning;
    if (init.write) this.known.push(...sent.filter(Boolean));
    return { status: res.status, body, text };
  }

  async graphql(label: string, query: string, membershipRoots: string[] = [], variables?: Record<string, unknown>): Promise<Answer> {
    const write = /^\s*mutation\b/.test(query);
    const answer = await this.http(label, this.stack.gatewayUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }), write }, membershipRoots);
    const limit = refusal(answer);
    if (limit) this.refused.push(`${label}: ${answer.status} ${limit.message}`);
    return answer;
  }

  /**
   * Sends one root selection; if the gateway finds it too costly (its estimate may count differently from ours),
   * splits it again with our budget scaled by how far over it was, and sends the pieces.
   */
  async selection(label: string, schema: GraphQLSchema, sel: FieldSel, membershipRoots: string[] = [], attempt = 0): Promise<Answer[]> {
    const request = toRequest(schema, "query", sel);
    const answer = await this.http(label, this.stack.gatewayUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(request) }, membershipRoots);
    const limit = refusal(answer);
    if (!limit) return [answer];
    const found = Number(limit.extensions?.found);
    const max = Number(limit.extensions?.limit);
    if (attempt < 2 && found > 0 && max > 0) {
      const budget = Math.floor((estimateCost(schema, "query", [sel]) * max * 0.8) / found);
      const pieces = splitToFit(schema, "query", sel, { ...GATEWAY_LIMITS, maxCost: budget });
      if (pieces.length > 1) {
        const answers: Answer[] = [];
        for (const [i, piece] of pieces.entries()) answers.push(...(await this.selection(`${label} [re-split ${i + 1}/${pieces.length}]`, schema, piece, membershipRoots, attempt + 1)));
        return answers;
      }
    }
    this.refused.push(`${label}: ${answer.status} ${limit.message}`);
    return [answer];
  }
}

/** The error of a request refused by the gateway's limits (parsing, validation: depth, aliases, cost; size). */
function refusal(answer: Answer): { message: string; extensions?: Record<string, unknown> } | undefined {
  const errors = answer.body?.errors ?? [];
  return errors.find((e) => ["GRAPHQL_VALIDATION_FAILED", "GRAPHQL_PARSE_FAILED"].includes(String(e.extensions?.code))) ?? (answer.status === 413 ? errors[0] ?? { message: "413" } : undefined);
}

/** Items grouped by the document they are sent as (their arguments travel as variables). */
function byDocument<T>(schema: GraphQLSchema, items: T[], sel: (item: T) => FieldSel): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = toRequest(schema, "query", sel(item)).query;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups.values()];
}

function labelOf(r: PlannedRequest): string {
  return `${r.label}${r.pieces > 1 ? ` [piece ${r.piece}/${r.pieces}]` : ""}`;
}

export interface QueryRunOptions {
  /** Cursors another caller (the owner) received, by variant: sent as `after` to see what they open. */
  replay?: Map<string, string>;
  /** Hand-made cursors sent as `after` on the first variant of every connection root. */
  forged: Array<{ label: string; cursor: string }>;
}

/** Runs every planned request, then second pages, replayed and forged cursors; returns the endCursors received. */
export async function runQueries(session: Session, plan: Plan, options: QueryRunOptions): Promise<Map<string, string>> {
  const endCursors = new Map<string, string>();
  // Requests that share a document go one after another: the first one makes the gateway plan it, the others reuse
  // the plan (several at once would each plan it, and planning a large federated query costs seconds).
  await pool(byDocument(plan.schema, plan.requests, (r) => r.sel), async (group) => {
    for (const r of group) {
      const started = Date.now();
      for (const answer of await session.selection(labelOf(r), plan.schema, r.sel, r.membership ? [r.root] : [])) {
        const root = answer.body?.data?.[r.root] as { pageInfo?: { endCursor?: unknown } } | null | undefined;
        const cursor = root?.pageInfo?.endCursor;
        if (r.connection && typeof cursor === "string") endCursors.set(r.variantKey, cursor);
      }
      session.timeByRoot.set(r.root, (session.timeByRoot.get(r.root) ?? 0) + Date.now() - started);
    }
  });
  const follow: Array<{ label: string; sel: FieldSel; membership: string[] }> = [];
  const firstOfRoot = new Set<string>();
  for (const pager of plan.pagers) {
    const membership = pager.membership ? [pager.root] : [];
    const own = endCursors.get(pager.variantKey);
    if (own) follow.push({ label: `${pager.label} [second page, after its own endCursor]`, sel: withAfter(pager.sel, own), membership });
    const replayed = options.replay?.get(pager.variantKey);
    if (replayed) follow.push({ label: `${pager.label} [after the owner's endCursor]`, sel: withAfter(pager.sel, replayed), membership });
    if (!firstOfRoot.has(pager.root)) {
      firstOfRoot.add(pager.root);
      for (const f of options.forged) follow.push({ label: `${pager.label} [after a hand-made cursor ${f.label}]`, sel: withAfter(pager.sel, f.cursor), membership });
    }
  }
  await pool(byDocument(plan.schema, follow, (f) => f.sel), async (group) => {
    for (const f of group) await session.selection(f.label, plan.schema, f.sel, f.membership);
  });
  return endCursors;
}
