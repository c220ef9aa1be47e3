import { DateTimeScalar } from "@cix/core";
import { Field, ObjectType, registerEnumType } from "type-graphql";

/** The anomaly checks run on every stored case (GraphQL upserts and imports alike). */
export enum QualityRule {
  QUANTITY_OUTLIER = "QUANTITY_OUTLIER",
  VALUE_OUTLIER = "VALUE_OUTLIER",
  CONVEYANCE_IMPLAUSIBLE = "CONVEYANCE_IMPLAUSIBLE",
  DATE_IMPLAUSIBLE = "DATE_IMPLAUSIBLE",
  PLACE_FUNCTION_MISMATCH = "PLACE_FUNCTION_MISMATCH",
  HS_CATEGORY_MISMATCH = "HS_CATEGORY_MISMATCH",
  DUPLICATE_ACROSS_AGENCIES = "DUPLICATE_ACROSS_AGENCIES",
}
registerEnumType(QualityRule, {
  name: "QualityRule",
  description: "An anomaly check on seizure cases (CEN's built-in alerts). Flags do not reject a case; they ask for a second look.",
  valuesConfig: {
    QUANTITY_OUTLIER: { description: "A goods line's quantity is far from what is usual for its commodity and unit (robust z-score over the stored cases)." },
    VALUE_OUTLIER: { description: "A goods line's value per unit is far from what is usual for its commodity, unit and currency." },
    CONVEYANCE_IMPLAUSIBLE: { description: "Weight, value or pieces implausible for the conveyance (e.g. more than 30 kg in a postal item)." },
    DATE_IMPLAUSIBLE: { description: "Seized in the future, implausibly long ago, or before the seized shipment was dispatched." },
    PLACE_FUNCTION_MISMATCH: {
      description:
        "The conveyance needs a transport function the place's UN/LOCODE lacks: AIR an airport, SEA a port, RAIL a rail terminal " +
        "(e.g. a seaport-only place for an AIR seizure). Road, pedestrian, postal and express seizures (street, market and " +
        "other inland enforcement) and places with no function recorded or a multimodal one are never flagged.",
    },
    HS_CATEGORY_MISMATCH: { description: "A goods line's HS chapter is not one the case's commodity category is usually classified in." },
    DUPLICATE_ACROSS_AGENCIES: { description: "Another agency reported a case with the same flight or voyage, day and goods: possibly the same seizure twice." },
  },
});

export enum QualitySeverity {
  INFO = "INFO",
  WARNING = "WARNING",
  ERROR = "ERROR",
}
registerEnumType(QualitySeverity, {
  name: "QualitySeverity",
  description: "How serious a quality flag is. Validating a case with unacknowledged ERROR flags needs `acknowledgeFlags: true`.",
  valuesConfig: {
    INFO: { description: "Worth knowing." },
    WARNING: { description: "Unusual: check it." },
    ERROR: { description: "Almost certainly wrong: correct it, or acknowledge it explicitly when validating." },
  },
});

@ObjectType({ description: "A data-quality flag on a case: which rule, how serious, and why (computed when the case is written)." })
export class QualityFlag {
  @Field(() => QualityRule, { description: "The rule that raised the flag." })
  rule: QualityRule;

  @Field(() => QualitySeverity, { description: "How serious it is." })
  severity: QualitySeverity;

  @Field(() => String, { description: "Why the case was flagged, with the values compared." })
  explanation: string;

  @Field(() => String, { nullable: true, description: 'The field concerned, e.g. "goods[0].quantity"; null for the case as a whole.' })
  field: string | null;

  @Field(() => DateTimeScalar, { description: "When the flag was computed." })
  at: string;

  @Field(() => DateTimeScalar, { nullable: true, description: "When a supervisor acknowledged it while validating the case; null while unresolved." })
  acknowledgedAt: string | null;
}
