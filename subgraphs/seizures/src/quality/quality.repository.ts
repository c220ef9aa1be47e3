import { badUserInput, type Database, type Tx } from "@cix/core";
import type { ValidSeizure } from "../seizure/seizure.validation.js";
import { checkSeizure, type FlagDraft } from "./quality.rules.js";
import { loadStatistics, statisticKey } from "./quality.statistics.js";
import type { QualityFlag } from "./quality.types.js";

/** Quality flags are stored as `(:Seizure)-[:FLAGGED]->(:QualityFlag {rule, severity, explanation, field, at})`. */

const DAY_MS = 24 * 3600 * 1000;

/**
 * Recomputes the cases' flags inside the write's transaction (GraphQL upserts and imports alike, one statement for
 * the context and one for the flags, whatever the number of cases): the rules run on the validated input with the
 * learned statistics, other agencies' look-alike cases and the seized shipments' dispatch dates; the old flags are
 * replaced (so a corrected case loses the flags it no longer deserves). Returns each case's flag count, in order.
 */
export async function recomputeFlags(tx: Tx, cases: ReadonlyArray<{ id: string; input: ValidSeizure }>, agency: string): Promise<number[]> {
  const stats = await loadStatistics(tx);
  const rows = cases.map(({ id, input }, i) => {
    const c = input.conveyance;
    const day = Date.parse(input.seizedAt.slice(0, 10));
    return {
      i,
      id,
      dayStart: new Date(day).toISOString(),
      dayEnd: new Date(day + DAY_MS).toISOString(),
      commodity: input.commodity,
      flightNumber: c?.flightNumber ?? null,
      voyageNumber: c?.voyageNumber ?? null,
      vesselImo: c?.vesselImo ?? null,
      headings: [...new Set(input.goods.flatMap((g) => (g.hsCode && g.hsCode.length >= 4 ? [g.hsCode.slice(0, 4)] : [])))],
    };
  });
  const contexts = await tx.run<{ i: number; dispatch: string | null; duplicates: Array<{ id: string; reportingAgency: string; caseNumber: string }> }>(
    `UNWIND $rows AS r
     MATCH (s:Seizure { id: r.id })
     CALL (s) { OPTIONAL MATCH (s)<-[:SEIZED_IN]-(sh:Shipment) RETURN min(sh.shippedAt) AS dispatch }
     CALL (r) {
       CALL (r) {
         MATCH (o:Seizure) WHERE o.flightNumber = r.flightNumber AND o.seizedAt >= datetime(r.dayStart) AND o.seizedAt < datetime(r.dayEnd) RETURN o
         UNION
         MATCH (o:Seizure) WHERE o.voyageNumber = r.voyageNumber AND o.seizedAt >= datetime(r.dayStart) AND o.seizedAt < datetime(r.dayEnd) RETURN o
         UNION
         MATCH (o:Seizure) WHERE o.vesselImo = r.vesselImo AND o.seizedAt >= datetime(r.dayStart) AND o.seizedAt < datetime(r.dayEnd) RETURN o
       }
       WITH o WHERE o.reportingAgency <> $agency AND o.commodity = r.commodity
         AND (size(r.headings) = 0 OR EXISTS { MATCH (o)-[:GOODS]->(g:GoodsItem) WHERE substring(g.hsCode, 0, 4) IN r.headings })
       WITH o LIMIT 6
       RETURN collect(o { .id, .reportingAgency, .caseNumber }) AS duplicates
     }
     RETURN r.i AS i, dispatch, duplicates`,
    { rows, agency },
  );
  const byIndex = new Map(contexts.map((c) => [c.i, c]));
  const now = new Date();
  const flags = cases.map(({ input }, i): FlagDraft[] =>
    checkSeizure(input, {
      now,
      statistic: (metric, commodity, unit, currency) => stats.get(statisticKey(metric, commodity, unit, currency)),
      duplicates: byIndex.get(i)?.duplicates ?? [],
      earliestDispatch: byIndex.get(i)?.dispatch ?? null,
    }),
  );
  await tx.run(
    `UNWIND $rows AS r
     MATCH (s:Seizure { id: r.id })
     CALL (s) { MATCH (s)-[:FLAGGED]->(old:QualityFlag) DETACH DELETE old }
     CALL (s, r) {
       UNWIND r.flags AS f
       CREATE (s)-[:FLAGGED]->(:QualityFlag { rule: f.rule, severity: f.severity, explanation: f.explanation, field: f.field, at: datetime() })
     }`,
    { rows: cases.map(({ id }, i) => ({ id, flags: flags[i]! })) },
  );
  return flags.map((f) => f.length);
}

/** Flags of each case, errors first. */
export async function flagsOf(db: Database, seizureIds: readonly string[]): Promise<Array<QualityFlag & { seizureId: string }>> {
  const rows = await db.read<{ flag: QualityFlag & { seizureId: string } }>(
    `UNWIND $seizureIds AS seizureId
     MATCH (:Seizure { id: seizureId })-[:FLAGGED]->(f:QualityFlag)
     RETURN f { .rule, .severity, .explanation, .field, .at, .acknowledgedAt, seizureId: seizureId } AS flag
     ORDER BY CASE f.severity WHEN 'ERROR' THEN 0 WHEN 'WARNING' THEN 1 ELSE 2 END, f.rule, f.field`,
    { seizureIds },
  );
  return rows.map((r) => r.flag);
}

/**
 * Before a case is validated: unresolved ERROR flags stop it unless the supervisor acknowledges them, which is
 * recorded on the flags (`acknowledgedAt`). Runs inside the review transaction.
 */
export async function settleErrorFlags(tx: Tx, id: string, acknowledge: boolean): Promise<void> {
  const open = await tx.run<{ rule: string; explanation: string }>(
    `MATCH (:Seizure { id: $id })-[:FLAGGED]->(f:QualityFlag { severity: 'ERROR' }) WHERE f.acknowledgedAt IS NULL
     RETURN f.rule AS rule, f.explanation AS explanation`,
    { id },
  );
  if (open.length === 0) return;
  if (!acknowledge) {
    const error = badUserInput(
      "acknowledgeFlags",
      "true, to validate a case with unresolved ERROR quality flags (or correct the case first)",
      `Seizure ${id} has ${open.length} unresolved ERROR quality flag${open.length > 1 ? "s" : ""} (${open.map((f) => `${f.rule}: ${f.explanation}`).join("; ")}). ` +
        "Return it for correction, or validate with acknowledgeFlags: true.",
    );
    Object.assign(error.extensions, { flags: open.map((f) => f.rule) });
    throw error;
  }
  await tx.run(
    `MATCH (:Seizure { id: $id })-[:FLAGGED]->(f:QualityFlag { severity: 'ERROR' }) WHERE f.acknowledgedAt IS NULL SET f.acknowledgedAt = datetime()`,
    { id },
  );
}
