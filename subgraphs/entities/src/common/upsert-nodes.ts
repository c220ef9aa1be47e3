import type { Tx } from "@cix/core";

/** The two ways a party node is written: MERGE on its natural key, or CREATE when it has none. */
export interface UpsertStatements {
  /** `UNWIND $rows AS row MERGE … RETURN row.i AS i, n.id AS id` */
  merge: string;
  /** `UNWIND $rows AS row CREATE … RETURN row.i AS i, n.id AS id` */
  create: string;
}

/**
 * Writes a batch of nodes with at most two statements (keyed rows merged, the others created) and returns their
 * ids in the rows' order. Each row carries its index `i`, so the ids are matched back whatever order Neo4j
 * returns them in.
 */
export async function upsertNodes(tx: Tx, statements: UpsertStatements, rows: ReadonlyArray<{ keyed: boolean; params: Record<string, unknown> }>): Promise<string[]> {
  const ids: string[] = new Array(rows.length);
  for (const keyed of [true, false]) {
    const batch = rows.flatMap((r, i) => (r.keyed === keyed ? [{ ...r.params, i }] : []));
    if (batch.length === 0) continue;
    const written = await tx.run<{ i: number; id: string }>(keyed ? statements.merge : statements.create, { rows: batch });
    for (const { i, id } of written) ids[i] = id;
  }
  return ids;
}
