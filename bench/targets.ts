// How a scenario is sent to each target: HTTP requests with the right credentials for the gateway and for a
// subgraph reached directly, and the Cypher floor through neo4j-driver.
import { randomUUID } from "node:crypto";
import neo4j, { type Driver } from "neo4j-driver";
import { GATEWAY_HEADER, PURPOSE_HEADER, type SubgraphName, type TokenService } from "@cix/core";
import type { Call, HttpTarget } from "./measure.js";
import type { GraphQLRequest, Row } from "./scenarios.js";

export const PURPOSE = "BENCH-2025 performance measurement";

/**
 * An answer is good when it has data and its only errors (if any) are FORBIDDEN: nominal fields of other
 * agencies' records are refused by design and come back as null + FORBIDDEN. String counting, not JSON
 * parsing, so checking every answer under load costs the load generator little.
 */
export function goodAnswer(body: string): boolean {
  if (!body.includes('"data":{')) return false;
  return body.split('"code":"').length === body.split('"code":"FORBIDDEN"').length;
}

/** Headers of an investigator of `agency` with a purpose, as a client sends them to the gateway. */
export async function userHeaders(tokens: TokenService, agency: string, role: "investigator" | "analyst" = "investigator"): Promise<Record<string, string>> {
  const token = await tokens.mintDevToken({ sub: `bench-${role}@${agency}`, agency, country: agency.slice(0, 2), roles: [role], operations: [] });
  return { authorization: `Bearer ${token}`, [PURPOSE_HEADER]: PURPOSE };
}

export function httpTarget(url: string, headers: Record<string, string>, request: GraphQLRequest): HttpTarget {
  return { url, headers, body: JSON.stringify(request), verify: goodAnswer };
}

/**
 * The request sent straight to a subgraph with what the gateway adds on its way there: a request id and the
 * gateway's credential, which is good for one call only (bound to this subgraph, the user's token and the exact
 * body bytes, single use, 30 s), so every request, also under autocannon, gets its own (`perRequest`).
 */
export function subgraphTarget(tokens: TokenService, subgraph: SubgraphName, url: string, user: Record<string, string>, request: GraphQLRequest): HttpTarget {
  const body = JSON.stringify(request);
  const bytes = Buffer.from(body, "utf8");
  const token = /^Bearer (\S+)$/.exec(user.authorization ?? "")?.[1];
  if (!token) throw new Error("subgraphTarget needs the user's Authorization: Bearer header");
  const perRequest = () => {
    const requestId = `bench-${randomUUID()}`;
    return { [GATEWAY_HEADER]: tokens.signGatewayCall({ requestId, token, audience: subgraph, request: bytes }), "x-request-id": requestId };
  };
  return { url, headers: user, body, verify: goodAnswer, perRequest };
}

/** The headers of one request of the target (a credential of its own where the target needs one). */
function headersOf(target: HttpTarget): Record<string, string> {
  return { "content-type": "application/json", ...target.headers, ...target.perRequest?.() };
}

/** One POST of the target; resolves with whether the answer was good. */
export function httpCall(target: HttpTarget): Call {
  return async () => {
    const res = await fetch(target.url, { method: "POST", headers: headersOf(target), body: target.body });
    return res.ok && target.verify(await res.text());
  };
}

/** A POST that returns the parsed answer (to see what a target returns before it is measured). */
export async function httpAnswer(target: HttpTarget): Promise<{ status: number; bytes: number; body: { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> } }> {
  const res = await fetch(target.url, { method: "POST", headers: headersOf(target), body: target.body });
  const text = await res.text();
  return { status: res.status, bytes: Buffer.byteLength(text), body: JSON.parse(text) as never };
}

/** The floor: the Cypher alone, straight through neo4j-driver (a read transaction per call, like the hub's). */
export class CypherFloor {
  readonly driver: Driver;

  constructor(uri: string, private readonly database = "neo4j") {
    this.driver = neo4j.driver(uri, undefined, { disableLosslessIntegers: true, maxConnectionPoolSize: 100 });
  }

  async rows(text: string, params: Record<string, unknown>): Promise<Row[]> {
    const result = await this.driver.executeQuery(text, params, { database: this.database, routing: neo4j.routing.READ });
    return result.records.map((r) => r.toObject());
  }

  call(text: string, params: Record<string, unknown>): Call {
    return async () => {
      await this.rows(text, params);
      return true;
    };
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}
