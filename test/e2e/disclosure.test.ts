import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { foldText, type Role } from "@cix/core";
import type { GraphQLSchema } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authHeaders } from "../support/auth.js";
import { randomDigits, randomTag } from "../support/disclosure/canaries.js";
import { importNamingPlanted, readReports } from "../support/disclosure/imports.js";
import { mutationProbes, phase, probedMutations } from "../support/disclosure/mutations.js";
import { Planner, type Plan } from "../support/disclosure/plan.js";
import { deleteRunData, freshAgency, plant, type Planted } from "../support/disclosure/plant.js";
import { causes, formatReport } from "../support/disclosure/report.js";
import { runQueries, Session, type CallerSpec } from "../support/disclosure/runner.js";
import { Scanner, type Finding } from "../support/disclosure/scanner.js";
import { loadApiSchema } from "../support/disclosure/selection.js";
import { startTestStack, type TestStack } from "../support/stack.js";

/**
 * Issue 13: nominal data never reaches a caller who is not entitled to it, by any channel. Canaries are planted in
 * every nominal field of one fresh agency's records; then, for every root field of the API schema, requests are
 * generated that select everything reachable, with arguments naming the planted records and selecting by the
 * canaries, and sent as callers who may not read them. Every answer (status, headers, raw body, decoded tokens) is
 * searched for the canaries and for the ids and links of the planted persons, companies and identifiers. The same
 * requests sent by the owner agency's investigator with a purpose must find them: the search can fail.
 */

const purpose = () => `CASE-2024-${randomDigits(3)}`;

interface Caller {
  name: string;
  role: Role;
  agency: () => string;
  purpose: boolean;
}

/** Records everything found and prints one line per caller. */
function summary(session: Session, plan: Plan, ms: number): string {
  const codes = [...session.errorCodes].map(([c, n]) => `${c}×${n}`).join(" ");
  return `${session.caller.name}: ${session.requests} requests (${plan.requests.length} generated), ${session.findings.length} finding(s), errors ${codes || "none"}, ${(ms / 1000).toFixed(1)} s (${(session.scanMs / 1000).toFixed(1)} s searching)`;
}

function log(text: string): void {
  // eslint-disable-next-line no-console
  console.log(text);
}

describe("disclosure: nominal data reaches nobody who may not read it, by any channel", () => {
  let stack: TestStack;
  let schema: GraphQLSchema;
  let planted: Planted;
  let plan: Plan;
  let scanner: Scanner;
  let photoDir: string;
  let operationId: string;
  const owner = freshAgency("CNRY");
  const other = freshAgency("CNRYX");
  const ownerCursors = new Map<string, string>();
  const forged: Array<{ label: string; cursor: string }> = [];
  const allFindings: Finding[] = [];
  /** What each caller wrote in its writes test: its own data in the re-check after everyone's writes. */
  const known = new Map<string, string[]>();

  const callers: Caller[] = [
    { name: "partner of another agency (with a purpose)", role: "partner", agency: () => other, purpose: true },
    { name: "analyst of the owner agency (with a purpose)", role: "analyst", agency: () => owner, purpose: true },
    { name: "investigator of another agency, with a purpose", role: "investigator", agency: () => other, purpose: true },
    { name: "investigator of another agency, without a purpose", role: "investigator", agency: () => other, purpose: false },
    { name: "investigator of the owner agency, without a purpose", role: "investigator", agency: () => owner, purpose: false },
    { name: "admin of the owner agency (with a purpose)", role: "admin", agency: () => owner, purpose: true },
  ];

  async function session(name: string, role: Role, agency: string, withPurpose: boolean): Promise<Session> {
    const headers = await authHeaders({ role, agency, country: "NL", purpose: withPurpose ? purpose() : undefined, sub: `${role}-${randomTag(6)}@${agency}` });
    const spec: CallerSpec = { name, headers };
    return new Session(stack, scanner, spec);
  }

  /** The generated reads of P1 and C1, sent for the caller's own person and company instead. */
  async function readOwnRecords(s: Session, own: Partial<Record<"Person" | "Company" | "Seizure", string>>): Promise<void> {
    const p1 = planted.records.find((r) => r.kind === "Person")!.id;
    const c1 = planted.records.find((r) => r.kind === "Company")!.id;
    for (const r of plan.requests) {
      const id = r.sel.args?.id;
      const swap = id === JSON.stringify(p1) ? own.Person : id === JSON.stringify(c1) ? own.Company : undefined;
      if (!swap) continue;
      await s.selection(`${r.label.replace(/"[^"]*"/, "<own record>")} [piece ${r.piece}/${r.pieces}]`, schema, { ...r.sel, args: { ...r.sel.args, id: JSON.stringify(swap) } });
    }
  }

  beforeAll(async () => {
    const begun = Date.now();
    photoDir = mkdtempSync(path.join(tmpdir(), "cix-disclosure-photos-"));
    // Our own stack: no rate limits (hundreds of requests per caller), photos (should a probe be accepted) in a temp dir.
    stack = await startTestStack({ CIX_RATE_LIMIT_PER_SUB: "0", CIX_RATE_LIMIT_PER_AGENCY: "0", CIX_RATE_LIMIT_PER_IP: "0", CIX_PHOTO_DIR: photoDir });
    log(`disclosure: stack started in ${((Date.now() - begun) / 1000).toFixed(1)} s`);
    const started = Date.now();
    const asOwner = await authHeaders({ role: "investigator", agency: owner, country: "NL", purpose: purpose(), sub: `planter@${owner}` });
    planted = await plant(stack, owner, asOwner);
    schema = loadApiSchema();
    const planner = new Planner(schema, planted);
    plan = planner.plan();
    scanner = new Scanner(planted.book, planted.records);
    const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    forged.push(
      { label: '["<P1 full name, folded>","~"] (base64url JSON)', cursor: b64url([foldText(planted.values.fullName), "~"]) },
      { label: '["<P1 family name, folded>",""] (base64 JSON)', cursor: Buffer.from(JSON.stringify([foldText(planted.values.familyName), ""])).toString("base64") },
      { label: '["cnry","~"] (base64url JSON)', cursor: b64url(["cnry", "~"]) },
      { label: '["2100-01-01T00:00:00.000Z","~"] (base64url JSON)', cursor: b64url(["2100-01-01T00:00:00.000Z", "~"]) },
    );
    // An operation of the other agency, for writes that share planted records into it.
    const lead = await authHeaders({ role: "supervisor", agency: other, country: "NL", purpose: purpose() });
    const opened = await stack.query<{ openOperation: { id: string } }>(
      `mutation($i: OpenOperationInput!) { openOperation(input: $i) { id } }`,
      { i: { name: `Disclosure ${other}`, memberAgencies: [other], endsAt: new Date(Date.now() + 86_400_000).toISOString(), retentionDays: 1 } },
      lead,
    );
    if (!opened.data?.openOperation) throw new Error(`could not open the helper operation: ${JSON.stringify(opened.errors)}`);
    operationId = opened.data.openOperation.id;
    log(
      [
        `disclosure: planted ${planted.records.length} records and ${planted.book.canaries.length} canaries for ${owner} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        `disclosure: ${plan.requests.length} generated query requests (+ second pages, replayed and hand-made cursors) for ${Object.keys(schema.getQueryType()!.getFields()).length} root fields; ${plan.fieldPaths} field paths; schema coordinates covered ${plan.coveredCoordinates}/${plan.totalCoordinates}`,
        `disclosure: planting: ${planted.timings.join(", ")}`,
        `disclosure: levels of records per root field: ${[...planner.levels].map(([f, l]) => `${f}=${l}`).join(" ")}`,
        plan.uncovered.length ? `disclosure: not selected by any query (reached by the mutation phase or not at all): ${plan.uncovered.join(", ")}` : "",
        plan.skipped.length ? `disclosure: root fields skipped: ${plan.skipped.join("; ")}` : "",
      ]
        .filter(Boolean)
        .join("\n"),
    );
  }, 240_000);

  afterAll(async () => {
    if (allFindings.length) {
      const file = path.join(tmpdir(), `cix-disclosure-${planted?.book.run ?? "run"}.json`);
      writeFileSync(file, JSON.stringify({ causes: causes(allFindings), findings: allFindings }, null, 2));
      log(`disclosure: ${allFindings.length} finding(s) in ${causes(allFindings).length} group(s); all of them in ${file}`);
    }
    if (stack) {
      await deleteRunData(stack.db, [owner, other]);
      await stack.stop();
    }
    if (photoDir) rmSync(photoDir, { recursive: true, force: true });
  });

  it("finds every canary, id, link, count and list when the owner agency's investigator states a purpose (the search can fail)", async () => {
    const started = Date.now();
    const s = await session("investigator of the owner agency, with a purpose (control)", "investigator", owner, true);
    const cursors = await runQueries(s, plan, { forged });
    for (const [k, v] of cursors) ownerCursors.set(k, v);
    await readReports(s, planted.importJobId, "owner's job");
    log(summary(s, plan, Date.now() - started));
    log(`  time per root field: ${[...s.timeByRoot].sort((a, b) => b[1] - a[1]).map(([f, ms]) => `${f} ${(ms / 1000).toFixed(1)} s`).join(", ")}`);
    expect(plan.invalid, "generated requests that are not valid GraphQL for the schema").toEqual([]);
    expect(s.refused, "requests the gateway refused for its limits: the generator must split them").toEqual([]);
    const found = new Set(s.findings.filter((f) => f.rule === "value").map((f) => f.what));
    const missing = planted.book.canaries.filter((c) => !c.optional && ![...found].some((w) => w.startsWith(`${c.kind} of ${c.record} = `)));
    expect(missing.map((c) => `${c.kind} of ${c.record}`), "canaries the owner's own investigator could not find: the generator misses their paths").toEqual([]);
    for (const rule of ["id", "link", "count", "membership"] as const) {
      expect(s.findings.some((f) => f.rule === rule), `the ${rule} rule found nothing even for the owner`).toBe(true);
    }
  }, 300_000);

  it.each(callers)("$name reads nothing nominal through any query, cursor, error or report", async (caller) => {
    const started = Date.now();
    const s = await session(caller.name, caller.role, caller.agency(), caller.purpose);
    await runQueries(s, plan, { forged, replay: ownerCursors });
    await readReports(s, planted.importJobId, "owner's job");
    log(summary(s, plan, Date.now() - started));
    allFindings.push(...s.findings);
    expect(s.refused, "requests the gateway refused for its limits: the generator must split them").toEqual([]);
    expect(s.findings.length, formatReport(s.findings)).toBe(0);
  }, 120_000);

  it.each(callers)("$name's writes naming planted records answer nothing nominal", async (caller) => {
    const s = await session(caller.name, caller.role, caller.agency(), caller.purpose);
    const own: Partial<Record<"Person" | "Company" | "Seizure", string>> = {};
    let probed = 0;
    let ownRead = false;
    const accepted: string[] = [];
    for (const name of probedMutations(schema)) {
      if (phase(name) >= 2 && !ownRead) {
        // The caller's own records now hold the planted identifiers: read them as the generator reads P1 and C1.
        ownRead = true;
        await readOwnRecords(s, own);
      }
      for (const probe of mutationProbes(schema, { records: planted.records, values: planted.values, operationId, own }, name)) {
        probed += 1;
        const answer = await s.graphql(`mutation ${probe.label}`, probe.query, [], probe.variables);
        const data = answer.body?.data?.[probe.mutation] as { id?: string } | null | undefined;
        if (data !== null && data !== undefined) {
          const named = [...new Set([...probe.label.matchAll(/"([0-9a-f-]{36})"/g)].map((m) => planted.byId.get(m[1]!)?.label.split(" (")[0] ?? "own"))];
          accepted.push(`${probe.mutation}(${named.join(", ")})${probe.label.endsWith("[own record first]") ? " [own first]" : ""}`);
        }
        if (data?.id && /^upsert(Person|Company|Seizure)$/.test(probe.mutation)) own[probe.returns as "Person" | "Company" | "Seizure"] ??= data.id;
      }
    }
    expect(probed).toBeGreaterThan(10);
    await importNamingPlanted(s, schema, planted, caller.agency() !== owner);
    known.set(caller.name, s.known);
    log(`${caller.name}, writes: ${probed} mutations, ${s.requests} requests, ${s.findings.length} finding(s); accepted (not a disclosure by itself): ${accepted.join(", ") || "none"}`);
    allFindings.push(...s.findings);
    expect(s.findings.length, formatReport(s.findings)).toBe(0);
  }, 120_000);

  it.each(callers)("after everyone's writes, $name still reads nothing nominal of the planted records", async (caller) => {
    const s = await session(caller.name, caller.role, caller.agency(), caller.purpose);
    s.known.push(...(known.get(caller.name) ?? []));
    const byRecord = { ...plan, requests: plan.requests.filter((r) => Object.keys(r.sel.args ?? {}).some((a) => a === "id")), pagers: [] };
    await runQueries(s, byRecord, { forged: [] });
    allFindings.push(...s.findings);
    expect(s.findings.length, formatReport(s.findings)).toBe(0);
  }, 120_000);
});
