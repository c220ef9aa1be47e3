import { alignOne, type RequestContext } from "@cix/core";
import { SeizureRepository } from "./seizure.repository.js";
import type { Seizure } from "./seizure.types.js";

/** Seizures by id, batched per request (used by queries and by federation reference resolution). */
export function seizureById(ctx: RequestContext) {
  return ctx.loaders.get<string, Seizure | null>("seizureById", async (ids) =>
    alignOne(ids, await new SeizureRepository(ctx.db).findByIds(ids), (s) => s.id),
  );
}
