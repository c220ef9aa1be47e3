import type { GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { ErrorCode } from "@cix/core";
import type { GatewayGraphQLResponse } from "@apollo/server-gateway-interface";
import { getOperationAST, GraphQLError, Kind, parse, type DocumentNode, type FragmentDefinitionNode, type GraphQLFormattedError, type SelectionSetNode } from "graphql";

/** What the client reads at each field a subgraph could not answer: retryable, and naming no host or subgraph. */
const UNAVAILABLE_MESSAGE = "This field's data source did not answer in time; the rest of the answer is complete. Retry later.";

/** A failed fetch that means "the subgraph is not reachable now" (refused, reset, timed out, 502–504), not a bug. */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof GraphQLError) return error.extensions.code === ErrorCode.SERVICE_UNAVAILABLE;
  const name = (error as { name?: unknown })?.name;
  // Node's fetch reports a refused or dropped connection as TypeError("fetch failed"); an aborted one by name.
  return name === "AbortError" || name === "TimeoutError" || (error instanceof TypeError && error.message === "fetch failed");
}

/** The error an HTTP 502, 503 or 504 from a subgraph becomes (then answered by `unavailableResponse`). */
export function unavailableError(): GraphQLError {
  return new GraphQLError(UNAVAILABLE_MESSAGE, { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } });
}

/**
 * The answer of a fetch whose subgraph cannot be reached: no data, and one SERVICE_UNAVAILABLE error at each field
 * the fetch would have answered. Apollo Gateway maps `_entities` paths to the client's paths, so the error sits
 * at the missing field (e.g. `seizures.nodes.3.shipments`), which is null; fields that cross subgraphs are
 * nullable, so one subgraph's outage costs only its own fields instead of the whole answer.
 */
export function unavailableResponse(options: GraphQLDataSourceProcessOptions): GatewayGraphQLResponse {
  const document = ("document" in options && options.document) || parse(options.request.query ?? "{ __typename }");
  const operation = getOperationAST(document, options.request.operationName);
  if (!operation) return { errors: [unavailableAt([])] };
  const fragments = fragmentsOf(document);
  const representations = options.request.variables?.representations;
  if (!Array.isArray(representations)) {
    return { data: {}, errors: responseKeys(operation.selectionSet, undefined, fragments).map((key) => unavailableAt([key])) };
  }
  const entities = operation.selectionSet.selections.find((s) => s.kind === Kind.FIELD && s.name.value === "_entities");
  const selection = entities?.kind === Kind.FIELD ? entities.selectionSet : undefined;
  const errors: GraphQLFormattedError[] = [];
  const data = representations.map((representation: { __typename?: string }, index: number) => {
    const keys = selection ? responseKeys(selection, representation.__typename, fragments) : [];
    for (const key of keys) errors.push(unavailableAt(["_entities", index, key]));
    return { __typename: representation.__typename };
  });
  return { data: { _entities: data }, errors };
}

function unavailableAt(path: Array<string | number>): GraphQLFormattedError {
  return { message: UNAVAILABLE_MESSAGE, ...(path.length > 0 ? { path } : {}), extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } };
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  return new Map(document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
}

/** The response keys a selection set asks of an object of `typename` (any type when undefined), through fragments. */
function responseKeys(selectionSet: SelectionSetNode, typename: string | undefined, fragments: Map<string, FragmentDefinitionNode>): string[] {
  const keys = new Set<string>();
  const visit = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value !== "__typename") keys.add(selection.alias?.value ?? selection.name.value);
      } else {
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
        const condition = fragment?.typeCondition?.name.value;
        if (fragment && (!condition || !typename || condition === typename)) visit(fragment.selectionSet);
      }
    }
  };
  visit(selectionSet);
  return [...keys];
}
