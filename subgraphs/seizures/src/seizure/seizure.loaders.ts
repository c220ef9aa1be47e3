import { alignMany, alignOne, type RequestContext } from "@cix/core";
import { SeizureRepository } from "./seizure.repository.js";
import type { PartyRef } from "../party/party.ref.js";
import type { GoodsItem, RouteLeg, Seizure } from "./seizure.types.js";

/** Per-request batched reads: every relationship of a page of cases costs one query, whatever the page size. */

/** Seizures by id (queries and federation reference resolution). */
export function seizureById(ctx: RequestContext) {
  return ctx.loaders.get<string, Seizure | null>("seizureById", async (ids) =>
    alignOne(ids, await new SeizureRepository(ctx.db).findByIds(ids), (s) => s.id),
  );
}

export function goodsBySeizureId(ctx: RequestContext) {
  return ctx.loaders.get<string, GoodsItem[]>("goodsBySeizureId", async (ids) =>
    alignMany(ids, await new SeizureRepository(ctx.db).goodsOf(ids), (g) => g.seizureId),
  );
}

export function routeBySeizureId(ctx: RequestContext) {
  return ctx.loaders.get<string, RouteLeg[]>("routeBySeizureId", async (ids) =>
    alignMany(ids, await new SeizureRepository(ctx.db).routesOf(ids), (l) => l.seizureId),
  );
}

/** The persons and companies who are offenders in each case, in the order they were given. */
export function offendersBySeizureId(ctx: RequestContext) {
  return ctx.loaders.get<string, PartyRef[]>("offendersBySeizureId", async (ids) =>
    alignMany(ids, await new SeizureRepository(ctx.db).offendersOf(ids), (o) => o.seizureId).map((rows) =>
      rows.map((o) => ({ id: o.id, __access: o.access })),
    ),
  );
}
