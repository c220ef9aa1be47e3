import { badUserInput, decideNominal, forbidden, Multiline, requireRole, Roles, type RequestContext, type Viewer } from "@cix/core";
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { optionalText } from "../../common/text.js";
import { partyById } from "../../party/party.loaders.js";
import { nameQuery } from "../../party/party.search.js";
import type { PartyRow } from "../../party/party.types.js";
import { analysisSettings } from "../analysis.settings.js";
import { nameWords } from "./match.names.js";
import { MatchRepository, type MatchRelationship, type PersonProfile } from "./match.repository.js";
import { MIN_SCORE, scoreCandidate } from "./match.scoring.js";
import { MatchCandidate, MatchDecision, MatchStatus } from "./match.types.js";

const MAX_CANDIDATES = 50;
/** The name index query takes at most this many words. */
const MAX_QUERY_WORDS = 10;

/** Entity resolution compares and links nominal records: investigators and supervisors, with a stated purpose. */
function requireMatcher(ctx: RequestContext): Viewer {
  const viewer = requireRole(ctx.viewer, "investigator", "supervisor");
  if (!viewer.purpose) {
    throw forbidden("Entity resolution reads nominal data: state its purpose (x-cix-purpose header with a case or operation reference).");
  }
  return viewer;
}

/** The person, if the caller may read its nominal record (the read is audited); else BAD_USER_INPUT or FORBIDDEN. */
async function readablePerson(ctx: RequestContext, repository: MatchRepository, id: string, field: string, use: string): Promise<PersonProfile> {
  const person = await repository.person(id);
  if (!person) throw badUserInput(field, "the id of an existing person");
  const decision = decideNominal(ctx.viewer, person.access);
  if (!decision.allowed) throw forbidden(`${field}: you may not read this person's nominal record.`);
  ctx.audit.nominalRead(person.id, use, decision.operationId, person.access.ownerAgency);
  return person;
}

/** The words of a person's names, as recorded and in Latin letters, for the name index. */
function nameIndexQuery(person: PersonProfile): string | null {
  const words = [person.fullName, ...person.aliases].flatMap((name) => [...name.split(/\s+/), ...nameWords(name)]);
  return nameQuery([...new Set(words)].slice(0, MAX_QUERY_WORDS).join(" ").slice(0, 200));
}

@Resolver()
export class MatchResolver {
  @Query(() => [MatchCandidate], {
    description:
      "Entity resolution: person records (of your agency, or shared with it in an open operation) that may be the same person " +
      "as `partyId`, best first, with the evidence: names alike across scripts, spellings and word order, the same date of " +
      "birth, a document with the same number, shared phones, e-mails, addresses or accounts. Candidates your agency " +
      "confirmed or rejected are not proposed. Investigators and supervisors, with a stated purpose.",
  })
  async possibleMatches(
    @Arg("partyId", () => ID, { description: "The person to find matches for." }) partyId: string,
    @Arg("limit", () => Int, { defaultValue: 10, description: `Most candidates to return (1 to ${MAX_CANDIDATES}).` }) limit: number,
    @Ctx() ctx: RequestContext,
  ): Promise<MatchCandidate[]> {
    const viewer = requireMatcher(ctx);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_CANDIDATES) throw badUserInput("limit", `an integer from 1 to ${MAX_CANDIDATES}`);
    const repository = new MatchRepository(ctx.db);
    const person = await readablePerson(ctx, repository, partyId, "partyId", "Query.possibleMatches");
    const found = await repository.candidates(partyId, nameIndexQuery(person), viewer.agency, analysisSettings().superDegree);
    // Only records the caller may read are proposed: a ranking of hidden records would itself reveal who is named so.
    const scored = found
      .filter((f) => decideNominal(viewer, f.candidate.access).allowed)
      .map((f) => ({ found: f, ...scoreCandidate(person, f) }))
      .filter((s) => s.score >= MIN_SCORE && s.reasons.some((r) => r.weight > 0))
      .sort((a, b) => b.score - a.score || a.found.candidate.id.localeCompare(b.found.candidate.id))
      .slice(0, limit);
    const rows = await partyById(ctx).loadMany(scored.map((s) => s.found.candidate.id));
    return scored.flatMap((s, i) => {
      const row = rows[i];
      if (!row || row instanceof Error) return [];
      return [{ __access: s.found.candidate.access, candidate: row, score: s.score, reasons: s.reasons }];
    });
  }

  @Roles("investigator", "supervisor")
  @Mutation(() => MatchDecision, {
    description:
      "Confirms that two person records are one person: links them (Person)-[:SAME_AS]->(Person) with your agency, who, when " +
      "and the note. Neither record is changed or deleted; undoMatch removes the link.",
  })
  confirmMatch(
    @Arg("partyId", () => ID, { description: "The person." }) partyId: string,
    @Arg("candidateId", () => ID, { description: "The person it is the same as." }) candidateId: string,
    @Multiline() @Arg("note", () => String, { nullable: true, description: "Why (at most 200 characters)." }) note: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<MatchDecision> {
    return this.decide(ctx, "SAME_AS", partyId, candidateId, note, "confirmMatch");
  }

  @Roles("investigator", "supervisor")
  @Mutation(() => MatchDecision, {
    description: "Rejects a candidate: the two records are not one person, and the candidate is not proposed to your agency again.",
  })
  rejectMatch(
    @Arg("partyId", () => ID, { description: "The person." }) partyId: string,
    @Arg("candidateId", () => ID, { description: "The candidate that is another person." }) candidateId: string,
    @Multiline() @Arg("note", () => String, { nullable: true, description: "Why (at most 200 characters)." }) note: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<MatchDecision> {
    return this.decide(ctx, "NOT_SAME_AS", partyId, candidateId, note, "rejectMatch");
  }

  @Roles("investigator", "supervisor")
  @Mutation(() => MatchDecision, {
    description: "Withdraws your agency's confirmation or rejection for two persons (idempotent). Both records stay as they are.",
  })
  async undoMatch(
    @Arg("partyId", () => ID, { description: "The person." }) partyId: string,
    @Arg("candidateId", () => ID, { description: "The other person." }) candidateId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<MatchDecision> {
    const { viewer, repository, party, candidate } = await this.prepare(ctx, partyId, candidateId, "undoMatch");
    const at = await repository.undo({ partyId, candidateId, agency: viewer.agency });
    return this.decision(ctx, viewer, party, candidate, MatchStatus.UNDONE, at, null);
  }

  private async decide(ctx: RequestContext, rel: MatchRelationship, partyId: string, candidateId: string, note: string | null, mutation: string) {
    const text = optionalText(note, "note");
    const { viewer, repository, party, candidate } = await this.prepare(ctx, partyId, candidateId, mutation);
    const at = await repository.decide(rel, { partyId, candidateId, agency: viewer.agency, by: viewer.sub, note: text, source: `graphql:${mutation}` });
    return this.decision(ctx, viewer, party, candidate, rel === "SAME_AS" ? MatchStatus.CONFIRMED : MatchStatus.REJECTED, at, text);
  }

  /** Checks the caller and that both persons exist and are readable to it, before anything is written. */
  private async prepare(ctx: RequestContext, partyId: string, candidateId: string, mutation: string) {
    const viewer = requireMatcher(ctx);
    if (partyId === candidateId) throw badUserInput("candidateId", "another person than partyId");
    const repository = new MatchRepository(ctx.db);
    const party = await readablePerson(ctx, repository, partyId, "partyId", `Mutation.${mutation}`);
    const candidate = await readablePerson(ctx, repository, candidateId, "candidateId", `Mutation.${mutation}`);
    return { viewer, repository, party, candidate };
  }

  private async decision(
    ctx: RequestContext,
    viewer: Viewer,
    party: PersonProfile,
    candidate: PersonProfile,
    status: MatchStatus,
    at: string | null,
    note: string | null,
  ): Promise<MatchDecision> {
    const [partyRow, candidateRow] = await partyById(ctx).loadMany([party.id, candidate.id]);
    if (!at || !isRow(partyRow) || !isRow(candidateRow)) throw badUserInput("partyId", "persons that still exist");
    return {
      __access: [party.access, candidate.access],
      id: party.id,
      party: partyRow,
      candidate: candidateRow,
      status,
      agency: viewer.agency,
      decidedBy: viewer.sub,
      at,
      note,
    };
  }
}

function isRow(row: PartyRow | null | Error | undefined): row is PartyRow {
  return !!row && !(row instanceof Error);
}
