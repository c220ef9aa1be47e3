import { ApolloArmor } from "@escape.tech/graphql-armor";
import type { Config } from "@cix/core";
import { GraphQLError, type ValidationContext, type ValidationRule } from "graphql";

/**
 * Shape limits from graphql-armor, as validation rules: depth, aliases and directives per operation. They are
 * properties of the document alone, so Apollo's validated-document cache may skip them for a repeated query.
 * Tokens are limited by the parser itself (`parseOptions.maxTokens`), cost by our own rule (../limits/cost.ts:
 * armor's cost limit cannot weigh `first`), suggestions by Apollo and the gateway's error formatter.
 */
export function shapeLimitRules(config: Config): ValidationRule[] {
  // armor reports "Syntax Error: … limit of N exceeded, found M." — it is a validation failure, not a syntax one.
  const report = (context: ValidationContext | null, error: GraphQLError) =>
    context?.reportError(new GraphQLError(`${error.message.replace(/^Syntax Error: /, "")} Simplify the operation or split it.`));
  const common = { exposeLimits: true, propagateOnRejection: false, onReject: [report] };
  const { validationRules } = new ApolloArmor({
    maxDepth: { ...common, n: config.CIX_MAX_DEPTH, flattenFragments: true, ignoreIntrospection: true },
    // The default allow-list exempts `__typename` aliases, which cost nothing to write and can be multiplied at will.
    maxAliases: { ...common, n: config.CIX_MAX_ALIASES, allowList: [] },
    maxDirectives: { ...common, n: config.CIX_MAX_DIRECTIVES },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return validationRules;
}
