import { alignMany, type RequestContext } from "@cix/core";
import { RelationshipRepository, type RelatedRow, type RoleLinkRow } from "./relationship.repository.js";

type Direction = "associatesOf" | "companiesOf" | "membersOf";

/** A party's related parties in one direction (`Person.associates`, `Person.companies`, `Company.directors`/`employees`). */
export function relatedParties(ctx: RequestContext, direction: Direction) {
  return ctx.loaders.get<string, RelatedRow[]>(`related:${direction}`, async (ids) => {
    const rows = await new RelationshipRepository(ctx.db)[direction](ids);
    return alignMany(ids, rows, (r) => r.ownerId);
  });
}

/** Role links of companies (their holders: `roleHoldersOf`) or of parties (the companies they hold roles in: `roleHoldingsOf`). */
export function roleLinks(ctx: RequestContext, direction: "roleHoldersOf" | "roleHoldingsOf") {
  return ctx.loaders.get<string, RoleLinkRow[]>(`related:${direction}`, async (ids) => {
    const rows = await new RelationshipRepository(ctx.db)[direction](ids);
    return alignMany(ids, rows, (r) => r.ownerId);
  });
}
