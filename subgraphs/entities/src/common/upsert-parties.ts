import { upsertRows, type Tx } from "@cix/core";

/** The two ways a party node is written: MERGE on its natural key, or CREATE when it has none. */
export interface PartyUpsert {
  /** `UNWIND $rows AS row MERGE … RETURN row.n AS n, party.id AS id` */
  merge: string;
  /** `UNWIND $rows AS row CREATE … RETURN row.n AS n, party.id AS id` */
  create: string;
}

/** Writes a batch of parties with at most two statements (keyed rows merged, the others created); ids in the rows' order. */
export async function upsertParties(tx: Tx, statements: PartyUpsert, rows: ReadonlyArray<{ keyed: boolean; params: Record<string, unknown> }>): Promise<string[]> {
  const ids: string[] = new Array(rows.length);
  for (const keyed of [true, false]) {
    const positions = rows.flatMap((r, i) => (r.keyed === keyed ? [i] : []));
    const written = await upsertRows(tx, keyed ? statements.merge : statements.create, positions.map((i) => rows[i]!.params));
    written.forEach((id, k) => (ids[positions[k]!] = id));
  }
  return ids;
}
