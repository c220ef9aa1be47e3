import type { Logger } from "pino";
import type { Viewer } from "../auth/viewer.js";
import type { Database } from "../neo4j/database.js";
import { LoaderRegistry } from "./loaders.js";

/** What every resolver receives: the database, per-request loaders, a request-scoped logger. */
export interface RequestContext {
  requestId: string;
  db: Database;
  loaders: LoaderRegistry;
  log: Logger;
  /** The verified caller (null only before authentication is checked; every operation requires one). */
  viewer: Viewer | null;
}

export function createRequestContext(db: Database, log: Logger, requestId: string, viewer: Viewer | null = null): RequestContext {
  return { requestId, db, loaders: new LoaderRegistry(), log: log.child({ requestId }), viewer };
}
