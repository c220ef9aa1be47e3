import { createHmac } from "node:crypto";
import canonicalize from "canonicalize";
import { Counter } from "prom-client";
import type { Database } from "../neo4j/database.js";
import type { AuditRecord } from "./collector.js";

export const auditSchema = [
  "CREATE CONSTRAINT audit_head IF NOT EXISTS FOR (h:AuditHead) REQUIRE h.id IS UNIQUE",
  "CREATE CONSTRAINT audit_seq IF NOT EXISTS FOR (e:AuditEntry) REQUIRE e.seq IS UNIQUE",
  "CREATE INDEX audit_agency IF NOT EXISTS FOR (e:AuditEntry) ON (e.agency)",
  "CREATE INDEX audit_at IF NOT EXISTS FOR (e:AuditEntry) ON (e.at)",
];

export interface AuditEvent {
  kind: "READ" | "WRITE";
  at: string;
  requestId: string;
  /** The W3C `traceparent` the request came with, if any (entries from before it was kept have none). */
  traceparent?: string | null;
  component: string;
  sub: string;
  agency: string;
  roles: string[];
  purpose: string | null;
  /** Mutation or query root fields involved. */
  operations: string[];
  records: AuditRecord[];
}

const GENESIS = "0".repeat(64);

/** The trace id of the request an entry records (the second field of its `traceparent`), or null. */
export function auditTraceId(event: Pick<AuditEvent, "traceparent">): string | null {
  return event.traceparent?.split("-")[1] ?? null;
}

const auditAppends = new Counter({
  name: "cix_audit_entries_total",
  help: "Audit entries appended (kind READ or WRITE), and those that could not be (outcome failed: the request's data was withheld)",
  labelNames: ["kind", "outcome"] as const,
});

function entryHash(key: Uint8Array, prevHash: string, seq: number, payload: string): string {
  return createHmac("sha256", key).update(`${prevHash}\n${seq}\n${payload}`).digest("hex");
}

/**
 * What the chain's head keeps of the key it was started with: an HMAC under the key of a fixed text, which tells a
 * wrong key from tampering and says nothing about the key itself.
 */
export function auditKeyFingerprint(key: Uint8Array): string {
  return createHmac("sha256", key).update("cix-audit-key-fingerprint").digest("hex");
}

/** The audit key of this process is not the key the chain was started with (CIX_AUDIT_KEY differs). */
export class AuditKeyMismatchError extends Error {
  constructor() {
    super("The audit key (CIX_AUDIT_KEY) is not the key the audit trail was started with: nothing was appended");
  }
}

/**
 * Appends one entry to the append-only audit trail. Entries form a keyed hash chain (each HMAC covers the
 * previous hash, the sequence number and the canonical JSON of the event; the key is not in the database), so
 * any later change, insertion or deletion breaks `verifyAuditTrail`. Resolves once the entry is committed.
 *
 * The chain has one head, so writers are serialised on it. To keep that from capping throughput, appends that
 * arrive while a write is in flight are committed together in the next transaction (group commit): one head
 * lock and one round trip for the whole batch.
 */
export function appendAudit(db: Database, key: Uint8Array, event: AuditEvent): Promise<void> {
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = new AuditBatcher(db);
    batchers.set(db, batcher);
  }
  return batcher.append(key, event);
}

interface Pending {
  key: Uint8Array;
  event: AuditEvent;
  resolve: () => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 200;
const batchers = new WeakMap<Database, AuditBatcher>();

class AuditBatcher {
  private queue: Pending[] = [];
  private flushing = false;

  constructor(private readonly db: Database) {}

  append(key: Uint8Array, event: AuditEvent): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ key, event, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        await writeBatch(this.db, batch);
        batch.forEach((p) => p.resolve());
        batch.forEach((p) => auditAppends.inc({ kind: p.event.kind, outcome: "appended" }));
      } catch (error) {
        batch.forEach((p) => p.reject(error));
        batch.forEach((p) => auditAppends.inc({ kind: p.event.kind, outcome: "failed" }));
      }
    }
    this.flushing = false;
  }
}

async function writeBatch(db: Database, batch: readonly Pending[]): Promise<void> {
  await db.transaction(async (tx) => {
    const fingerprint = auditKeyFingerprint(batch[0]!.key);
    // A chain from before fingerprints were kept gets this writer's: it has kept the chain intact so far.
    const [head] = await tx.run<{ seq: number; hash: string; keyFingerprint: string }>(
      `MERGE (h:AuditHead { id: 'audit' }) ON CREATE SET h.seq = 0, h.hash = $genesis
       SET h.lockedAt = datetime(), h.keyFingerprint = coalesce(h.keyFingerprint, $fingerprint)
       RETURN h.seq AS seq, h.hash AS hash, h.keyFingerprint AS keyFingerprint`,
      { genesis: GENESIS, fingerprint },
    );
    // A process with another key would append entries that look like tampering to every later verification, and
    // the disclosure it records would go unaccounted: it fails instead (the caller's request fails with it).
    if (head!.keyFingerprint !== fingerprint) throw new AuditKeyMismatchError();
    let seq = head!.seq;
    let prevHash = head!.hash;
    const entries = batch.map(({ key, event }) => {
      const payload = canonicalize(event)!;
      seq += 1;
      const hash = entryHash(key, prevHash, seq, payload);
      const entry = {
        seq,
        prevHash,
        hash,
        payload,
        kind: event.kind,
        at: event.at,
        agency: event.agency,
        sub: event.sub,
        requestId: event.requestId,
        traceId: auditTraceId(event),
        recordIds: event.records.map((r) => r.id),
        ownerAgencies: [...new Set(event.records.map((r) => r.ownerAgency).filter((a): a is string => !!a))],
      };
      prevHash = hash;
      return entry;
    });
    await tx.run(
      `UNWIND $entries AS entry
       CREATE (e:AuditEntry) SET e = entry, e.at = datetime(entry.at)
       WITH count(e) AS written
       MATCH (h:AuditHead { id: 'audit' }) SET h.seq = $seq, h.hash = $hash`,
      { entries, seq, hash: prevHash },
    );
  });
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  /** The key is not the one the chain was started with (its fingerprint differs): no entry was checked. */
  wrongKey?: boolean;
  /**
   * The chain's head holds the fingerprint of its key. False only for a chain started before fingerprints were kept
   * and not appended to since, where a wrong key cannot be told from tampering (it shows as altered at entry 1).
   */
  fingerprinted: boolean;
  /** The first entry whose hash or link does not match. */
  firstBrokenSeq?: number;
  problem?: string;
}

/**
 * Checks the key against the fingerprint on the chain's head, then recomputes the chain up to the head as it is
 * now (entries appended meanwhile are left for the next run) and reports the first entry that was altered,
 * inserted or removed.
 */
export async function verifyAuditTrail(db: Database, key: Uint8Array, batchSize = 5000): Promise<AuditVerification> {
  const [head] = await db.read<{ seq: number; hash: string; keyFingerprint: string | null }>(
    "MATCH (h:AuditHead { id: 'audit' }) RETURN h.seq AS seq, h.hash AS hash, h.keyFingerprint AS keyFingerprint",
  );
  const fingerprinted = typeof head?.keyFingerprint === "string";
  if (fingerprinted && head!.keyFingerprint !== auditKeyFingerprint(key)) return { ok: false, entries: 0, wrongKey: true, fingerprinted, problem: "wrong key" };
  const result = await verifyChain(db, key, head, batchSize);
  return { ...result, fingerprinted };
}

async function verifyChain(
  db: Database,
  key: Uint8Array,
  head: { seq: number; hash: string } | undefined,
  batchSize: number,
): Promise<Omit<AuditVerification, "fingerprinted">> {
  const last = head?.seq ?? 0;
  let prevHash = GENESIS;
  let expectedSeq = 1;
  while (expectedSeq <= last) {
    const rows = await db.read<{ seq: number; prevHash: string; hash: string; payload: string }>(
      `MATCH (e:AuditEntry) WHERE $from <= e.seq <= $to
       RETURN e.seq AS seq, e.prevHash AS prevHash, e.hash AS hash, e.payload AS payload ORDER BY e.seq`,
      { from: expectedSeq, to: Math.min(last, expectedSeq + batchSize - 1) },
    );
    if (rows.length === 0) return { ok: false, entries: expectedSeq - 1, firstBrokenSeq: expectedSeq, problem: "missing entry" };
    for (const row of rows) {
      if (row.seq !== expectedSeq) return { ok: false, entries: expectedSeq - 1, firstBrokenSeq: expectedSeq, problem: "missing entry" };
      if (row.prevHash !== prevHash) return { ok: false, entries: expectedSeq - 1, firstBrokenSeq: row.seq, problem: "chain link broken" };
      if (entryHash(key, prevHash, row.seq, row.payload) !== row.hash) {
        return { ok: false, entries: expectedSeq - 1, firstBrokenSeq: row.seq, problem: "entry altered" };
      }
      prevHash = row.hash;
      expectedSeq++;
    }
  }
  if (head && head.hash !== prevHash) return { ok: false, entries: last, firstBrokenSeq: last, problem: "head does not match the last entry" };
  return checkNoFork(db, last, prevHash);
}

/**
 * No fork: entries and the head are written in one transaction, so an entry after the head can only be one appended
 * since the head was read, and it continues the chain. Entries committed without moving the head (a second chain
 * growing from the same point) are caught here: they sit after the head as it is read again once they were seen.
 * Their hashes are recomputed by the next run, when the head covers them.
 */
async function checkNoFork(db: Database, last: number, lastHash: string): Promise<Omit<AuditVerification, "fingerprinted">> {
  const later = await db.read<{ seq: number; prevHash: string; hash: string }>(
    "MATCH (e:AuditEntry) WHERE e.seq > $last RETURN e.seq AS seq, e.prevHash AS prevHash, e.hash AS hash ORDER BY e.seq",
    { last },
  );
  let prevHash = lastHash;
  for (const [i, row] of later.entries()) {
    if (row.seq !== last + 1 + i) return { ok: false, entries: last, firstBrokenSeq: last + 1 + i, problem: "missing entry" };
    if (row.prevHash !== prevHash) return { ok: false, entries: last, firstBrokenSeq: row.seq, problem: "chain link broken" };
    prevHash = row.hash;
  }
  if (later.length > 0) {
    const [now] = await db.read<{ seq: number }>("MATCH (h:AuditHead { id: 'audit' }) RETURN h.seq AS seq");
    const covered = now?.seq ?? 0;
    if (covered < later[later.length - 1]!.seq) return { ok: false, entries: last, firstBrokenSeq: covered + 1, problem: "entry after the head (written without moving it)" };
  }
  return { ok: true, entries: last };
}
