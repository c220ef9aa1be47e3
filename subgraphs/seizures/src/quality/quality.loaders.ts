import { alignMany, type RequestContext } from "@cix/core";
import { flagsOf } from "./quality.repository.js";
import type { QualityFlag } from "./quality.types.js";

/** The quality flags of each case of a page, in one query. */
export function flagsBySeizureId(ctx: RequestContext) {
  return ctx.loaders.get<string, QualityFlag[]>("flagsBySeizureId", async (ids) => alignMany(ids, await flagsOf(ctx.db, ids), (f) => f.seizureId));
}
