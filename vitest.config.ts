import { defineConfig } from "vitest/config";

export default defineConfig({
  // One graphql-js for everything: Vite would load its ES build for workspace sources while Node loads the
  // CommonJS build for type-graphql and Apollo, and the scalars' `instanceof GraphQLScalarType` checks fail.
  resolve: { alias: [{ find: /^graphql$/, replacement: "graphql/index.js" }] },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["**/node_modules/**", "neo4j/target/**"],
    globalSetup: ["test/global-setup.ts"],
    // Integration tests share one Neo4j; files run in parallel, tests isolate their data by unique keys.
    testTimeout: 30_000,
    hookTimeout: 180_000,
    pool: "forks",
    // Fixed secrets so tests can mint tokens that the in-process gateway and subgraphs accept.
    env: {
      CIX_JWT_SECRET: "test-only-jwt-secret-0123456789abcdefghijklmnop",
      CIX_GATEWAY_SECRET: "test-only-gateway-secret-0123456789abcdefghijk",
      // One audit key for every stack on the shared test database (development and production profiles alike).
      CIX_AUDIT_KEY: "test-only-audit-key-0123456789abcdefghijklmnop",
    },
  },
});
