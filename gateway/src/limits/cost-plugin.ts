import type { ApolloServerPlugin } from "@apollo/server";
import { ErrorCode } from "@cix/core";
import { GraphQLError, validate } from "graphql";
import { costLimitRule, type CostOptions } from "./cost.js";

/**
 * Runs the cost rule once the operation is known and before anything executes, with the request's variables
 * (validation rules proper see none, and Apollo skips them for a document it has validated before).
 * A page size over the maximum is the client's input error (BAD_USER_INPUT, as the subgraphs would say);
 * an operation that is too expensive is a validation failure. Both answer 400.
 */
export function costLimitPlugin<TContext extends object>(options: CostOptions): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName }) {
          const rule = costLimitRule(options, { variables: request.variables, operationName });
          const errors = validate(schema, document, [rule]);
          const first = errors.find((e) => e.extensions.code === ErrorCode.BAD_USER_INPUT) ?? errors[0];
          if (first) {
            throw new GraphQLError(first.message, { nodes: first.nodes, extensions: { ...first.extensions, http: { status: 400 } } });
          }
        },
      };
    },
  };
}
