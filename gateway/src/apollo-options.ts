import type { ApolloServerOptionsWithGateway, ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { everyStringMultiline, textInputPlugin, type Config, type Logger } from "@cix/core";
import { edgeFormatError } from "./errors.js";
import type { GatewayContext } from "./gateway.js";
import { shapeLimitRules } from "./limits/armor.js";
import { costLimitPlugin } from "./limits/cost-plugin.js";
import { trustedDocumentsPlugin } from "./trusted-documents/plugin.js";

type EdgeOptions = Omit<ApolloServerOptionsWithGateway<GatewayContext>, "gateway">;

/** Automatic persisted queries would let any caller register documents; only manifests provide them. */
const storesNothing = {
  get: async () => undefined,
  set: async () => undefined,
  delete: async () => undefined,
};

/**
 * How Apollo Server runs at the public edge. Both profiles: CSRF prevention, no batching, no GET mutations (Apollo
 * answers 405), no stack traces, the shape, token and cost limits, trusted documents, text hygiene, and no Apollo landing
 * page (it loads Apollo Sandbox from a CDN; development has the hub's own GraphiQL, gateway/src/ide). Production
 * (CIX_PROFILE or NODE_ENV) also: no introspection, no "Did you mean" suggestions.
 */
export function edgeApolloOptions(config: Config, log: Logger, extraPlugins: ApolloServerPlugin<GatewayContext>[] = []): EdgeOptions {
  const production = config.production;
  return {
    nodeEnv: production ? "production" : "development",
    introspection: !production,
    hideSchemaDetailsFromClientErrors: production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    persistedQueries: { cache: storesNothing },
    parseOptions: { maxTokens: config.CIX_MAX_TOKENS },
    validationRules: shapeLimitRules(config),
    formatError: edgeFormatError(config, log),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      costLimitPlugin<GatewayContext>({
        maxCost: config.CIX_MAX_COST,
        maxPageSize: config.CIX_MAX_PAGE_SIZE,
        maxListSize: config.CIX_ANALYSIS_MAX_NODES,
        defaultListSize: config.CIX_COST_LIST_SIZE,
        hopFactor: config.CIX_COST_HOP_FACTOR,
      }),
      trustedDocumentsPlugin<GatewayContext>(),
      // Control characters, bidirectional overrides and lone surrogates in any String input: 400 before planning.
      // The API schema has no `@multiline` marking, so line breaks in single-line fields are the subgraphs' refusal.
      textInputPlugin<GatewayContext>({ policy: everyStringMultiline, status: 400 }),
      ...extraPlugins,
    ],
  };
}
