import type { RequestContext } from "@cix/core";
import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { personById } from "./person.loaders.js";
import { PersonRepository } from "./person.repository.js";
import { Person, PersonInput } from "./person.types.js";

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, { nullable: true, description: "One person by id." })
  person(@Arg("id", () => ID, { description: "The person's hub id." }) id: string, @Ctx() ctx: RequestContext) {
    return personById(ctx).load(id);
  }

  @Mutation(() => Person, { description: "Records a person." })
  createPerson(@Arg("input", () => PersonInput) input: PersonInput, @Ctx() ctx: RequestContext) {
    return new PersonRepository(ctx.db).create(input);
  }
}
