import { auditSchema } from "../audit/trail.js";
import type { Database } from "./database.js";

/** Constraints and indexes of the hub's shared nodes (audit trail, operations) that every subgraph ensures. */
export const sharedNeo4jSchema: readonly string[] = [...auditSchema];

/**
 * Applies constraint and index statements. Each statement must be idempotent (`IF NOT EXISTS`), so this runs
 * at every start-up. Schema statements cannot share a transaction with each other, hence one call each.
 */
export async function applySchema(db: Database, statements: readonly string[]): Promise<void> {
  for (const statement of statements) {
    if (!/\bIF NOT EXISTS\b/i.test(statement)) {
      throw new Error(`Schema statement is not idempotent (needs IF NOT EXISTS): ${statement}`);
    }
    await db.write(statement);
  }
  await db.write("CALL db.awaitIndexes(60)");
}
