import { squash, type Canary, type CanaryBook } from "./canaries.js";
import { NOMINAL_KINDS, type PlantedRecord } from "./plant.js";

/**
 * Searches one HTTP exchange (status, every header, the raw body) for the planted canaries and for the ids of planted
 * persons, companies and identifiers, in plain text, case-insensitively, normalised (accents, spaces, punctuation),
 * and inside every token that decodes as base64, base64url, hex or URL-encoding (twice, so a cursor inside a
 * URL-encoded value is opened too). What the request itself carried is not a disclosure and is left out.
 * On the response data it also looks for links (a planted record nested under another where either is a person,
 * company or identifier), counts (a connection under a planted person or company that is not empty) and list
 * membership (a list selected by a canary, or a list of parties selected by the owner agency, that is not empty).
 */

export type Rule = "value" | "id" | "link" | "count" | "membership";

export interface Finding {
  caller: string;
  /** The request, e.g. "person(id: P1) [piece 2/6]". */
  request: string;
  rule: Rule;
  /** What leaked: a canary's kind and record, or a planted record. */
  what: string;
  /** The same without the record, for grouping: "Person.fullName", "id of Person", "Person → Order". */
  category: string;
  /** Where in the answer: a header, a JSON path of the body, or "status". */
  where: string;
  /** How it was written there: plain, case-insensitive, normalised, base64url > JSON… */
  encoding: string;
  excerpt: string;
}

export interface Exchange {
  caller: string;
  request: string;
  /** Everything the caller sent (query text, variables, URL, body): what it carried is not disclosed to it. */
  sent: string[];
  status: number;
  headers: Array<[string, string]>;
  text: string;
  /** Root field whose answer is a list selected by a canary or (for parties) by the owner agency. */
  membershipRoots?: string[];
}

const MAX_DECODE_DEPTH = 2;

function printable(text: string): boolean {
  if (text.length < 4 || text.includes("\uFFFD")) return false;
  const ok = text.replace(/[^\x20-\x7E\u00A0-\u024F\t\r\n]/g, "").length;
  return ok / text.length >= 0.9;
}

/** Every decoding of `token` that gives readable text, with the name of the encoding. */
function decodings(token: string): Array<{ encoding: string; text: string }> {
  const out: Array<{ encoding: string; text: string }> = [];
  const push = (encoding: string, text: string) => {
    if (printable(text) && text !== token && !out.some((o) => o.text === text)) out.push({ encoding, text });
  };
  if (/%[0-9A-Fa-f]{2}/.test(token)) {
    try {
      push("URL-encoded", decodeURIComponent(token.replace(/\+/g, " ")));
    } catch {
      // not valid URL-encoding
    }
  }
  if (/^(?:[0-9a-fA-F]{2}){4,}$/.test(token)) push("hex", Buffer.from(token, "hex").toString("utf8"));
  if (token.length >= 8) {
    for (let offset = 0; offset < 4 && token.length - offset >= 8; offset++) {
      const t = token.slice(offset);
      if (/^[A-Za-z0-9+/]+={0,2}$/.test(t)) push(offset ? `base64 (from character ${offset})` : "base64", Buffer.from(t, "base64").toString("utf8"));
      if (/^[A-Za-z0-9_-]+={0,2}$/.test(t)) push(offset ? `base64url (from character ${offset})` : "base64url", Buffer.from(t, "base64url").toString("utf8"));
    }
  }
  return out;
}

/** The text and everything decodable inside it (tokens of base64, base64url, hex, URL-encoding), recursively. */
export function expand(text: string, depth = 0, chain: string[] = []): Array<{ chain: string[]; text: string }> {
  const out = [{ chain, text }];
  if (depth >= MAX_DECODE_DEPTH) return out;
  const tokens = new Set([text, ...(text.match(/[A-Za-z0-9+/=_%.-]{8,}/g) ?? []), ...(text.match(/[A-Za-z0-9+/=_-]{8,}/g) ?? [])]);
  for (const token of tokens) {
    for (const d of decodings(token)) out.push(...expand(d.text, depth + 1, [...chain, d.encoding]));
  }
  return out;
}

interface Target {
  kind: "canary" | "id" | "marker";
  what: string;
  category: string;
  canary?: Canary;
  lower: string[];
  squashed: string[];
  /** The real value, to say whether it appeared exactly. */
  exact: string;
}

export class Scanner {
  private readonly targets: Target[];

  constructor(
    readonly book: CanaryBook,
    readonly records: PlantedRecord[],
  ) {
    this.targets = [
      ...book.canaries.map((c): Target => ({ kind: "canary", what: `${c.kind} of ${c.record} = "${c.value}"`, category: c.kind, canary: c, lower: c.forms, squashed: c.squashed, exact: c.value })),
      ...records
        .filter((r) => NOMINAL_KINDS.has(r.kind))
        .map((r): Target => ({ kind: "id", what: `id of ${r.label}`, category: `id of ${r.kind}`, lower: [r.id.toLowerCase()], squashed: [squash(r.id)].filter((s) => s.length >= 16), exact: r.id })),
    ];
  }

  private readonly byId = new Map<string, PlantedRecord>();

  private record(id: unknown): PlantedRecord | undefined {
    if (typeof id !== "string") return undefined;
    if (this.byId.size === 0) for (const r of this.records) this.byId.set(r.id, r);
    return this.byId.get(id);
  }

  /** The targets a request carried (in any encoding): echoing them back discloses nothing. */
  private carried(sent: string[]): Set<Target> {
    const out = new Set<Target>();
    for (const text of sent) for (const t of this.carriedBy(text)) out.add(t);
    return out;
  }

  private readonly markerCache = new Map<string, boolean>();

  private carriesMarker(text: string): boolean {
    let hit = this.markerCache.get(text);
    if (hit === undefined) {
      hit = expand(text).some((e) => squash(e.text).includes(this.book.marker));
      if (this.markerCache.size < 5000) this.markerCache.set(text, hit);
    }
    return hit;
  }

  /** Targets one sent text carries, cached (a caller's earlier writes are looked at again with every request). */
  private readonly carriedCache = new Map<string, Target[]>();

  private carriedBy(text: string): Target[] {
    let hit = this.carriedCache.get(text);
    if (!hit) {
      const texts = expand(text).map((e) => e.text);
      const lower = texts.map((t) => t.toLowerCase());
      const squashed = texts.map(squash);
      hit = this.targets.filter((t) => t.lower.some((f) => lower.some((x) => x.includes(f))) || t.squashed.some((f) => squashed.some((x) => x.includes(f))));
      if (this.carriedCache.size < 5000) this.carriedCache.set(text, hit);
    }
    return hit;
  }

  scan(exchange: Exchange): Finding[] {
    const carried = this.carried(exchange.sent);
    const markerCarried = exchange.sent.some((s) => this.carriesMarker(s));
    const findings = new Map<string, Finding>();
    const report = (f: Omit<Finding, "caller" | "request">) => {
      const key = `${f.rule}|${f.what}|${f.where}`;
      if (!findings.has(key)) findings.set(key, { caller: exchange.caller, request: exchange.request, ...f });
    };

    const searchText = (text: string, where: string) => {
      for (const { chain, text: t } of expand(text)) {
        const lower = t.toLowerCase();
        const squashed = squash(t);
        const via = chain.length ? `${chain.join(" > ")} > ` : "";
        let matched = false;
        for (const target of this.targets) {
          if (carried.has(target)) continue;
          let encoding: string | undefined;
          if (t.includes(target.exact)) encoding = "plain";
          else if (target.lower.some((f) => lower.includes(f))) encoding = "case-insensitive";
          else if (target.squashed.some((f) => squashed.includes(f))) encoding = "normalised (case, accents, spaces, punctuation)";
          if (!encoding) continue;
          matched = true;
          report({ rule: target.kind === "id" ? "id" : "value", what: target.what, category: target.category, where, encoding: `${via}${encoding}`, excerpt: excerpt(t, target) });
        }
        if (!matched && !markerCarried && squashed.includes(this.book.marker)) {
          report({ rule: "value", what: `an unlisted text with this run's canary marker "${this.book.marker}"`, category: "canary marker", where, encoding: `${via}normalised`, excerpt: t.slice(0, 160) });
        }
      }
    };

    searchText(`HTTP ${exchange.status}`, "status");
    for (const [name, value] of exchange.headers) searchText(value, `header ${name}`);
    let body: unknown;
    try {
      body = JSON.parse(exchange.text);
    } catch {
      body = undefined;
    }
    if (body === undefined) searchText(exchange.text, "body");
    else {
      walkStrings(body, "", (text, path) => searchText(text, `body ${path || "(root)"}`));
      const data = (body as { data?: unknown } | null)?.data;
      if (data && typeof data === "object") {
        this.links(data, "data", [], report);
        for (const root of exchange.membershipRoots ?? []) this.membership(root, (data as Record<string, unknown>)[root], report);
      }
    }
    return [...findings.values()];
  }

  /**
   * A planted record directly under another planted record (no other record in between), where either is a
   * person, company or identifier: a link between them. A record in between (the caller's own person holding a
   * planted phone, say) makes it that record's relationship, not the planted one's.
   */
  private links(value: unknown, path: string, ancestors: Array<PlantedRecord | null>, report: (f: Omit<Finding, "caller" | "request">) => void): void {
    if (Array.isArray(value)) return value.forEach((v, i) => this.links(v, `${path}[${i}]`, ancestors, report));
    if (!value || typeof value !== "object") return;
    const object = value as Record<string, unknown>;
    const isRecord = typeof object.id === "string";
    const self = this.record(object.id);
    const parent = ancestors.at(-1);
    if (self && parent && parent.id !== self.id && (NOMINAL_KINDS.has(parent.kind) || NOMINAL_KINDS.has(self.kind))) {
      report({ rule: "link", what: `${parent.label} → ${self.label}`, category: `${parent.kind} → ${self.kind}`, where: `body ${path}`, encoding: "JSON", excerpt: `${self.kind} ${self.id} inside ${parent.kind} ${parent.id}` });
    }
    // The same record twice in a row (a network node and its record) is one level.
    const next = !isRecord || (self && self.id === parent?.id) ? ancestors : [...ancestors, self ?? null];
    // A connection under a person or company that holds something tells that they have such records (a count).
    const holder = next.at(-1);
    if (holder && NOMINAL_KINDS.has(holder.kind) && !isRecord) {
      const pageInfo = object.pageInfo as { hasNextPage?: unknown; endCursor?: unknown } | undefined;
      const items = [object.nodes, object.edges].filter(Array.isArray) as unknown[][];
      if (pageInfo && (pageInfo.hasNextPage === true || (pageInfo.endCursor !== null && pageInfo.endCursor !== undefined) || items.some((l) => l.length > 0))) {
        report({ rule: "count", what: `records linked to ${holder.label}`, category: `records linked to a ${holder.kind}`, where: `body ${path}`, encoding: "JSON", excerpt: JSON.stringify({ pageInfo, items: items.map((l) => l.length) }) });
      }
    }
    for (const [k, v] of Object.entries(object)) this.links(v, `${path}.${k}`, next, report);
  }

  /** A list selected by a canary (or a list of parties selected by the owner agency) must hold nothing, not even a count. */
  private membership(root: string, value: unknown, report: (f: Omit<Finding, "caller" | "request">) => void): void {
    if (value === null || value === undefined) return;
    const v = value as { nodes?: unknown[]; edges?: unknown[]; pageInfo?: { hasNextPage?: unknown; endCursor?: unknown } };
    const items = Array.isArray(value) ? value : [...(v.nodes ?? []), ...(v.edges ?? [])];
    const nonEmpty = items.length > 0 || v.pageInfo?.hasNextPage === true || (v.pageInfo?.endCursor !== null && v.pageInfo?.endCursor !== undefined);
    if (!nonEmpty) return;
    const ids = new Set<string>();
    walkStrings(items, "", (text, path) => {
      if (/(^|\.)(id)$/.test(path) && this.record(text)) ids.add(this.record(text)!.label);
    });
    report({
      rule: "membership",
      category: `list ${root}`,
      what: ids.size ? `planted records listed: ${[...ids].join(", ")}` : "a non-empty answer (items, hasNextPage or endCursor)",
      where: `body data.${root}`,
      encoding: "JSON",
      excerpt: JSON.stringify({ items: items.length, pageInfo: v.pageInfo ?? null }).slice(0, 200),
    });
  }
}

function walkStrings(value: unknown, path: string, visit: (text: string, path: string) => void): void {
  if (typeof value === "string") return visit(value, path);
  if (typeof value === "number" || typeof value === "boolean") return visit(String(value), path);
  if (Array.isArray(value)) return value.forEach((v, i) => walkStrings(v, `${path}[${i}]`, visit));
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      visit(k, `${path}${path ? "." : ""}${k} (key)`);
      walkStrings(v, `${path}${path ? "." : ""}${k}`, visit);
    }
  }
}

function excerpt(text: string, target: Target): string {
  const lower = text.toLowerCase();
  const at = [target.exact.toLowerCase(), ...target.lower].map((f) => lower.indexOf(f)).find((i) => i >= 0) ?? -1;
  if (at < 0) return text.slice(0, 120);
  return text.slice(Math.max(0, at - 40), at + target.exact.length + 40);
}
