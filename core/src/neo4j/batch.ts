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

/**
 * Runs an upsert of the form `UNWIND $rows AS row … RETURN row.n AS n, x.id AS id` with each row numbered `n`,
 * and returns the records' ids in the rows' order (matched by `n`, not by the order rows come back in).
 */
export async function upsertRows(tx: Tx, cypher: string, rows: ReadonlyArray<Record<string, unknown>>): Promise<string[]> {
  if (rows.length === 0) return [];
  const result = await tx.run<{ n: number; id: string }>(cypher, { rows: rows.map((row, n) => ({ ...row, n })) });
  const ids: string[] = [];
  for (const { n, id } of result) ids[n] = id;
  if (result.length !== rows.length) throw new Error(`The upsert returned ${result.length} ids for ${rows.length} rows`);
  return ids;
}
