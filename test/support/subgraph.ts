import { randomUUID } from "node:crypto";
import { GATEWAY_HEADER, TokenService, type SubgraphName } from "@cix/core";
import { testConfig, type GraphQLResponse } from "./stack.js";

let tokens: TokenService | undefined;

/**
 * POSTs a GraphQL request straight to a subgraph as the gateway would: with a request id and a gateway
 * credential for exactly this call (this subgraph, the caller's token from `headers`, these body bytes, once).
 */
export async function postToSubgraph<T>(
  subgraph: SubgraphName,
  url: string,
  query: string,
  variables: Record<string, unknown> | undefined,
  headers: Record<string, string>,
): Promise<GraphQLResponse<T>> {
  tokens ??= new TokenService(testConfig());
  const body = Buffer.from(JSON.stringify({ query, variables }), "utf8");
  const token = /^Bearer (\S+)$/.exec(headers.authorization ?? "")?.[1] ?? "";
  const requestId = randomUUID();
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...headers,
      "x-request-id": requestId,
      [GATEWAY_HEADER]: tokens.signGatewayCall({ requestId, token, audience: subgraph, request: body }),
    },
    body,
  });
  const answer = (await res.json()) as Omit<GraphQLResponse<T>, "status">;
  return { status: res.status, ...answer };
}
