import type { Tx } from "./database.js";

/**
 * A batch with one entry per natural key: of two rows with the same key the later wins (what writing them one
 * after the other leaves, since each row replaces the whole record), and `at[i]` is the entry input row i went
 * to, so both rows get the record's id. Deduplicating first keeps the replace-statements of a batch from
 * seeing one record twice.
 */
export function latestByKey<T>(items: readonly T[], key: (item: T) => readonly string[]): { unique: T[]; at: number[] } {
  const index = new Map<string, number>();
  const unique: T[] = [];
  const at = items.map((item) => {
    const name = JSON.stringify(key(item));
    const seen = index.get(name);
    if (seen !== undefined) {
      unique[seen] = item;
      return seen;
    }
    index.set(name, unique.length);
    return unique.push(item) - 1;
  });
  return { unique, at };
}

/** What an upsert did to one record: its id, whether it created it, and the record's `source` before the write. */
export interface RecordWrite {
  id: string;
  created: boolean;
  /** Who wrote the record last before this write (`graphql:…`, `import:<jobId>`); null when it was created. */
  previousSource: string | null;
}

/**
 * Cypher columns, between an upsert's `MERGE (x …) ON CREATE SET x.id = …` and its `SET`, that say what the write
 * does: a node the MERGE created has no `updatedAt` yet (every write sets it), and `source` still names the last
 * writer. Carry `created` and `previousSource` to the `RETURN` (see `upsertRecords`).
 */
export function writeOutcomeColumns(variable: string): string {
  return `${variable}.updatedAt IS NULL AS created, CASE WHEN ${variable}.updatedAt IS NULL THEN null ELSE ${variable}.source END AS previousSource`;
}

/**
 * Runs an upsert of the form `UNWIND $rows AS row … RETURN row.n AS n, x.id AS id, created, previousSource` (see
 * `writeOutcomeColumns`) with each row numbered `n`, and returns what it did to each record in the rows' order
 * (matched by `n`, not by the order rows come back in).
 */
export async function upsertRecords(tx: Tx, cypher: string, rows: ReadonlyArray<Record<string, unknown>>): Promise<RecordWrite[]> {
  if (rows.length === 0) return [];
  const result = await tx.run<{ n: number; id: string; created?: boolean; previousSource?: string | null }>(cypher, { rows: rows.map((row, n) => ({ ...row, n })) });
  const writes: RecordWrite[] = [];
  for (const { n, id, created, previousSource } of result) writes[n] = { id, created: created ?? false, previousSource: previousSource ?? null };
  if (result.length !== rows.length) throw new Error(`The upsert returned ${result.length} ids for ${rows.length} rows`);
  return writes;
}

/**
 * Runs an upsert of the form `UNWIND $rows AS row … RETURN row.n AS n, x.id AS id` with each row numbered `n`,
 * and returns the records' ids in the rows' order (matched by `n`, not by the order rows come back in).
 */
export async function upsertRows(tx: Tx, cypher: string, rows: ReadonlyArray<Record<string, unknown>>): Promise<string[]> {
  return (await upsertRecords(tx, cypher, rows)).map((w) => w.id);
}
