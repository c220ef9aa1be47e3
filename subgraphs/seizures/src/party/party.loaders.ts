import { alignMany, type Keyset, type RequestContext } from "@cix/core";
import { SeizureRepository } from "../seizure/seizure.repository.js";
import type { Seizure } from "../seizure/seizure.types.js";

/**
 * The cases each party is an offender in, one page per party (`limit` rows after `after`). Parties asked for
 * with the same page arguments share one loader, so a list of parties costs one query.
 */
export function seizuresByOffenderId(ctx: RequestContext, limit: number, after: Keyset) {
  const name = `seizuresByOffenderId:${limit}:${after.afterAt ?? ""}|${after.afterId ?? ""}`;
  return ctx.loaders.get<string, Seizure[]>(name, async (partyIds) =>
    alignMany(partyIds, await new SeizureRepository(ctx.db).listByOffenders(partyIds, limit, after), (r) => r.partyId).map((rows) =>
      rows.map((r) => r.seizure),
    ),
  );
}
