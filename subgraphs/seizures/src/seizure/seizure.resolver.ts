import type { RequestContext } from "@cix/core";
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { seizureById } from "./seizure.loaders.js";
import { SeizureRepository } from "./seizure.repository.js";
import { Seizure, SeizureInput } from "./seizure.types.js";

@Resolver(() => Seizure)
export class SeizureResolver {
  @Query(() => Seizure, { nullable: true, description: "One seizure case by its id." })
  seizure(@Arg("id", () => ID, { description: "The case's hub id." }) id: string, @Ctx() ctx: RequestContext) {
    return seizureById(ctx).load(id);
  }

  @Query(() => [Seizure], { description: "The most recent seizure cases." })
  seizures(
    @Arg("first", () => Int, { defaultValue: 20, description: "How many cases to return." }) first: number,
    @Ctx() ctx: RequestContext,
  ) {
    return new SeizureRepository(ctx.db).list(first);
  }

  @Mutation(() => Seizure, { description: "Creates a seizure case, or updates it if the agency already reported that case number." })
  upsertSeizure(@Arg("input", () => SeizureInput) input: SeizureInput, @Ctx() ctx: RequestContext) {
    return new SeizureRepository(ctx.db).upsert(input);
  }
}
