import { TokenService, type Role } from "@cix/core";
import { testConfig } from "./stack.js";

export interface TestCaller {
  role: Role;
  agency: string;
  country?: string;
  operations?: string[];
  purpose?: string;
  sub?: string;
}

let tokens: TokenService | undefined;

/** Headers of a real signed token for the given caller (the test secret is set in vitest.config.ts). */
export async function authHeaders(caller: TestCaller): Promise<Record<string, string>> {
  tokens ??= new TokenService(testConfig());
  const token = await tokens.mintDevToken({
    sub: caller.sub ?? `${caller.role}@${caller.agency}`,
    agency: caller.agency,
    country: caller.country ?? caller.agency.slice(0, 2),
    roles: [caller.role],
    operations: caller.operations ?? [],
  });
  return { authorization: `Bearer ${token}`, ...(caller.purpose ? { "x-cix-purpose": caller.purpose } : {}) };
}
