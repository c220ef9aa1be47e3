import { Directive, Field, InputType, ObjectType, registerEnumType } from "type-graphql";

/** EU law-enforcement handling codes. */
export enum HandlingCode {
  H0 = "H0",
  H1 = "H1",
  H2 = "H2",
  H3 = "H3",
}
registerEnumType(HandlingCode, {
  name: "HandlingCode",
  description: "Handling code set by the data owner (EU law-enforcement handling codes).",
  valuesConfig: {
    H0: { description: "May be used for preventing and combating crime." },
    H1: { description: "Not to be used as evidence in judicial proceedings without the owner's permission." },
    H2: { description: "Not to be disseminated (e.g. to operation members) without the owner's release." },
    H3: { description: "Other restrictions set by the owner apply; see the owner's note." },
  },
});

/** Traffic Light Protocol 2.0. */
export enum Tlp {
  CLEAR = "CLEAR",
  GREEN = "GREEN",
  AMBER = "AMBER",
  AMBER_STRICT = "AMBER_STRICT",
  RED = "RED",
}
registerEnumType(Tlp, {
  name: "Tlp",
  description: "Traffic Light Protocol 2.0 marking: how far the information may be shared.",
  valuesConfig: {
    CLEAR: { description: "No limit on disclosure." },
    GREEN: { description: "Community-wide: any member agency." },
    AMBER: { description: "Limited disclosure: the recipient agency and those it needs to inform." },
    AMBER_STRICT: { description: "Restricted to the owner agency only." },
    RED: { description: "For the named recipients only; never leaves the owner agency in this hub." },
  },
});

/** Admiralty-style source reliability. */
export enum SourceReliability {
  A = "A",
  B = "B",
  C = "C",
  X = "X",
}
registerEnumType(SourceReliability, {
  name: "SourceReliability",
  description: "Reliability of the source.",
  valuesConfig: {
    A: { description: "No doubt about the source's authenticity, trustworthiness or competence." },
    B: { description: "The source has mostly proved reliable." },
    C: { description: "The source has mostly proved unreliable." },
    X: { description: "Reliability cannot be assessed." },
  },
});

/** Information accuracy (1–4). */
export enum InformationAccuracy {
  CONFIRMED = "CONFIRMED",
  KNOWN_TO_SOURCE = "KNOWN_TO_SOURCE",
  NOT_KNOWN_TO_SOURCE = "NOT_KNOWN_TO_SOURCE",
  CANNOT_BE_JUDGED = "CANNOT_BE_JUDGED",
}
registerEnumType(InformationAccuracy, {
  name: "InformationAccuracy",
  description: "Accuracy of the information (grades 1 to 4).",
  valuesConfig: {
    CONFIRMED: { description: "1: known to be true without reservation." },
    KNOWN_TO_SOURCE: { description: "2: known personally to the source but not to the official passing it on." },
    NOT_KNOWN_TO_SOURCE: { description: "3: not known personally to the source but corroborated." },
    CANNOT_BE_JUDGED: { description: "4: cannot be judged." },
  },
});

@Directive("@shareable")
@ObjectType({ description: "Handling markings set by the data owner; they govern who may see the record's nominal data." })
export class Markings {
  @Field(() => HandlingCode, { description: "Handling code (H0–H3)." })
  handling: HandlingCode;

  @Field(() => Tlp, { description: "TLP 2.0 marking." })
  tlp: Tlp;

  @Field(() => SourceReliability, { description: "Reliability of the source (A, B, C, X)." })
  sourceReliability: SourceReliability;

  @Field(() => InformationAccuracy, { description: "Accuracy of the information (1–4)." })
  informationAccuracy: InformationAccuracy;
}

@InputType({ description: "Handling markings; omitted values take the defaults H0, AMBER, X, CANNOT_BE_JUDGED." })
export class MarkingsInput {
  @Field(() => HandlingCode, { defaultValue: HandlingCode.H0, description: "Handling code (H0–H3)." })
  handling: HandlingCode;

  @Field(() => Tlp, { defaultValue: Tlp.AMBER, description: "TLP 2.0 marking." })
  tlp: Tlp;

  @Field(() => SourceReliability, { defaultValue: SourceReliability.X, description: "Reliability of the source." })
  sourceReliability: SourceReliability;

  @Field(() => InformationAccuracy, { defaultValue: InformationAccuracy.CANNOT_BE_JUDGED, description: "Accuracy of the information." })
  informationAccuracy: InformationAccuracy;
}

export const DEFAULT_MARKINGS: Markings = {
  handling: HandlingCode.H0,
  tlp: Tlp.AMBER,
  sourceReliability: SourceReliability.X,
  informationAccuracy: InformationAccuracy.CANNOT_BE_JUDGED,
};

/** Properties under which markings are stored on every record node. */
export function markingProperties(input: Partial<Markings> | null | undefined): Markings {
  return { ...DEFAULT_MARKINGS, ...(input ?? {}) };
}
