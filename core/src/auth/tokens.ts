import { createHash, createHmac, createSecretKey, randomUUID, timingSafeEqual, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { LRUCache } from "lru-cache";
import { GraphQLError } from "graphql";
import { z } from "zod";
import type { Config, SubgraphName } from "../config.js";
import { ErrorCode } from "../errors.js";
import { loadSecrets, type Secrets } from "./secrets.js";
import { ROLES, type Viewer } from "./viewer.js";

const GATEWAY_ISSUER = "cix-gateway";
/** How long a gateway call credential is accepted: it is signed right before the one call it is for. */
export const GATEWAY_CALL_LIFETIME_SECONDS = 30;
/** Credentials remembered per subgraph process (single use); 100,000 in 30 s is 3,300 calls per second. */
const MAX_REMEMBERED_CALLS = 100_000;
/** The protected header of every gateway credential, encoded once. */
const GATEWAY_CALL_HEADER = Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT" })).toString("base64url");

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
  /** `jti`s of the gateway credentials this process accepted, until they expire (see `spend`). */
  private readonly spentCalls = new LRUCache<string, true>({ max: MAX_REMEMBERED_CALLS, ttl: (GATEWAY_CALL_LIFETIME_SECONDS + 1) * 1000 });

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

  /**
   * The credential of ONE gateway call to ONE subgraph (`x-cix-gateway`): an HS256 JWT with the shared gateway
   * secret, claims `iss` (cix-gateway), `aud` (the subgraph), `rid` (the request id), `th` (SHA-256 of the user's
   * bearer token sent with it), `rh` (SHA-256 of the request: the exact body bytes of a POST /graphql, or
   * `METHOD path` for routes whose body is streamed, see `routeRequest`), a random `jti`, `iat` and `exp`
   * (`lifetimeSeconds` later, 30 by default; tests pass less). Signed synchronously with node:crypto's HMAC: one
   * per subgraph fetch, a few microseconds each. Verified with jose by `verifyGatewayCall`.
   */
  signGatewayCall(call: GatewayCall, lifetimeSeconds = GATEWAY_CALL_LIFETIME_SECONDS): string {
    const iat = Math.floor(Date.now() / 1000);
    const claims = {
      iss: GATEWAY_ISSUER,
      aud: call.audience,
      rid: call.requestId,
      th: sha256(call.token),
      rh: sha256(call.request),
      jti: randomUUID(),
      iat,
      exp: iat + lifetimeSeconds,
    };
    const signingInput = `${GATEWAY_CALL_HEADER}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}`;
    return `${signingInput}.${createHmac("sha256", this.gatewayKey).update(signingInput).digest("base64url")}`;
  }

  /**
   * Accepts a subgraph call only with a credential the gateway signed for exactly this call: signature, issuer,
   * this subgraph as audience, not expired, the user's bearer token and the request as received (their hashes
   * equal `th` and `rh`), the request id (when the `x-request-id` header is sent, it must be `rid`), and a `jti` not
   * seen before. Any failure is the same 401. Returns the request id.
   */
  async verifyGatewayCall(credential: string | undefined, received: ReceivedCall): Promise<{ requestId: string }> {
    const refused = () => unauthenticated("Subgraphs answer only the gateway.");
    if (!credential) throw refused();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(credential, this.gatewayKey, {
        issuer: GATEWAY_ISSUER,
        audience: received.audience,
        algorithms: ["HS256"],
        requiredClaims: ["exp", "iat", "jti", "rid", "th", "rh"],
      }));
    } catch {
      throw refused();
    }
    const { jti, rid, th, rh, exp } = payload as JWTPayload & { rid: unknown; th: unknown; rh: unknown };
    if (typeof jti !== "string" || typeof rid !== "string" || typeof th !== "string" || typeof rh !== "string" || typeof exp !== "number") throw refused();
    if (!received.token || !sameHash(th, sha256(received.token)) || !sameHash(rh, sha256(received.request))) throw refused();
    if (received.requestId !== undefined && received.requestId !== rid) throw refused();
    this.spend(jti, exp);
    return { requestId: rid };
  }

  /**
   * Single use: a `jti` is remembered until its credential expires, and a second call with it is refused. This is
   * one process's memory: with several replicas of a subgraph a credential could be played once more to another
   * replica, and there the short lifetime (and the binding to one body, token and subgraph) is the bound.
   * When the memory is full of live credentials the call is refused (fail closed) rather than forgetting one.
   */
  private spend(jti: string, exp: number): void {
    if (this.spentCalls.has(jti)) throw unauthenticated("Subgraphs answer only the gateway.");
    if (this.spentCalls.size >= MAX_REMEMBERED_CALLS) {
      this.spentCalls.purgeStale();
      if (this.spentCalls.size >= MAX_REMEMBERED_CALLS) {
        throw new GraphQLError("Too many gateway calls at once; try again.", { extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, http: { status: 503 } } });
      }
    }
    // Kept one second past `exp` (jose compares whole seconds), so it outlives the credential's acceptance.
    this.spentCalls.set(jti, true, { ttl: Math.max(1, exp * 1000 - Date.now() + 1000) });
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

/** What a gateway credential is signed for (see `TokenService.signGatewayCall`). */
export interface GatewayCall {
  /** The id of the client's request at the edge, sent as `x-request-id`. */
  requestId: string;
  /** The user's bearer token, sent with the call as `Authorization: Bearer …`. */
  token: string;
  /** The subgraph the call goes to. */
  audience: SubgraphName;
  /** The exact body bytes of a POST /graphql, or `routeRequest(method, path)` for a route whose body is streamed. */
  request: Uint8Array | string;
}

/** What a subgraph received, to check a gateway credential against (see `TokenService.verifyGatewayCall`). */
export interface ReceivedCall {
  /** This subgraph. */
  audience: SubgraphName;
  /** The bearer token of the Authorization header. */
  token: string | undefined;
  /** The raw body bytes of a POST /graphql, or `routeRequest(req.method, req.originalUrl)`. */
  request: Uint8Array | string;
  /** The `x-request-id` header, if sent. */
  requestId?: string;
}

/** The request a credential binds for routes whose body is streamed (imports, reports): method and path with query. */
export function routeRequest(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}

function sha256(value: Uint8Array | string): string {
  return createHash("sha256").update(value).digest("base64url");
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
