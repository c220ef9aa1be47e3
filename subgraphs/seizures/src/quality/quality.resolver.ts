import { Roles, type RequestContext } from "@cix/core";
import { Ctx, FieldResolver, Int, Mutation, Resolver, Root } from "type-graphql";
import { Seizure } from "../seizure/seizure.types.js";
import { flagsBySeizureId } from "./quality.loaders.js";
import { computeQualityStatistics } from "./quality.statistics.js";
import { QualityFlag } from "./quality.types.js";

@Resolver(() => Seizure)
export class QualityResolver {
  @FieldResolver(() => [QualityFlag], {
    description:
      "Data-quality flags computed when the case was last written (outliers, implausible conveyance, dates or places, HS codes that do not " +
      "fit the commodity, possible duplicates across agencies); errors first. Flags ask for a second look; they never reject a case.",
  })
  qualityFlags(@Root() seizure: Seizure, @Ctx() ctx: RequestContext) {
    return flagsBySeizureId(ctx).load(seizure.id);
  }

  @Roles("supervisor")
  @Mutation(() => Int, {
    description:
      "Recomputes the statistics the outlier checks learn from the stored cases (median and MAD per commodity and unit); returns the number " +
      "of groups. Also runs every six hours. Supervisors only.",
  })
  async refreshQualityStatistics(@Ctx() ctx: RequestContext): Promise<number> {
    return computeQualityStatistics(ctx.db);
  }
}
