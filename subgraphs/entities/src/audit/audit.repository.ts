import { auditTraceId, type AuditEvent, type Database } from "@cix/core";
import { AuditKind, type AuditEntry } from "./audit.types.js";

type Row = {
  seq: number;
  payload: string;
};

function toEntry(row: Row): AuditEntry {
  const event = JSON.parse(row.payload) as AuditEvent;
  return {
    seq: row.seq,
    at: event.at,
    kind: event.kind === "READ" ? AuditKind.READ : AuditKind.WRITE,
    requestId: event.requestId,
    traceId: auditTraceId(event),
    component: event.component,
    officer: event.sub,
    agency: event.agency,
    roles: event.roles,
    purpose: event.purpose,
    operations: event.operations,
    records: event.records.map((r) => ({ id: r.id, ownerAgency: r.ownerAgency ?? null, fields: r.fields, operations: r.operations })),
  };
}

/** Reads of the audit trail (newest first, keyset on seq). */
export class AuditRepository {
  constructor(private readonly db: Database) {}

  /** Entries of requests made by the agency's officers. */
  async byAgency(agency: string, beforeSeq: number | null, limit: number): Promise<AuditEntry[]> {
    const rows = await this.db.read<Row>(
      `MATCH (e:AuditEntry { agency: $agency }) WHERE $before IS NULL OR e.seq < $before
       RETURN e.seq AS seq, e.payload AS payload ORDER BY e.seq DESC LIMIT toInteger($limit)`,
      { agency, before: beforeSeq, limit },
    );
    return rows.map(toEntry);
  }

  /** Reads of records the agency owns (optionally of one record), whoever read them. */
  async readsOfOwner(ownerAgency: string, recordId: string | null, beforeSeq: number | null, limit: number): Promise<AuditEntry[]> {
    const rows = await this.db.read<Row>(
      `MATCH (e:AuditEntry { kind: 'READ' }) WHERE $owner IN e.ownerAgencies
         AND ($recordId IS NULL OR $recordId IN e.recordIds) AND ($before IS NULL OR e.seq < $before)
       RETURN e.seq AS seq, e.payload AS payload ORDER BY e.seq DESC LIMIT toInteger($limit)`,
      { owner: ownerAgency, recordId, before: beforeSeq, limit },
    );
    // Only the owner's own records are listed: another agency's records read in the same request are not theirs to see.
    return rows.map(toEntry).map((e) => ({ ...e, records: e.records.filter((r) => r.ownerAgency === ownerAgency && (!recordId || r.id === recordId)) }));
  }
}
