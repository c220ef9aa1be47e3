import { alignMany, type RequestContext } from "@cix/core";
import type { SeizurePhoto } from "../seizure/seizure.types.js";
import { PhotoRepository } from "./photo.repository.js";

export function photosBySeizureId(ctx: RequestContext) {
  return ctx.loaders.get<string, SeizurePhoto[]>("photosBySeizureId", async (ids) =>
    alignMany(ids, await new PhotoRepository(ctx.db).photosOf(ids), (p) => p.seizureId),
  );
}
