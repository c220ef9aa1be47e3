import type { ApolloGateway } from "@apollo/gateway";
import { cixScalars, ErrorCode } from "@cix/core";
import { BREAK, GraphQLError, isScalarType, Kind, parse, visit, type GraphQLFormattedError, type ValueNode } from "graphql";

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
      // graphql-js reports a literal's refusal without a location; give it the literal, so the error can say where.
      type.parseLiteral = (node, variables) => {
        try {
          return impl.parseLiteral(node, variables);
        } catch (error) {
          if (!(error instanceof GraphQLError) || error.nodes) throw error;
          throw new GraphQLError(error.message, { nodes: node, extensions: error.extensions });
        }
      };
    }
  });
}

/**
 * graphql-js wraps a scalar's refusal of an inline literal in a validation error and drops its extensions;
 * bring back BAD_USER_INPUT and the expected form the scalar stated, and name the literal's field path
 * (`input.goods[0].currency`) as `field`. (Variables: `textInputPlugin` in core reports their path.)
 */
export function scalarRefusal(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = (error as { originalError?: unknown } | null)?.originalError;
  if (formatted.extensions?.code !== "GRAPHQL_VALIDATION_FAILED" || !(original instanceof GraphQLError)) return formatted;
  if (original.extensions.code !== ErrorCode.BAD_USER_INPUT) return formatted;
  const field = error instanceof GraphQLError ? literalPath(error) : undefined;
  return { ...formatted, extensions: { ...formatted.extensions, ...original.extensions, code: ErrorCode.BAD_USER_INPUT, ...(field ? { field } : {}) } };
}

/** The path of the literal a validation error points at: argument (or variable) name, then fields and indices. */
function literalPath(error: GraphQLError): string | undefined {
  const start = error.nodes?.[0]?.loc?.start;
  const body = error.source?.body;
  if (start === undefined || body === undefined) return undefined;
  const find = (value: ValueNode, path: string): string | undefined => {
    if (value.loc?.start === start) return path;
    if (value.kind === Kind.LIST) {
      for (let i = 0; i < value.values.length; i++) {
        const found = find(value.values[i]!, `${path}[${i}]`);
        if (found) return found;
      }
    } else if (value.kind === Kind.OBJECT) {
      for (const f of value.fields) {
        const found = find(f.value, `${path}.${f.name.value}`);
        if (found) return found;
      }
    }
    return undefined;
  };
  let path: string | undefined;
  try {
    visit(parse(body), {
      Argument(node) {
        path = find(node.value, node.name.value);
        return path ? BREAK : undefined;
      },
      VariableDefinition(node) {
        path = node.defaultValue ? find(node.defaultValue, node.variable.name.value) : undefined;
        return path ? BREAK : undefined;
      },
    });
  } catch {
    return undefined;
  }
  return path;
}
