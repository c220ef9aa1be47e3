import type { Logger } from "pino";
import { AuditCollector } from "../audit/collector.js";
import type { Viewer } from "../auth/viewer.js";
import type { Database } from "../neo4j/database.js";
import { LoaderRegistry } from "./loaders.js";

/** What every resolver receives: the database, per-request loaders, a request-scoped logger. */
export interface RequestContext {
  requestId: string;
  /** The caller's W3C `traceparent` (canonical), recorded in the audit entry so a disclosure leads to its trace. */
  traceparent: string | null;
  db: Database;
  loaders: LoaderRegistry;
  log: Logger;
  /** The verified caller (null only before authentication is checked; every operation requires one). */
  viewer: Viewer | null;
  /** True when the call carried a valid gateway credential (subgraphs answer nothing else). */
  gatewayVerified: boolean;
  /** Nominal reads of this request, for the audit trail. */
  audit: AuditCollector;
}

export function createRequestContext(
  db: Database,
  log: Logger,
  request: { requestId: string; traceparent?: string | null },
  viewer: Viewer | null = null,
  gatewayVerified = false,
): RequestContext {
  const { requestId, traceparent = null } = request;
  return { requestId, traceparent, db, loaders: new LoaderRegistry(), log: log.child({ requestId }), viewer, gatewayVerified, audit: new AuditCollector() };
}
