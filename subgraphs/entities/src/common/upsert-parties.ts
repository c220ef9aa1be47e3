import { upsertRecords, type RecordWrite, type Tx } from "@cix/core";

/** The two ways a party node is written: MERGE on its natural key, or CREATE when it has none. */
export interface PartyUpsert {
  /** `UNWIND $rows AS row MERGE … RETURN row.n AS n, party.id AS id, created, previousSource` (see `upsertRecords`) */
  merge: string;
  /** `UNWIND $rows AS row CREATE … RETURN row.n AS n, party.id AS id, created, previousSource` */
  create: string;
}

/** Writes a batch of parties with at most two statements (keyed rows merged, the others created); what each write did, in the rows' order. */
export async function upsertParties(
  tx: Tx,
  statements: PartyUpsert,
  rows: ReadonlyArray<{ keyed: boolean; params: Record<string, unknown> }>,
): Promise<RecordWrite[]> {
  const writes: RecordWrite[] = new Array(rows.length);
  for (const keyed of [true, false]) {
    const positions = rows.flatMap((r, i) => (r.keyed === keyed ? [i] : []));
    const written = await upsertRecords(tx, keyed ? statements.merge : statements.create, positions.map((i) => rows[i]!.params));
    written.forEach((write, k) => (writes[positions[k]!] = write));
  }
  return writes;
}
