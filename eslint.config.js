// Lint rules: typescript-eslint's recommended type-aware-free set, kept strict enough to catch real mistakes.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/node_modules/**", "neo4j/target/**", "neo4j/data*/**", "bench/results/**", "var/**", "dist/**", "clients/typescript/src/generated/**", "clients/python/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly", setTimeout: "readonly", clearTimeout: "readonly", setInterval: "readonly", clearInterval: "readonly", Buffer: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports", disallowTypeAnnotations: false }],
      "no-console": ["error", { allow: ["error"] }],
    },
  },
  {
    files: ["scripts/**", "**/cli.ts", "bench/**", "schema/generate.ts", "clients/typescript/generate.ts"],
    rules: { "no-console": "off" },
  },
);
