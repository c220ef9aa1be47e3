import type { Logger, TokenService } from "@cix/core";
import {
  CixClient,
  LinkAssociatesDocument,
  LinkCompanyRoleDocument,
  OpenOperationDocument,
  OperationsDocument,
  ReturnSeizureDocument,
  ShareIntoOperationDocument,
  SubmitSeizureDocument,
  UpsertCompanyDocument,
  UpsertOrderDocument,
  UpsertPaymentDocument,
  UpsertPersonDocument,
  UpsertSeizureDocument,
  UpsertShipmentDocument,
  ValidateSeizureDocument,
  type TypedDocumentNode,
  type UpsertSeizureMutation,
} from "@cix/client";
import { GraphQLRequestError, send as sendAs } from "./graphql-client.js";
import type { DatasetPlan, PlanOperation, PlanSeizure, ReviewStatus } from "./plan.js";
import { forEachLimit } from "./pool.js";

/**
 * Sends a plan through the gateway as GraphQL mutations (the typed documents of @cix/client), so the data passes
 * the same validation as any client's, each record written with a token of the agency that owns it. Order: persons and companies, their
 * relationships, seizures (with offenders) and their review, orders, payments, shipments, the operation.
 * Natural keys of the plan become hub ids as records are created. Any error stops the load and is thrown
 * with the GraphQL error's code, path and message.
 */

export interface LoadOptions {
  gatewayUrl: string;
  tokens: TokenService;
  /** Mutations in flight at once (default 8). */
  concurrency?: number;
  /** The agency code a plan agency writes as (tests load under unique codes); the plan's own code by default. */
  agencyCode?: (planCode: string) => string;
  log?: Pick<Logger, "info" | "warn">;
}

export interface LoadResult {
  /** Hub id of every record loaded, by natural key. */
  ids: Map<string, string>;
  /** Records written, by kind. */
  counts: Record<string, number>;
  /** Plan agency code → the code it was written as. */
  agencies: Map<string, string>;
  /** What could not be loaded and why (e.g. the operations API missing from the gateway's schema). */
  skipped: string[];
  ms: number;
}


type Role = "investigator" | "supervisor";

export async function loadPlan(plan: DatasetPlan, options: LoadOptions): Promise<LoadResult> {
  const started = Date.now();
  const limit = options.concurrency ?? 8;
  const rename = options.agencyCode ?? ((code: string) => code);
  const ids = new Map<string, string>();
  const counts: Record<string, number> = {};
  const skipped: string[] = [];
  const agencies = new Map(plan.agencies.map((a) => [a.code, rename(a.code)]));
  const clients = await agencyClients(plan, options, agencies);

  const as = (agency: string, role: Role = "investigator") => {
    const client = clients.get(`${agency}|${role}`);
    if (!client) throw new Error(`The plan's agency ${agency} is not among its agencies`);
    return client;
  };
  const id = (key: string) => {
    const value = ids.get(key);
    if (!value) throw new Error(`The plan refers to ${key}, which was not loaded (is it in the plan?)`);
    return value;
  };
  const send: Send = (label, agency, document, variables, role) => sendAs(as(agency, role), label, document, variables);
  const count = (kind: string) => (counts[kind] = (counts[kind] ?? 0) + 1);
  const phase = async <T>(kind: string, items: readonly T[], work: (item: T) => Promise<void>) => {
    const t = Date.now();
    await forEachLimit(items, limit, work);
    options.log?.info({ records: items.length, ms: Date.now() - t }, `seed: ${kind} loaded`);
  };

  await phase("parties", [...plan.persons.map((p) => ({ ...p, kind: "person" as const })), ...plan.companies.map((c) => ({ ...c, kind: "company" as const }))], async (r) => {
    if (r.kind === "person") {
      const data = await send(r.key, r.agency, UpsertPersonDocument, { input: r.input });
      ids.set(r.key, data.upsertPerson.id);
    } else {
      const data = await send(r.key, r.agency, UpsertCompanyDocument, { input: r.input });
      ids.set(r.key, data.upsertCompany.id);
    }
    count(r.kind === "person" ? "persons" : "companies");
  });

  // Plan records by key, for the agency that owns (and so shares) each.
  const owners = new Map(
    [plan.persons, plan.companies, plan.seizures, plan.orders, plan.payments, plan.shipments].flatMap((records) => records.map((r) => [r.key, r.agency] as const)),
  );
  const openOperations = async (stage: PlanOperation["stage"]) => {
    for (const op of plan.operations.filter((o) => o.stage === stage)) {
      const opened = await operation(op, send, id, agencies, owners);
      if (typeof opened === "string") {
        ids.set(op.key, opened);
        count("operations");
      } else {
        skipped.push(opened.skipped);
        options.log?.warn(`seed: ${opened.skipped}`);
      }
    }
  };
  // Agencies name each other's ring members only once the owners have shared them (an agency names only parties it may read).
  await openOperations("exchange");

  await phase("links", plan.links, async (l) => {
    if (l.type === "ASSOCIATE_OF") {
      await send(l.key, l.agency, LinkAssociatesDocument, { input: { personId: id(l.person), associateId: id(l.other), since: l.since } });
    } else {
      const role = l.type === "DIRECTOR_OF" ? "DIRECTOR" : "EMPLOYEE";
      await send(l.key, l.agency, LinkCompanyRoleDocument, { input: { personId: id(l.person), companyId: id(l.other), role, since: l.since } });
    }
    count("links");
  });

  await phase("seizures", plan.seizures, async (s) => {
    const { id: seizureId, reviewStatus } = await upsertSeizure(s, s.offenders.map(id), send);
    ids.set(s.key, seizureId);
    await review(s, seizureId, reviewStatus, send);
    count("seizures");
  });

  await phase("orders", plan.orders, async (o) => {
    const input = { ...o.input, ...(o.buyer ? { buyerPartyId: id(o.buyer) } : {}), ...(o.seller ? { sellerPartyId: id(o.seller) } : {}) };
    const data = await send(o.key, o.agency, UpsertOrderDocument, { input });
    ids.set(o.key, data.upsertOrder.id);
    count("orders");
  });

  await phase("payments", plan.payments, async (p) => {
    const data = await send(p.key, p.agency, UpsertPaymentDocument, {
      input: { ...p.input, ...(p.order ? { orderId: id(p.order) } : {}) },
    });
    ids.set(p.key, data.upsertPayment.id);
    count("payments");
  });

  await phase("shipments", plan.shipments, async (s) => {
    const input = {
      ...s.input,
      ...(s.order ? { orderId: id(s.order) } : {}),
      ...(s.seizure ? { seizureId: id(s.seizure) } : {}),
      ...(s.consignor ? { consignorPartyId: id(s.consignor) } : {}),
      ...(s.consignee ? { consigneePartyId: id(s.consignee) } : {}),
    };
    const data = await send(s.key, s.agency, UpsertShipmentDocument, { input });
    ids.set(s.key, data.upsertShipment.id);
    count("shipments");
  });

  await openOperations("joint");

  return { ids, counts, agencies, skipped, ms: Date.now() - started };
}

/** Rate-limited requests wait for Retry-After and are sent again this often before the load stops. */
const RATE_LIMIT_RETRIES = 5;

/** One client per plan agency and role, each with a development token of that agency. */
async function agencyClients(plan: DatasetPlan, options: LoadOptions, agencies: Map<string, string>): Promise<Map<string, CixClient>> {
  const clients = new Map<string, CixClient>();
  for (const a of plan.agencies) {
    const code = agencies.get(a.code)!;
    for (const role of ["investigator", "supervisor"] as const) {
      const token = await options.tokens.mintDevToken({ sub: `seed-${role}@${code}`, agency: code, country: a.country, roles: [role], operations: [] });
      clients.set(`${a.code}|${role}`, new CixClient({ url: options.gatewayUrl, token, maxRetries: RATE_LIMIT_RETRIES }));
    }
  }
  return clients;
}

type Send = <R, V extends Record<string, unknown>>(label: string, agency: string, document: TypedDocumentNode<R, V>, variables: V, role?: Role) => Promise<R>;

type SeizureResult = Pick<UpsertSeizureMutation["upsertSeizure"], "id" | "reviewStatus">;

/**
 * Writes a case. One that is to be reviewed is written as SUBMITTED at once (saving a call); if the hub already
 * has it further along (a second load), the status is left out and the case keeps the one it has.
 */
async function upsertSeizure(s: PlanSeizure, offenderIds: string[], send: Send): Promise<SeizureResult> {
  const input = { ...s.input, offenderIds };
  if (s.reviewStatus === "DRAFT") return (await send(s.key, s.agency, UpsertSeizureDocument, { input })).upsertSeizure;
  try {
    return (await send(s.key, s.agency, UpsertSeizureDocument, { input: { ...input, reviewStatus: "SUBMITTED" } })).upsertSeizure;
  } catch (error) {
    const statusRefused = error instanceof GraphQLRequestError && error.errors.some((e) => e.field === "input.reviewStatus");
    if (!statusRefused) throw error;
    return (await send(s.key, s.agency, UpsertSeizureDocument, { input })).upsertSeizure;
  }
}

/**
 * Moves a case along the review workflow to its planned status: the reporter submits it, a supervisor of the
 * agency validates or returns it. A case already further along (loaded before) is left as it is.
 */
async function review(s: PlanSeizure, seizureId: string, current: ReviewStatus, send: Send): Promise<void> {
  const target = s.reviewStatus;
  if (target === "DRAFT" || current === target || current === "VALIDATED") return;
  let status: ReviewStatus = current;
  if (status === "DRAFT" || status === "RETURNED") {
    status = (await send(`${s.key} submit`, s.agency, SubmitSeizureDocument, { id: seizureId })).submitSeizure.reviewStatus;
  }
  if (status !== "SUBMITTED") return;
  if (target === "VALIDATED") await send(`${s.key} validate`, s.agency, ValidateSeizureDocument, { id: seizureId }, "supervisor");
  if (target === "RETURNED") await send(`${s.key} return`, s.agency, ReturnSeizureDocument, { id: seizureId, reason: s.returnReason ?? "Please correct." }, "supervisor");
}

/**
 * Opens the operation (or finds the open one of that name the lead already has) and has each owner share its
 * records into it. Returns its id, or why it was skipped when the gateway's schema has no operations API.
 */
async function operation(
  op: PlanOperation,
  send: Send,
  id: (key: string) => string,
  agencies: Map<string, string>,
  owners: Map<string, string>,
): Promise<string | { skipped: string }> {
  let existing: Array<{ id: string; name: string; leadAgency: string; status: string }>;
  try {
    existing = (await send(`${op.key} lookup`, op.agency, OperationsDocument, {})).operations;
  } catch (error) {
    if (error instanceof GraphQLRequestError && error.has("GRAPHQL_VALIDATION_FAILED")) {
      return { skipped: `operation "${op.name}": the gateway's schema has no operations API (openOperation, shareIntoOperation)` };
    }
    throw error;
  }
  const lead = agencies.get(op.agency)!;
  let operationId = existing.find((o) => o.name === op.name && o.leadAgency === lead && o.status === "OPEN")?.id;
  if (!operationId) {
    const input = {
      name: op.name,
      memberAgencies: op.memberAgencies.map((a) => agencies.get(a) ?? a),
      endsAt: new Date(Date.now() + op.endsInDays * 86_400_000).toISOString(),
      retentionDays: op.retentionDays,
    };
    operationId = (await send(op.key, op.agency, OpenOperationDocument, { input })).openOperation.id;
  }
  const byOwner = new Map<string, string[]>();
  for (const key of op.records) {
    const owner = owners.get(key) ?? op.agency;
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), key]);
  }
  for (const [owner, records] of byOwner) await send(`${op.key} share (${owner})`, owner, ShareIntoOperationDocument, { id: operationId, recordIds: records.map(id) });
  return operationId;
}
