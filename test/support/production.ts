import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Role } from "@cix/core";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { startTestStack, type TestStack } from "./stack.js";

export interface ProductionCaller {
  role: Role;
  agency: string;
  country?: string;
  operations?: string[];
  purpose?: string;
  sub?: string;
  /** The `azp` claim: the registered application the token was issued to. */
  azp?: string;
}

export interface ProductionStack extends TestStack {
  /** A folder of this stack's own (JWKS, manifests), removed with the OS temp dir. */
  dir: string;
  /** Headers of an ES256 token signed with the key the stack's JWKS publishes. */
  headers(caller: ProductionCaller): Promise<Record<string, string>>;
}

const KID = "edge-test";

/**
 * The hub in the production profile: user tokens are ES256, verified with a JWKS file written here (HS256 and
 * development tokens are refused in production), the gateway secret comes from the vitest env.
 * `overrides` may set any further variable; `setup(dir)` may write files (e.g. manifests) into the stack's folder
 * before start-up and return variables that point at them.
 */
export async function startProductionStack(
  overrides: Record<string, string> = {},
  setup: (dir: string) => Record<string, string> = () => ({}),
): Promise<ProductionStack> {
  const dir = mkdtempSync(path.join(tmpdir(), "cix-edge-"));
  const { publicKey, privateKey } = await generateKeyPair("ES256");
  const jwk = { ...(await exportJWK(publicKey)), kid: KID, alg: "ES256", use: "sig" };
  const jwksFile = path.join(dir, "jwks.json");
  writeFileSync(jwksFile, JSON.stringify({ keys: [jwk] }));
  const files = setup(dir);
  const env: Record<string, string | undefined> = {
    CIX_PROFILE: "production",
    CIX_JWT_JWKS_FILE: jwksFile,
    // The vitest env sets an HS256 secret for the development stacks; production refuses to start with one.
    CIX_JWT_SECRET: undefined,
    ...overrides,
    ...files,
  };
  const stack = await startTestStack(env as Record<string, string>);
  return {
    ...stack,
    dir,
    headers: async (caller) => {
      const token = await new SignJWT({
        agency: caller.agency,
        country: caller.country ?? caller.agency.slice(0, 2),
        roles: [caller.role],
        operations: caller.operations ?? [],
        ...(caller.azp ? { azp: caller.azp } : {}),
      })
        .setProtectedHeader({ alg: "ES256", kid: KID, typ: "JWT" })
        .setSubject(caller.sub ?? `${caller.role}@${caller.agency}`)
        .setIssuer(stack.config.CIX_JWT_ISSUER)
        .setAudience(stack.config.CIX_JWT_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime("10m")
        .sign(privateKey);
      return { authorization: `Bearer ${token}`, ...(caller.purpose ? { "x-cix-purpose": caller.purpose } : {}) };
    },
  };
}
