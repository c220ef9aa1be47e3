import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.test.ts"],
    exclude: ["**/node_modules/**", "neo4j/target/**"],
    globalSetup: ["test/global-setup.ts"],
    // Integration tests share one Neo4j; files run in parallel, tests isolate their data by unique keys.
    testTimeout: 30_000,
    hookTimeout: 180_000,
    pool: "forks",
  },
});
