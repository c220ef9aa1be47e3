import { alignOne, type RequestContext } from "@cix/core";
import { PersonRepository } from "./person.repository.js";
import type { Person } from "./person.types.js";

export function personById(ctx: RequestContext) {
  return ctx.loaders.get<string, Person | null>("personById", async (ids) =>
    alignOne(ids, await new PersonRepository(ctx.db).findByIds(ids), (p) => p.id),
  );
}
