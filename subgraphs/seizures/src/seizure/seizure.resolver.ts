import { agencyCode, checkedFirst, cursorScope, keysetAfter, Nominal, requireViewer, Roles, toConnection, type RequestContext } from "@cix/core";
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { PartyRef } from "../party/party.ref.js";
import { placeForLocode, placeOf } from "../place/place.lookup.js";
import { Place } from "../place/place.types.js";
import { goodsBySeizureId, offendersBySeizureId, routeBySeizureId, seizureById } from "./seizure.loaders.js";
import { SeizureFilter, SeizureInput } from "./seizure.inputs.js";
import { SeizureRepository } from "./seizure.repository.js";
import { GoodsItem, RouteLeg, Seizure, SeizureConnection } from "./seizure.types.js";
import { validateFilter, validateSeizureInput } from "./seizure.validation.js";

@Resolver(() => Seizure)
export class SeizureResolver {
  @Query(() => Seizure, { nullable: true, description: "One seizure case by its hub id; null if there is none." })
  seizure(@Arg("id", () => ID, { description: "The case's hub id." }) id: string, @Ctx() ctx: RequestContext) {
    return seizureById(ctx).load(id);
  }

  @Query(() => Seizure, { nullable: true, description: "One seizure case by its natural key: reporting agency and case number." })
  seizureByCase(
    @Arg("reportingAgency", () => String, { description: "Code of the reporting agency, e.g. NL-CUSTOMS." }) reportingAgency: string,
    @Arg("caseNumber", () => String, { description: "The agency's own case number." }) caseNumber: string,
    @Ctx() ctx: RequestContext,
  ) {
    return new SeizureRepository(ctx.db).findByCase(agencyCode(reportingAgency), caseNumber.trim());
  }

  @Query(() => SeizureConnection, { description: "Seizure cases matching the filter, most recently seized first." })
  async seizures(
    @Arg("filter", () => SeizureFilter, { nullable: true, description: "Which cases; all cases when omitted." }) filter: SeizureFilter | null,
    @Arg("first", () => Int, { defaultValue: 20, description: "Page size, 1 to the hub's maximum (500 by default)." }) first: number,
    @Arg("after", () => String, { nullable: true, description: "endCursor of the previous page." }) after: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    const size = checkedFirst(first);
    const scope = cursorScope(ctx.viewer, "Query.seizures", { filter });
    const rows = await new SeizureRepository(ctx.db).list(validateFilter(filter), size + 1, keysetAfter(after, scope));
    return toConnection(rows, size, (s) => [s.seizedAt, s.id], scope);
  }

  @Roles("investigator", "supervisor")
  @Mutation(() => Seizure, {
    description:
      "Creates a seizure case of the caller's agency, or replaces it if the agency already reported that case number " +
      "(idempotent: goods lines and route are replaced, not added to).",
  })
  upsertSeizure(@Arg("input", () => SeizureInput, { description: "The case." }) input: SeizureInput, @Ctx() ctx: RequestContext) {
    const viewer = requireViewer(ctx.viewer);
    const valid = validateSeizureInput(input);
    return new SeizureRepository(ctx.db).upsert(valid, { agency: viewer.agency, country: viewer.country, source: "graphql:upsertSeizure" });
  }

  @FieldResolver(() => Place, { nullable: true, description: "Where the goods were seized (from the UN/LOCODE list)." })
  place(@Root() seizure: Seizure): Place | null {
    return seizure.placeLocode ? placeForLocode(seizure.placeLocode) : null;
  }

  @FieldResolver(() => [GoodsItem], { description: "The goods lines, in line order." })
  goods(@Root() seizure: Seizure, @Ctx() ctx: RequestContext) {
    return goodsBySeizureId(ctx).load(seizure.id);
  }

  @FieldResolver(() => [RouteLeg], { description: "The route of the goods, departure first; empty when unknown." })
  route(@Root() seizure: Seizure, @Ctx() ctx: RequestContext) {
    return routeBySeizureId(ctx).load(seizure.id);
  }

  @Nominal()
  @FieldResolver(() => [PartyRef], { description: "Persons and companies who are offenders in the case (nominal)." })
  offenders(@Root() seizure: Seizure, @Ctx() ctx: RequestContext): Promise<PartyRef[]> {
    return offendersBySeizureId(ctx).load(seizure.id);
  }
}

@Resolver(() => RouteLeg)
export class RouteLegResolver {
  @FieldResolver(() => Place, { description: "The place: a UN/LOCODE location, or a whole country." })
  place(@Root() leg: RouteLeg): Place {
    return placeOf(leg.locode, leg.country);
  }
}
