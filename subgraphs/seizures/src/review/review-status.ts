import { registerEnumType } from "type-graphql";

/** Where a case stands in the CEN review workflow. */
export enum ReviewStatus {
  DRAFT = "DRAFT",
  SUBMITTED = "SUBMITTED",
  VALIDATED = "VALIDATED",
  RETURNED = "RETURNED",
}
registerEnumType(ReviewStatus, {
  name: "ReviewStatus",
  description:
    "Review status of a case. Legal transitions: DRAFT → SUBMITTED, SUBMITTED → VALIDATED or RETURNED, RETURNED → SUBMITTED (after correction).",
  valuesConfig: {
    DRAFT: { description: "Being written by the reporting agency; not yet submitted for review." },
    SUBMITTED: { description: "Submitted for validation." },
    VALIDATED: { description: "Checked and accepted by a validator." },
    RETURNED: { description: "Sent back to the reporting agency for correction; see returnReason." },
  },
});

/** The workflow as a table: status → the statuses it may move to. */
const NEXT: Readonly<Record<ReviewStatus, readonly ReviewStatus[]>> = {
  DRAFT: [ReviewStatus.SUBMITTED],
  SUBMITTED: [ReviewStatus.VALIDATED, ReviewStatus.RETURNED],
  VALIDATED: [],
  RETURNED: [ReviewStatus.SUBMITTED],
};

export function canMove(from: ReviewStatus, to: ReviewStatus): boolean {
  return NEXT[from].includes(to);
}

/** The statuses from which `to` can be reached (for conditional Cypher updates and error messages). */
export function statusesLeadingTo(to: ReviewStatus): ReviewStatus[] {
  return (Object.keys(NEXT) as ReviewStatus[]).filter((from) => canMove(from, to));
}
