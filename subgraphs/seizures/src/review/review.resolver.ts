import { Multiline, requireViewer, Roles, type RequestContext } from "@cix/core";
import { Arg, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { requiredText } from "../seizure/seizure.validation.js";
import { Seizure } from "../seizure/seizure.types.js";
import { ReviewStatus } from "./review-status.js";
import { ReviewRepository } from "./review.repository.js";

const idArg = { description: "The case's hub id." };

/**
 * The review workflow: the owner agency submits a case (DRAFT or RETURNED → SUBMITTED); a supervisor of that
 * agency validates it (SUBMITTED → VALIDATED) or returns it for correction (SUBMITTED → RETURNED). Any other
 * move is BAD_USER_INPUT naming the case's current status.
 */
@Resolver(() => Seizure)
export class ReviewResolver {
  @Roles("investigator", "supervisor")
  @Mutation(() => Seizure, { description: "Submits a DRAFT or RETURNED case for validation." })
  submitSeizure(@Arg("id", () => ID, idArg) id: string, @Ctx() ctx: RequestContext) {
    const viewer = requireViewer(ctx.viewer);
    return new ReviewRepository(ctx.db).move(id, viewer, { to: ReviewStatus.SUBMITTED, mutation: "submitSeizure" });
  }

  @Roles("supervisor")
  @Mutation(() => Seizure, {
    description:
      "Validates a SUBMITTED case (supervisor of the owner agency). A case with unresolved ERROR quality flags is refused unless " +
      "acknowledgeFlags is true (the flags are then marked acknowledged).",
  })
  validateSeizure(
    @Arg("id", () => ID, idArg) id: string,
    @Arg("acknowledgeFlags", () => Boolean, {
      defaultValue: false,
      description: "Validate although the case has unresolved ERROR quality flags (see Seizure.qualityFlags), acknowledging them.",
    })
    acknowledgeFlags: boolean,
    @Ctx() ctx: RequestContext,
  ) {
    const viewer = requireViewer(ctx.viewer);
    return new ReviewRepository(ctx.db).move(id, viewer, { to: ReviewStatus.VALIDATED, mutation: "validateSeizure", acknowledgeFlags });
  }

  @Roles("supervisor")
  @Mutation(() => Seizure, { description: "Returns a SUBMITTED case to the reporter for correction, saying why (supervisor of the owner agency)." })
  returnSeizure(
    @Arg("id", () => ID, idArg) id: string,
    @Multiline() @Arg("reason", () => String, { description: "What must be corrected (1 to 2,000 characters)." }) reason: string,
    @Ctx() ctx: RequestContext,
  ) {
    const viewer = requireViewer(ctx.viewer);
    const returnReason = requiredText("reason", reason, 2000);
    return new ReviewRepository(ctx.db).move(id, viewer, { to: ReviewStatus.RETURNED, mutation: "returnSeizure", returnReason });
  }
}
