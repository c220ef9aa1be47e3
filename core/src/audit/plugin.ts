import type { ApolloServerPlugin } from "@apollo/server";
import { Kind } from "graphql";
import type { Logger } from "pino";
import type { RequestContext } from "../graphql/context.js";
import type { Database } from "../neo4j/database.js";
import { appendAudit, type AuditEvent } from "./trail.js";

const WITHHELD = "The audit trail could not be written, so the nominal data of this request is withheld.";

/**
 * Writes one audit entry per request that read nominal data or wrote anything. Fails closed: if the entry
 * cannot be written, the response's data is withheld.
 */
export function auditPlugin(db: Database, auditKey: Uint8Array, component: string, log: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue: ctx, response, operation }) {
          const isWrite = operation?.operation === "mutation";
          if (!ctx.viewer || response.body.kind !== "single" || (!ctx.audit.hasReads && !isWrite)) return;
          const result = response.body.singleResult;
          const rootFields = (operation?.selectionSet.selections ?? []).flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
          const event: AuditEvent = {
            kind: isWrite ? "WRITE" : "READ",
            at: new Date().toISOString(),
            requestId: ctx.requestId,
            traceparent: ctx.traceparent,
            component,
            sub: ctx.viewer.sub,
            agency: ctx.viewer.agency,
            roles: ctx.viewer.roles,
            purpose: ctx.viewer.purpose ?? null,
            operations: rootFields,
            records: isWrite ? writtenRecords(result.data) : ctx.audit.readRecords(),
          };
          try {
            await appendAudit(db, auditKey, event);
          } catch (error) {
            log.error({ err: error, requestId: ctx.requestId }, "audit entry could not be written");
            if (!isWrite) {
              response.body.singleResult = { errors: [{ message: WITHHELD, extensions: { code: "INTERNAL_SERVER_ERROR" } }] };
            }
          }
        },
      };
    },
  };
}

/** Ids of the records a mutation returned (its root fields' `id`s). */
function writtenRecords(data: Record<string, unknown> | null | undefined): AuditEvent["records"] {
  const ids = Object.values(data ?? {}).flatMap((value) => (Array.isArray(value) ? value : [value]));
  return ids
    .map((v) => (v && typeof v === "object" && "id" in v ? String((v as { id: unknown }).id) : null))
    .filter((id): id is string => id !== null)
    .map((id) => ({ id, fields: [], operations: [] }));
}
