import { badUserInput, type Database, type Viewer } from "@cix/core";
import { requireOwnCase } from "../access.js";
import { SEIZURE_PROJECTION } from "../seizure/seizure.projection.js";
import type { Seizure } from "../seizure/seizure.types.js";
import { settleErrorFlags } from "../quality/quality.repository.js";
import { canMove, ReviewStatus, statusesLeadingTo } from "./review-status.js";

export interface Transition {
  to: ReviewStatus;
  /** The mutation asking for it, for provenance and messages. */
  mutation: string;
  /** Required when moving to RETURNED. */
  returnReason?: string;
  /** Moving to VALIDATED: accept the case's unresolved ERROR quality flags (else they stop the validation). */
  acknowledgeFlags?: boolean;
}

/** Moves a case through the review workflow, only along legal transitions. */
export class ReviewRepository {
  constructor(private readonly db: Database) {}

  move(id: string, viewer: Viewer, t: Transition): Promise<Seizure> {
    return this.db.transaction(async (tx) => {
      // Setting updatedAt first locks the node: the status read after it is the one the update applies to.
      const [current] = await tx.run<{ status: ReviewStatus; ownerAgency: string }>(
        "MATCH (s:Seizure { id: $id }) SET s.updatedAt = datetime() RETURN s.reviewStatus AS status, s.ownerAgency AS ownerAgency",
        { id },
      );
      requireOwnCase(viewer, id, current?.ownerAgency);
      const status = current!.status;
      if (!canMove(status, t.to)) {
        const from = statusesLeadingTo(t.to).join(" or ");
        const error = badUserInput(
          "id",
          `a case in status ${from}`,
          `${t.mutation} needs a case in status ${from}; seizure ${id} is ${status}.`,
        );
        Object.assign(error.extensions, { currentStatus: status });
        throw error;
      }
      if (t.to === ReviewStatus.VALIDATED) await settleErrorFlags(tx, id, t.acknowledgeFlags ?? false);
      const [row] = await tx.run<{ seizure: Seizure }>(
        `MATCH (s:Seizure { id: $id })
         SET s.reviewStatus = $to, s.returnReason = $returnReason, s.source = $source
         RETURN ${SEIZURE_PROJECTION} AS seizure`,
        { id, to: t.to, returnReason: t.returnReason ?? null, source: `graphql:${t.mutation}` },
      );
      return row!.seizure;
    });
  }
}
