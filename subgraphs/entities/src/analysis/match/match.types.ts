import { DateTimeScalar, Nominal, type AccessEnvelope } from "@cix/core";
import { Field, Float, ID, ObjectType, registerEnumType } from "type-graphql";
import type { PartyRow } from "../../party/party.types.js";
import { Person } from "../../person/person.types.js";

export enum MatchReasonKind {
  NAME = "NAME",
  BIRTH_DATE = "BIRTH_DATE",
  BIRTH_DATE_DIFFERS = "BIRTH_DATE_DIFFERS",
  DOCUMENT = "DOCUMENT",
  SHARED_IDENTIFIER = "SHARED_IDENTIFIER",
}
registerEnumType(MatchReasonKind, {
  name: "MatchReasonKind",
  description: "A piece of evidence for or against two person records being one person.",
  valuesConfig: {
    NAME: { description: "The names are alike, regardless of script, accents, punctuation and word order." },
    BIRTH_DATE: { description: "The same date of birth." },
    BIRTH_DATE_DIFFERS: { description: "Both have a date of birth and they differ (evidence against)." },
    DOCUMENT: { description: "An identity document with the same number." },
    SHARED_IDENTIFIER: { description: "Both use the same phone or e-mail address, live at the same address or hold the same account." },
  },
});

export enum MatchStatus {
  CONFIRMED = "CONFIRMED",
  REJECTED = "REJECTED",
  UNDONE = "UNDONE",
}
registerEnumType(MatchStatus, {
  name: "MatchStatus",
  description: "Your agency's decision on a possible match.",
  valuesConfig: {
    CONFIRMED: { description: "Confirmed: the records are linked SAME_AS (neither record changes)." },
    REJECTED: { description: "Rejected: not the same person; the candidate is not proposed to your agency again." },
    UNDONE: { description: "Your agency's decision was withdrawn: no link, and the candidate may be proposed again." },
  },
});

@ObjectType({ description: "Why a candidate may (or may not) be the same person." })
export class MatchReason {
  @Field(() => MatchReasonKind, { description: "The kind of evidence." })
  kind: MatchReasonKind;

  @Field(() => Float, { description: "What it adds to the score (negative: evidence against)." })
  weight: number;

  @Field(() => String, { description: "The evidence in words (without the personal data itself)." })
  detail: string;
}

@ObjectType({ description: "A person record that may be the same person, scored, with the evidence." })
export class MatchCandidate {
  /** The candidate's access envelope: `candidate` is decided and audited on it. */
  __access: AccessEnvelope;

  @Nominal()
  @Field(() => Person, { description: "The candidate record (of any agency whose record you may read)." })
  candidate: PartyRow;

  @Field(() => Float, { description: "How likely the two records are one person, 0 to 1." })
  score: number;

  @Field(() => [MatchReason], { description: "The evidence, strongest first." })
  reasons: MatchReason[];
}

@ObjectType({ description: "Your agency's decision on whether two person records are one person." })
export class MatchDecision {
  /** The envelopes of both persons: the decision's nominal fields are readable by whoever may read either. */
  __access: AccessEnvelope[];

  @Field(() => ID, { description: "Id of the person the decision was made for (partyId)." })
  id: string;

  @Nominal()
  @Field(() => Person, { description: "The person the decision was made for." })
  party: PartyRow;

  @Nominal()
  @Field(() => Person, { description: "The candidate." })
  candidate: PartyRow;

  @Field(() => MatchStatus, { description: "The decision." })
  status: MatchStatus;

  @Field(() => String, { description: "Your agency, which owns the decision." })
  agency: string;

  @Field(() => String, { description: "Who decided (the token subject)." })
  decidedBy: string;

  @Field(() => DateTimeScalar, { description: "When." })
  at: string;

  @Nominal()
  @Field(() => String, { nullable: true, description: "The reason given." })
  note: string | null;
}
