import { auditSchema } from "../audit/trail.js";
import { importJobSchema } from "../import/job-store.js";
import type { Database } from "./database.js";

/** Constraints and indexes of the hub's shared nodes (audit trail, import jobs) that every subgraph ensures. */
export const sharedNeo4jSchema: readonly string[] = [...auditSchema, ...importJobSchema];

/**
 * Applies constraint and index statements. Each statement must be idempotent (`IF NOT EXISTS`), so this runs
 * at every start-up. Schema statements cannot share a transaction with each other, hence one call each.
 */
export async function applySchema(db: Database, statements: readonly string[]): Promise<void> {
  for (const statement of statements) {
    if (!/\bIF NOT EXISTS\b/i.test(statement)) {
      throw new Error(`Schema statement is not idempotent (needs IF NOT EXISTS): ${statement}`);
    }
    try {
      await db.write(statement);
    } catch (error) {
      // Subgraphs start together and share some statements; losing the race to create one is success.
      if ((error as { code?: string }).code !== "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists") throw error;
    }
  }
  await db.write("CALL db.awaitIndexes(60)");
}
