import { badUserInput, notFound, requireRole, requireViewer, Roles, type RequestContext, type Viewer } from "@cix/core";
import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { operationById } from "./operation.loaders.js";
import { OperationRepository } from "./operation.repository.js";
import { OpenOperationInput, Operation, OperationStatus } from "./operation.types.js";

const AGENCY = /^[A-Z0-9][A-Z0-9_-]{1,63}$/;

function checkAgencies(agencies: string[], field: string): string[] {
  agencies.forEach((a, i) => {
    if (!AGENCY.test(a)) throw badUserInput(`${field}[${i}]`, "an agency code such as BE-CUSTOMS");
  });
  return agencies;
}

/** The operation if the caller's agency takes part in it; otherwise it does not exist for the caller. */
async function visibleOperation(ctx: RequestContext, id: string, viewer: Viewer): Promise<Operation> {
  const op = await operationById(ctx).load(id);
  if (!op || !op.memberAgencies.includes(viewer.agency)) throw notFound("Operation", id);
  return op;
}

async function ledOperation(ctx: RequestContext, id: string): Promise<Operation> {
  const viewer = requireViewer(ctx.viewer);
  const op = await visibleOperation(ctx, id, viewer);
  if (op.leadAgency !== viewer.agency) throw badUserInput("id", "an operation your agency leads");
  return op;
}

@Resolver(() => Operation)
export class OperationResolver {
  @Query(() => Operation, { nullable: true, description: "An operation your agency leads or takes part in." })
  async operation(@Arg("id", () => ID, { description: "The operation's id." }) id: string, @Ctx() ctx: RequestContext) {
    const viewer = requireRole(ctx.viewer, "investigator", "supervisor", "analyst");
    const op = await operationById(ctx).load(id);
    return op && op.memberAgencies.includes(viewer.agency) ? op : null;
  }

  @Query(() => [Operation], { description: "Operations your agency leads or takes part in, latest end date first." })
  operations(@Ctx() ctx: RequestContext) {
    const viewer = requireRole(ctx.viewer, "investigator", "supervisor", "analyst");
    return new OperationRepository(ctx.db).forAgency(viewer.agency);
  }

  @Roles("investigator", "supervisor")
  @Mutation(() => Operation, { description: "Opens an operation led by your agency." })
  openOperation(@Arg("input", () => OpenOperationInput) input: OpenOperationInput, @Ctx() ctx: RequestContext) {
    const viewer = requireViewer(ctx.viewer);
    const name = input.name.trim();
    if (name.length < 3 || name.length > 200) throw badUserInput("input.name", "3 to 200 characters");
    const endsAt = new Date(input.endsAt);
    if (endsAt <= new Date()) throw badUserInput("input.endsAt", "a date-time in the future");
    if (!Number.isInteger(input.retentionDays) || input.retentionDays < 0 || input.retentionDays > 3650) {
      throw badUserInput("input.retentionDays", "a whole number of days from 0 to 3650");
    }
    return new OperationRepository(ctx.db).open({
      name,
      leadAgency: viewer.agency,
      memberAgencies: checkAgencies(input.memberAgencies, "input.memberAgencies"),
      endsAt: endsAt.toISOString(),
      retentionDays: input.retentionDays,
    });
  }

  @Roles("investigator", "supervisor")
  @Mutation(() => Operation, { description: "Adds and/or removes member agencies (lead agency only; the lead stays)." })
  async changeOperationMembers(
    @Arg("id", () => ID, { description: "The operation's id." }) id: string,
    @Arg("add", () => [String], { defaultValue: [], description: "Agencies to add." }) add: string[],
    @Arg("remove", () => [String], { defaultValue: [], description: "Agencies to remove; they lose access at once." }) remove: string[],
    @Ctx() ctx: RequestContext,
  ) {
    await ledOperation(ctx, id);
    return new OperationRepository(ctx.db).setMembers(id, checkAgencies(add, "add"), checkAgencies(remove, "remove"));
  }

  @Roles("investigator", "supervisor")
  @Mutation(() => Operation, { description: "Closes an operation (lead agency only): members lose access at once." })
  async closeOperation(@Arg("id", () => ID, { description: "The operation's id." }) id: string, @Ctx() ctx: RequestContext) {
    await ledOperation(ctx, id);
    return new OperationRepository(ctx.db).close(id);
  }

  @Roles("investigator", "supervisor")
  @Mutation(() => [ID], {
    description: "Shares records your agency owns into an open operation your agency takes part in; returns the ids shared.",
  })
  async shareIntoOperation(
    @Arg("id", () => ID, { description: "The operation's id." }) id: string,
    @Arg("recordIds", () => [ID], { description: "Ids of seizures, persons, companies, orders, payments or shipments." }) recordIds: string[],
    @Arg("release", () => Boolean, { defaultValue: false, description: "Release H2-marked data for dissemination to the members." }) release: boolean,
    @Arg("operationOnly", () => Boolean, {
      defaultValue: false,
      description: "The records exist only for this operation and are purged after its retention period.",
    })
    operationOnly: boolean,
    @Ctx() ctx: RequestContext,
  ) {
    const viewer = requireViewer(ctx.viewer);
    const op = await visibleOperation(ctx, id, viewer);
    if (op.status !== OperationStatus.OPEN) throw badUserInput("id", "an open operation");
    if (recordIds.length === 0 || recordIds.length > 1000) throw badUserInput("recordIds", "1 to 1000 record ids");
    return new OperationRepository(ctx.db).share(id, recordIds, viewer.agency, release, operationOnly, viewer.sub);
  }

  @Roles("investigator", "supervisor")
  @Mutation(() => [ID], { description: "Withdraws records your agency shared; members lose access to them at once." })
  async unshareFromOperation(
    @Arg("id", () => ID, { description: "The operation's id." }) id: string,
    @Arg("recordIds", () => [ID], { description: "Ids of records to withdraw." }) recordIds: string[],
    @Ctx() ctx: RequestContext,
  ) {
    const viewer = requireViewer(ctx.viewer);
    await visibleOperation(ctx, id, viewer);
    return new OperationRepository(ctx.db).unshare(id, recordIds, viewer.agency);
  }
}
