import { createSecretKey, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { LRUCache } from "lru-cache";
import { GraphQLError } from "graphql";
import { z } from "zod";
import type { Config } from "../config.js";
import { ErrorCode } from "../errors.js";
import { loadSecrets, type Secrets } from "./secrets.js";
import { ROLES, type Viewer } from "./viewer.js";

const GATEWAY_ISSUER = "cix-gateway";
const SUBGRAPH_AUDIENCE = "cix-subgraphs";

const Claims = z.object({
  sub: z.string().min(1),
  agency: z.string().regex(/^[A-Z0-9][A-Z0-9_-]{1,63}$/, "an agency code such as NL-CUSTOMS"),
  country: z.string().regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 code"),
  roles: z.array(z.enum(ROLES)).min(1),
  operations: z.array(z.string().max(100)).max(500).default([]),
});

/** 401 for any token problem; the message never says which check failed beyond what the client can fix. */
export function unauthenticated(message = "A valid bearer token is required."): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
}

/**
 * Verifies user tokens (issuer, audience, expiry, algorithm) and the gateway's own call credentials.
 * RS256/ES256 with a JWKS in any profile; HS256 with a shared secret only in development.
 */
export class TokenService {
  private readonly userKey: JWTVerifyGetKey | KeyObject;
  private readonly userAlgorithms: string[];
  // Key objects made once: jose would otherwise import raw key bytes again on every sign and verify.
  private readonly gatewayKey: KeyObject;
  private readonly devKey: KeyObject | undefined;
  /**
   * Tokens verified in the last minute, until they expire: a client sends the same token with every request, and
   * each verification is an async WebCrypto job (a tenth of the gateway's CPU in the benchmark). A key rotation
   * reaches cached tokens within the minute.
   */
  private readonly verified = new LRUCache<string, { viewer: Omit<Viewer, "purpose">; expiresAt: number }>({ max: 10_000, ttl: 60_000 });

  constructor(private readonly config: Config) {
    const secrets: Secrets = loadSecrets(config);
    this.gatewayKey = createSecretKey(secrets.gatewaySecret);
    this.devKey = secrets.jwtSecret ? createSecretKey(secrets.jwtSecret) : undefined;
    if (config.CIX_JWT_JWKS_URL) {
      this.userKey = createRemoteJWKSet(new URL(config.CIX_JWT_JWKS_URL));
      this.userAlgorithms = ["RS256", "ES256"];
    } else if (config.CIX_JWT_JWKS_FILE) {
      this.userKey = createLocalJWKSet(JSON.parse(readFileSync(config.CIX_JWT_JWKS_FILE, "utf8")));
      this.userAlgorithms = ["RS256", "ES256"];
    } else if (this.devKey) {
      this.userKey = this.devKey;
      this.userAlgorithms = ["HS256"];
    } else {
      throw new Error("No token verification key: set CIX_JWT_JWKS_URL or CIX_JWT_JWKS_FILE");
    }
  }

  /** The viewer a bearer token stands for, or a 401 error. */
  async verifyUserToken(token: string | undefined): Promise<Omit<Viewer, "purpose">> {
    if (!token) throw unauthenticated();
    const known = this.verified.get(token);
    if (known && Date.now() < known.expiresAt) return known.viewer;
    let payload: JWTPayload;
    try {
      const options = {
        issuer: this.config.CIX_JWT_ISSUER,
        audience: this.config.CIX_JWT_AUDIENCE,
        algorithms: this.userAlgorithms,
        requiredClaims: ["exp", "sub"],
      };
      payload =
        typeof this.userKey === "function"
          ? (await jwtVerify(token, this.userKey, options)).payload
          : (await jwtVerify(token, this.userKey, options)).payload;
    } catch {
      throw unauthenticated("The bearer token is invalid or expired.");
    }
    const claims = Claims.safeParse(payload);
    if (!claims.success) throw unauthenticated("The bearer token lacks the required claims (sub, agency, country, roles).");
    // Shared by every request that presents this token: frozen, so no request can change another's viewer.
    const viewer = Object.freeze({ ...claims.data, roles: Object.freeze([...claims.data.roles]), operations: Object.freeze([...claims.data.operations]) });
    this.verified.set(token, { viewer: viewer as Omit<Viewer, "purpose">, expiresAt: payload.exp! * 1000 });
    return viewer as Omit<Viewer, "purpose">;
  }

  /** A short-lived credential proving a subgraph call comes from the gateway (bound to the request). */
  signGatewayCall(requestId: string): Promise<string> {
    return new SignJWT({ rid: requestId })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer(GATEWAY_ISSUER)
      .setAudience(SUBGRAPH_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime("2m")
      .sign(this.gatewayKey);
  }

  async verifyGatewayCall(credential: string | undefined): Promise<void> {
    if (!credential) throw unauthenticated("Subgraphs answer only the gateway.");
    try {
      await jwtVerify(credential, this.gatewayKey, { issuer: GATEWAY_ISSUER, audience: SUBGRAPH_AUDIENCE, algorithms: ["HS256"] });
    } catch {
      throw unauthenticated("Subgraphs answer only the gateway.");
    }
  }

  /** Development tokens (`npm run token`, tests): HS256 with the dev secret; refused in production. */
  mintDevToken(claims: z.input<typeof Claims>, ttl = "8h"): Promise<string> {
    if (this.config.production || !this.devKey) throw new Error("Development tokens cannot be minted in production");
    const parsed = Claims.parse(claims);
    return new SignJWT({ agency: parsed.agency, country: parsed.country, roles: parsed.roles, operations: parsed.operations })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setSubject(parsed.sub)
      .setIssuer(this.config.CIX_JWT_ISSUER)
      .setAudience(this.config.CIX_JWT_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(ttl)
      .sign(this.devKey);
  }
}

export type TokenClaims = z.input<typeof Claims>;
