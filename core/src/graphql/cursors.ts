import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import canonicalize from "canonicalize";
import { loadSecrets } from "../auth/secrets.js";
import type { Viewer } from "../auth/viewer.js";
import { loadConfig } from "../config.js";
import { badUserInput } from "../errors.js";

/**
 * Page cursors are sealed: AES-256-GCM with a server key, so a client can neither read the sort values inside (a
 * keyset on names would hand every name to anyone holding a cursor) nor forge a position (a hand-made cursor would
 * be an oracle that splits hidden records by their hidden values). The cursor is bound, as GCM's associated data,
 * to its scope: the list, the arguments that select and order it, the parent record, and the caller. A cursor used
 * with another list, filter, order or caller fails to open and is refused like any malformed one.
 */

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = "c1";

/** What a cursor is bound to; made by `cursorScope`. */
export interface CursorScope {
  readonly binding: string;
}

/**
 * The scope of one list: `list` names it (e.g. "Query.persons", "Party.orders"), `args` holds everything that
 * selects or orders it besides `first` and `after` (filters, order, the parent record's id). The caller's subject
 * and agency are part of it, so a cursor cannot be handed to someone else.
 */
export function cursorScope(viewer: Pick<Viewer, "sub" | "agency"> | null, list: string, args: Record<string, unknown> = {}): CursorScope {
  return { binding: canonicalize({ v: VERSION, list, args, sub: viewer?.sub ?? null, agency: viewer?.agency ?? null })! };
}

let key: Buffer | undefined;

/** The sealing key: HKDF of the gateway secret (every instance of every subgraph has it), so replicas agree. */
function cursorKey(): Buffer {
  key ??= Buffer.from(hkdfSync("sha256", loadSecrets(loadConfig()).gatewaySecret, new Uint8Array(0), "cix-page-cursors-v1", 32));
  return key;
}

/** Seals a keyset position (the sort values of a page's last item) for `scope`. */
export function sealCursor(position: readonly unknown[], scope: CursorScope): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", cursorKey(), nonce);
  cipher.setAAD(Buffer.from(scope.binding));
  const sealed = Buffer.concat([cipher.update(JSON.stringify(position), "utf8"), cipher.final()]);
  return Buffer.concat([nonce, sealed, cipher.getAuthTag()]).toString("base64url");
}

/** The message for every cursor that does not open: it says what is expected and nothing of why it failed. */
const EXPECTED = "a cursor returned as endCursor by an earlier page of the same list, with the same filter and order";

/** Opens an `after` cursor sealed for `scope`; null when there is none. Anything else is BAD_USER_INPUT. */
export function openCursor(cursor: string | null | undefined, scope: CursorScope, argName = "after"): unknown[] | null {
  if (cursor === null || cursor === undefined) return null;
  const bytes = /^[A-Za-z0-9_-]{1,4096}$/.test(cursor) ? Buffer.from(cursor, "base64url") : Buffer.alloc(0);
  if (bytes.length > NONCE_BYTES + TAG_BYTES) {
    try {
      const decipher = createDecipheriv("aes-256-gcm", cursorKey(), bytes.subarray(0, NONCE_BYTES));
      decipher.setAAD(Buffer.from(scope.binding));
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      const plain = Buffer.concat([decipher.update(bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
      const position: unknown = JSON.parse(plain.toString("utf8"));
      if (Array.isArray(position)) return position;
    } catch {
      // altered, forged or made for another scope: refused below like any malformed cursor
    }
  }
  throw badUserInput(argName, EXPECTED);
}

