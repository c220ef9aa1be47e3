import type { ApolloGateway } from "@apollo/gateway";
import { cixScalars, ErrorCode } from "@cix/core";
import { GraphQLError, isScalarType, type GraphQLFormattedError } from "graphql";

/**
 * The supergraph only names the custom scalars; the gateway would pass any value through and let a subgraph
 * refuse it mid-plan. Giving the gateway's schema the same parsers as the subgraphs makes invalid codes,
 * dates, IBANs… fail validation before anything is planned or written, inline literals and variables alike.
 */
export function validateScalarsAtTheEdge(gateway: ApolloGateway): void {
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => {
    for (const impl of cixScalars) {
      const type = apiSchema.getType(impl.name);
      if (!isScalarType(type)) continue;
      type.parseValue = impl.parseValue;
      type.parseLiteral = impl.parseLiteral;
    }
  });
}

/**
 * graphql-js wraps a scalar's refusal of an inline literal in a validation error and drops its extensions;
 * bring back BAD_USER_INPUT and the expected form the scalar stated.
 */
export function scalarRefusal(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = (error as { originalError?: unknown } | null)?.originalError;
  if (formatted.extensions?.code !== "GRAPHQL_VALIDATION_FAILED" || !(original instanceof GraphQLError)) return formatted;
  if (original.extensions.code !== ErrorCode.BAD_USER_INPUT) return formatted;
  return { ...formatted, extensions: { ...formatted.extensions, ...original.extensions, code: ErrorCode.BAD_USER_INPUT } };
}
