import { resolve } from "node:path";
import { createLogger } from "../logger.js";
import { configuredCodeListsDir, loadCodeLists, type CodeLists } from "./load.js";
import type { CodeListLogger } from "./types.js";

/** The process-wide code lists, so that GraphQL scalars can reach them. */
let current: CodeLists | undefined;

function defaultLogger(): CodeListLogger {
  const logger = createLogger("codelists");
  return { warn: (msg) => logger.warn(msg), info: (msg) => logger.info(msg) };
}

/**
 * Loads the code lists once per process and keeps them. Idempotent: later calls return the lists
 * already loaded (and warn if they name another directory). Call it at start-up with
 * `configuredCodeListsDir(config)` so the load time is not paid by the first request.
 */
export function initCodeLists(dir: string | undefined, log?: CodeListLogger): CodeLists {
  if (current) {
    const wanted = dir && dir.trim() !== "" ? resolve(dir) : undefined;
    if (wanted !== current.dir) {
      (log ?? defaultLogger()).warn(
        `Code lists already loaded from ${current.dir ?? "(no directory)"}; ignoring ${wanted ?? "(no directory)"}`,
      );
    }
    return current;
  }
  current = loadCodeLists(dir, log ?? defaultLogger());
  return current;
}

/** The process-wide code lists; loads the configured ones on first use if `initCodeLists` was not called. */
export function getCodeLists(): CodeLists {
  return current ?? initCodeLists(configuredCodeListsDir(process.env));
}

/** Whether the process-wide code lists have been loaded. */
export function codeListsLoaded(): boolean {
  return current !== undefined;
}

/** For tests: replaces the process-wide code lists, or forgets them (the next `getCodeLists` loads again). */
export function resetCodeLists(lists?: CodeLists): void {
  current = lists;
}
