import { badUserInput, checkedFirst, cursorScope, openCursor, requireRole, toConnection, type CursorScope, type RequestContext } from "@cix/core";
import { Arg, Ctx, ID, Int, Query, Resolver } from "type-graphql";
import { AuditRepository } from "./audit.repository.js";
import { AuditEntryConnection } from "./audit.types.js";

function beforeSeq(after: string | null | undefined, scope: CursorScope): number | null {
  const cursor = openCursor(after, scope);
  if (!cursor) return null;
  if (typeof cursor[0] !== "number") throw badUserInput("after", "a cursor returned as endCursor by an earlier page");
  return cursor[0];
}

@Resolver()
export class AuditResolver {
  @Query(() => AuditEntryConnection, { description: "Supervisors: the audit trail of your agency's officers, newest first." })
  async auditTrail(
    @Arg("first", () => Int, { defaultValue: 50, description: "Page size." }) first: number,
    @Arg("after", () => String, { nullable: true, description: "Cursor of the last entry of the previous page." }) after: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    const viewer = requireRole(ctx.viewer, "supervisor");
    const size = checkedFirst(first);
    const scope = cursorScope(viewer, "Query.auditTrail");
    const rows = await new AuditRepository(ctx.db).byAgency(viewer.agency, beforeSeq(after, scope), size + 1);
    return toConnection(rows, size, (e) => [e.seq], scope);
  }

  @Query(() => AuditEntryConnection, {
    description: "Data owners (supervisors): who read your agency's records, or one record's, newest first.",
  })
  async readsOfOurRecords(
    @Arg("recordId", () => ID, { nullable: true, description: "Only reads of this record." }) recordId: string | null,
    @Arg("first", () => Int, { defaultValue: 50, description: "Page size." }) first: number,
    @Arg("after", () => String, { nullable: true, description: "Cursor of the last entry of the previous page." }) after: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    const viewer = requireRole(ctx.viewer, "supervisor");
    const size = checkedFirst(first);
    const scope = cursorScope(viewer, "Query.readsOfOurRecords", { recordId });
    const rows = await new AuditRepository(ctx.db).readsOfOwner(viewer.agency, recordId, beforeSeq(after, scope), size + 1);
    return toConnection(rows, size, (e) => [e.seq], scope);
  }
}
