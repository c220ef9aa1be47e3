import { assertNameableParties, badUserInput, ownedRecordProperties, writeOutcomeColumns, type RecordWrite, type Tx } from "@cix/core";
import { placeOf } from "../place/place.lookup.js";
import { recomputeFlags } from "../quality/quality.repository.js";
import { canMove, ReviewStatus } from "../review/review-status.js";
import type { ValidSeizure } from "./seizure.validation.js";

/**
 * The one write path of seizure cases, for one case (the `upsertSeizure` mutation) or a batch (imports): every
 * step is one UNWIND statement over the cases, inside the caller's transaction, so a batch of 500 costs the same
 * round trips as one case and is stored whole or not at all. Same checks either way: offender ids exist, status
 * moves are legal (else BAD_USER_INPUT, rolling everything back), then quality flags are recomputed.
 */

/** Who writes: the case is keyed and owned by the caller's agency. */
export interface Writer {
  agency: string;
  country: string;
  /** Provenance, e.g. "graphql:upsertSeizure" or "import:<jobId>". */
  source: string;
}

/** A Place node: keyed by its UN/LOCODE, or by the country code for a country-level place. */
interface PlaceNode {
  key: string;
  locode: string | null;
  country: string;
  name: string | null;
  latitude: number | null;
  longitude: number | null;
}

function placeNode(locode: string | null, country: string): PlaceNode {
  const place = placeOf(locode, country);
  return {
    key: locode ?? country,
    locode,
    country,
    name: place.name,
    latitude: place.coordinates?.latitude ?? null,
    longitude: place.coordinates?.longitude ?? null,
  };
}

/** The status a case gets from an upsert, or BAD_USER_INPUT when the input asks for an illegal move. */
function statusAfterUpsert(current: ReviewStatus | null, requested: ValidSeizure["reviewStatus"]): ReviewStatus {
  if (current === null) return requested ?? ReviewStatus.DRAFT;
  if (requested === null || requested === current || canMove(current, requested)) return requested ?? current;
  throw badUserInput(
    "input.reviewStatus",
    `a status reachable from ${current}`,
    `Invalid value for input.reviewStatus: the case is ${current} and cannot be set to ${requested}.`,
  );
}

/** The case's own properties; nulls remove properties the new input no longer has. */
function nodeProperties(input: ValidSeizure, writer: Writer, status: ReviewStatus, previous: ReviewStatus | null) {
  const c = input.conveyance;
  return {
    reportingCountry: writer.country,
    placeLocode: input.placeLocode,
    placeCountry: input.placeLocode?.slice(0, 2) ?? null,
    commodity: input.commodity,
    detectionMethod: input.detectionMethod,
    offenceType: input.offenceType,
    conveyanceMode: c?.mode ?? null,
    carrierName: c?.carrierName ?? null,
    airlineCode: c?.airlineCode ?? null,
    flightNumber: c?.flightNumber ?? null,
    voyageNumber: c?.voyageNumber ?? null,
    vesselImo: c?.vesselImo ?? null,
    vehicleRegistration: c?.vehicleRegistration ?? null,
    concealmentMethod: input.concealment?.method ?? null,
    concealmentDescription: input.concealment?.description ?? null,
    reviewStatus: status,
    // A return reason belongs to the RETURNED state; resubmitting clears it.
    ...(status !== previous ? { returnReason: null } : {}),
    ...ownedRecordProperties(writer.agency, writer.source, input.markings),
  };
}

/** BAD_USER_INPUT naming `input.offenderIds[i]` for the first offender (of the first case) the writer may not name. */
function assertOffendersNameable(tx: Tx, inputs: readonly ValidSeizure[], agency: string): Promise<void> {
  return assertNameableParties(
    tx,
    inputs.flatMap((input) => (input.offenderIds ?? []).map((id, i) => ({ path: `input.offenderIds[${i}]`, id, agency }))),
  );
}

/** What writing one case did: its id, whether it was created, its previous writer, and its quality flags. */
export type SeizureWrite = RecordWrite & { flags: number };

/**
 * Creates or replaces the cases (reportingAgency, caseNumber) in the caller's transaction; returns what each write
 * did and how many quality flags the case got, in input order. A case given twice is written twice, in order, as
 * two upserts.
 */
export async function writeSeizures(tx: Tx, inputs: readonly ValidSeizure[], writer: Writer): Promise<SeizureWrite[]> {
  if (new Set(inputs.map((i) => i.caseNumber)).size < inputs.length) {
    const out: SeizureWrite[] = [];
    for (const input of inputs) out.push(...(await writeSeizures(tx, [input], writer)));
    return out;
  }
  await assertOffendersNameable(tx, inputs, writer.agency);
  // MERGE and SET lock the nodes, so the statuses read here cannot race a review mutation.
  const heads = await tx.run<{ i: number; id: string; status: ReviewStatus | null; created: boolean; previousSource: string | null }>(
    `UNWIND $rows AS r
     MERGE (s:Seizure { reportingAgency: $agency, caseNumber: r.caseNumber })
     ON CREATE SET s.id = randomUUID(), s.createdAt = datetime()
     WITH r, s, ${writeOutcomeColumns("s")}
     SET s.updatedAt = datetime()
     RETURN r.i AS i, s.id AS id, s.reviewStatus AS status, created, previousSource`,
    { agency: writer.agency, rows: inputs.map((input, i) => ({ i, caseNumber: input.caseNumber })) },
  );
  const byIndex = [...heads].sort((a, b) => a.i - b.i);
  const cases = inputs.map((input, i) => ({ input, id: byIndex[i]!.id, status: statusAfterUpsert(byIndex[i]!.status, input.reviewStatus), previous: byIndex[i]!.status }));
  await tx.run(`UNWIND $rows AS r MATCH (s:Seizure { id: r.id }) SET s += r.props, s.seizedAt = datetime(r.seizedAt)`, {
    rows: cases.map((c) => ({ id: c.id, seizedAt: c.input.seizedAt, props: nodeProperties(c.input, writer, c.status, c.previous) })),
  });
  await replacePlaces(tx, cases);
  await replaceGoods(tx, cases);
  await replaceOffenders(tx, cases.filter((c) => c.input.offenderIds !== null));
  const flags = await recomputeFlags(tx, cases, writer.agency);
  return cases.map((c, i) => ({ id: c.id, flags: flags[i]!, created: byIndex[i]!.created, previousSource: byIndex[i]!.previousSource }));
}

type Case = { id: string; input: ValidSeizure };

/**
 * Replaces the cases' AT and LEG links. Place nodes are merged on their key and refreshed from the code list only
 * when they differ, so concurrent writers do not queue behind busy places (a port in every other case).
 */
async function replacePlaces(tx: Tx, cases: readonly Case[]): Promise<void> {
  const rows = cases.map(({ id, input }) => {
    const at = input.placeLocode ? placeNode(input.placeLocode, input.placeLocode.slice(0, 2)) : null;
    const legs = input.route.map((leg) => ({ seq: leg.seq, role: leg.role, departedAt: leg.departedAt, ...placeNode(leg.locode, leg.country) }));
    return { id, at, legs };
  });
  // Sorted, so concurrent writers meet shared Place nodes in the same order and cannot deadlock on them.
  const places = [...new Map(rows.flatMap((r) => [...(r.at ? [r.at] : []), ...r.legs]).map((p) => [p.key, p])).values()].sort((a, b) =>
    a.key.localeCompare(b.key),
  );
  await tx.run(
    `UNWIND $places AS pl
     MERGE (p:Place { key: pl.key })
     WITH p, pl WHERE p.locode IS NULL <> (pl.locode IS NULL) OR p.locode <> pl.locode OR p.country IS NULL OR p.country <> pl.country
       OR coalesce(p.name, '') <> coalesce(pl.name, '') OR (p.location IS NULL) <> (pl.latitude IS NULL)
     SET p.locode = pl.locode, p.country = pl.country, p.name = pl.name,
         p.location = CASE WHEN pl.latitude IS NULL THEN null ELSE point({ latitude: pl.latitude, longitude: pl.longitude }) END`,
    { places },
  );
  await tx.run(
    `UNWIND $rows AS r
     MATCH (s:Seizure { id: r.id })
     CALL (s) { MATCH (s)-[old:AT|LEG]->(:Place) DELETE old }
     CALL (s, r) {
       UNWIND r.legs AS leg
       MATCH (p:Place { key: leg.key })
       CREATE (s)-[:LEG { seq: toInteger(leg.seq), role: leg.role, departedAt: datetime(leg.departedAt) }]->(p)
     }
     CALL (s, r) {
       MATCH (p:Place { key: r.atKey })
       CREATE (s)-[:AT]->(p)
     }`,
    { rows: rows.map((r) => ({ id: r.id, atKey: r.at?.key ?? null, legs: r.legs.map((l) => ({ key: l.key, seq: l.seq, role: l.role, departedAt: l.departedAt })) })) },
  );
}

/** Goods lines are keyed by their line number, so re-upserting keeps their ids and drops lines that went away. */
async function replaceGoods(tx: Tx, cases: readonly Case[]): Promise<void> {
  await tx.run(
    `UNWIND $rows AS r
     MATCH (s:Seizure { id: r.id })
     CALL (s, r) { MATCH (s)-[:GOODS]->(old:GoodsItem) WHERE old.seq > size(r.goods) DETACH DELETE old }
     CALL (s, r) {
       UNWIND r.goods AS item
       MERGE (s)-[:GOODS]->(g:GoodsItem { seq: toInteger(item.seq) })
       ON CREATE SET g.id = randomUUID()
       SET g += item.props
     }`,
    // JS numbers reach Neo4j as floats: line numbers are made integers in Cypher.
    { rows: cases.map(({ id, input }) => ({ id, goods: input.goods.map(({ seq, ...props }) => ({ seq, props })) })) },
  );
}

async function replaceOffenders(tx: Tx, cases: readonly Case[]): Promise<void> {
  if (cases.length === 0) return;
  await tx.run(
    `UNWIND $rows AS r
     MATCH (s:Seizure { id: r.id })
     CALL (s) { MATCH (s)-[old:OFFENDER]->() DELETE old }
     CALL (s, r) {
       UNWIND r.offenders AS offender
       MATCH (p:Person|Company { id: offender.id })
       CREATE (s)-[:OFFENDER { seq: toInteger(offender.seq) }]->(p)
     }`,
    // Linked in id order (a stable lock order between concurrent writers); `seq` keeps the order given.
    {
      rows: cases.map(({ id, input }) => ({
        id,
        offenders: [...new Set(input.offenderIds)].map((offenderId, i) => ({ id: offenderId, seq: i + 1 })).sort((a, b) => a.id.localeCompare(b.id)),
      })),
    },
  );
}
