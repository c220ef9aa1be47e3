import { afterAll, it } from "vitest";
import { TokenService } from "@cix/core";
import { buildManifest, generateDataset, loadPlan, type LoadResult } from "@cix/seed";
import { startTestStack, unique, type TestStack } from "../support/stack.js";

let stack: TestStack;
const tag = unique("F").replace("-", "");
const rename = (c: string) => `${c}-${tag}`;
const plan = generateDataset({ scale: "demo", seed: 2025 });
afterAll(async () => {
  const agencies = plan.agencies.map((a) => rename(a.code));
  await stack.db.write(`MATCH (r:Person|Company|Seizure|Order|Payment|Shipment) WHERE r.ownerAgency IN $agencies
     OPTIONAL MATCH (r)-[:GOODS|HAS_ITEM|HAS_EVENT|PHOTO]->(child)
     OPTIONAL MATCH (r)-[:USES|LOCATED_AT|HOLDS|HOLDS_ACCOUNT|DECLARED|FROM|TO]->(identifier)
     WITH collect(DISTINCT r) + collect(DISTINCT child) AS doomed, collect(DISTINCT identifier) AS identifiers
     FOREACH (n IN doomed | DETACH DELETE n)
     WITH identifiers UNWIND identifiers AS identifier WITH identifier WHERE NOT EXISTS { (identifier)--() } DELETE identifier`, { agencies });
  await stack.db.write("MATCH (op:Operation) WHERE op.leadAgency IN $agencies DETACH DELETE op", { agencies });
  await stack.stop();
}, 300_000);
it("loads the full demo", { timeout: 600_000 }, async () => {
  stack = await startTestStack();
  const loaded: LoadResult = await loadPlan(plan, { gatewayUrl: stack.gatewayUrl, tokens: new TokenService(stack.config), agencyCode: rename, concurrency: Number(process.env.CONC ?? 8), log: { info: (o: unknown, m?: string) => console.error(m, JSON.stringify(o)), warn: (m: unknown) => console.error(m) } as never });
  console.error("FULL LOAD", loaded.ms, JSON.stringify(loaded.counts), loaded.skipped);
  const m = buildManifest(plan, loaded);
  console.error(JSON.stringify(m.rings.map(r => ({ i: r.index, p: r.persons.length, c: r.companies.length, s: r.seizures.length, o: r.orders.length, sh: r.shipments.length, shared: r.shared }))));
});
