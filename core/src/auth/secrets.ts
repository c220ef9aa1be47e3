import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Config } from "../config.js";
import { repoRoot } from "../paths.js";

export interface Secrets {
  /** HS256 key for user tokens (development only). */
  jwtSecret?: Uint8Array;
  /** HS256 key with which the gateway signs its calls to subgraphs. */
  gatewaySecret: Uint8Array;
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
    return { gatewaySecret: encode(config.CIX_GATEWAY_SECRET) };
  }
  const dev = config.CIX_JWT_SECRET && config.CIX_GATEWAY_SECRET ? null : devSecrets();
  return {
    jwtSecret: encode(config.CIX_JWT_SECRET ?? dev!.jwtSecret),
    gatewaySecret: encode(config.CIX_GATEWAY_SECRET ?? dev!.gatewaySecret),
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
