import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { testConfig, testDatabase } from "../../../test/support/stack.js";
import { loadSecrets } from "../auth/secrets.js";
import { AuditKeyMismatchError, appendAudit, verifyAuditTrail, type AuditEvent } from "./trail.js";

/** Group commit must keep one unbroken chain when many appends from several processes race (real Neo4j). */
describe("audit trail group commit", () => {
  const dbs = [testDatabase("audit-a"), testDatabase("audit-b")];
  const key = loadSecrets(testConfig()).auditKey;
  const agency = `AUDIT-${randomUUID().slice(0, 8).toUpperCase()}`;

  afterAll(async () => {
    await Promise.all(dbs.map((db) => db.close()));
  });

  const event = (i: number): AuditEvent => ({
    kind: "READ",
    at: new Date().toISOString(),
    requestId: `${agency}-${i}`,
    component: "test",
    sub: `officer-${i}`,
    agency,
    roles: ["investigator"],
    purpose: "CASE-1",
    operations: ["person"],
    records: [{ id: `rec-${i}`, ownerAgency: agency, fields: ["Person.fullName"], operations: [] }],
  });

  it("commits 120 concurrent appends from two connections as 120 chained entries", async () => {
    await Promise.all(Array.from({ length: 120 }, (_, i) => appendAudit(dbs[i % 2]!, key, event(i))));
    const [row] = await dbs[0]!.read<{ n: number; seqs: number }>(
      "MATCH (e:AuditEntry { agency: $agency }) RETURN count(e) AS n, count(DISTINCT e.seq) AS seqs",
      { agency },
    );
    expect(row).toEqual({ n: 120, seqs: 120 });
    const verdict = await verifyAuditTrail(dbs[0]!, key);
    expect(verdict.ok, JSON.stringify(verdict)).toBe(true);
  });

  it("refuses to append with another key, so a misconfigured process cannot make the chain look tampered with", async () => {
    await appendAudit(dbs[0]!, key, event(1000));
    const otherKey = new Uint8Array(32).fill(7);
    await expect(appendAudit(dbs[1]!, otherKey, event(1001))).rejects.toBeInstanceOf(AuditKeyMismatchError);
    const [written] = await dbs[0]!.read<{ n: number }>("MATCH (e:AuditEntry { requestId: $id }) RETURN count(e) AS n", { id: `${agency}-1001` });
    expect(written!.n).toBe(0);
    expect(await verifyAuditTrail(dbs[0]!, otherKey)).toMatchObject({ ok: false, wrongKey: true, entries: 0 });
    expect((await verifyAuditTrail(dbs[0]!, key)).ok).toBe(true);
  });
});
