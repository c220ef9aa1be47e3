import { hkdfSync, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Config } from "../config.js";
import { repoRoot } from "../paths.js";

export interface Secrets {
  /** HS256 key for user tokens (development only). */
  jwtSecret?: Uint8Array;
  /** HS256 key with which the gateway signs its calls to subgraphs. */
  gatewaySecret: Uint8Array;
  /** HMAC key of the audit trail's hash chain: without it, entries cannot be rewritten unseen. */
  auditKey: Uint8Array;
}

const DEV_SECRETS_FILE = path.join(repoRoot, "var", "dev-secrets.json");

/**
 * Secrets from the environment. In development, missing ones are generated once into var/dev-secrets.json
 * (git-ignored) so the gateway, the subgraphs and `npm run token` agree. In production nothing is generated:
 * the gateway secret must be set and user tokens must be verified with public keys (JWKS).
 */
export function loadSecrets(config: Config): Secrets {
  const encode = (s: string) => new TextEncoder().encode(s);
  if (config.production) {
    if (!config.CIX_GATEWAY_SECRET) throw new Error("CIX_GATEWAY_SECRET must be set in production");
    if (config.CIX_JWT_SECRET) throw new Error("CIX_JWT_SECRET (HS256) is for development only; use CIX_JWT_JWKS_URL or CIX_JWT_JWKS_FILE");
    if (!config.CIX_AUDIT_KEY) throw new Error("CIX_AUDIT_KEY must be set in production");
    return { gatewaySecret: encode(config.CIX_GATEWAY_SECRET), auditKey: encode(config.CIX_AUDIT_KEY) };
  }
  const dev = config.CIX_JWT_SECRET && config.CIX_GATEWAY_SECRET ? null : devSecrets();
  const gatewaySecret = config.CIX_GATEWAY_SECRET ?? dev!.gatewaySecret;
  return {
    jwtSecret: encode(config.CIX_JWT_SECRET ?? dev!.jwtSecret),
    gatewaySecret: encode(gatewaySecret),
    // Development: derived from the gateway secret, so every process of a dev or test hub agrees.
    auditKey: config.CIX_AUDIT_KEY ? encode(config.CIX_AUDIT_KEY) : new Uint8Array(hkdfSync("sha256", gatewaySecret, new Uint8Array(0), "cix-audit-trail-v1", 32)),
  };
}

type DevSecrets = { jwtSecret: string; gatewaySecret: string };

function devSecrets(): DevSecrets {
  const read = () => JSON.parse(readFileSync(DEV_SECRETS_FILE, "utf8")) as DevSecrets;
  try {
    return read();
  } catch {
    const secrets = { jwtSecret: randomBytes(32).toString("base64url"), gatewaySecret: randomBytes(32).toString("base64url") };
    mkdirSync(path.dirname(DEV_SECRETS_FILE), { recursive: true });
    try {
      writeFileSync(DEV_SECRETS_FILE, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: "wx" });
      return secrets;
    } catch {
      return read(); // another process created it first
    }
  }
}

/**
 * Key of the link-analysis pseudonyms (HMAC-SHA256 over the reader's agency and a node id): CIX_PSEUDONYM_SECRET
 * when set, else derived from the gateway secret with HKDF, so every entities instance agrees without one more
 * secret to distribute. Set it to keep pseudonyms stable when the gateway secret is rotated.
 */
export function pseudonymKey(config: Config): Uint8Array {
  if (config.CIX_PSEUDONYM_SECRET) return new TextEncoder().encode(config.CIX_PSEUDONYM_SECRET);
  const { gatewaySecret } = loadSecrets(config);
  return new Uint8Array(hkdfSync("sha256", gatewaySecret, new Uint8Array(0), "cix-link-analysis-pseudonyms-v1", 32));
}
