import { z } from "zod";

/**
 * Every setting the hub reads from the environment, in one place, with its default.
 * Parsed once; a wrong value stops the process at start-up with a message naming the variable.
 */
const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

const EnvSchema = z.object({
  NODE_ENV: z.string().default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),

  NEO4J_URI: z.string().optional(),
  NEO4J_BOLT_PORT: port(7687),
  NEO4J_USER: z.string().default("neo4j"),
  NEO4J_PASSWORD: z.string().default(""),
  NEO4J_DATABASE: z.string().default("neo4j"),
  NEO4J_TX_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),

  /** Interface the subgraphs bind to: loopback unless a private network is configured (e.g. in Docker). */
  SUBGRAPH_HOST: z.string().default("127.0.0.1"),
  GATEWAY_HOST: z.string().default("0.0.0.0"),
  GATEWAY_PORT: port(4000),
  SEIZURES_PORT: port(4001),
  ENTITIES_PORT: port(4002),
  ECOMMERCE_PORT: port(4003),
  SEIZURES_URL: z.string().url().optional(),
  ENTITIES_URL: z.string().url().optional(),
  ECOMMERCE_URL: z.string().url().optional(),

  CIX_CODELISTS_DIR: z.string().optional(),

  /** `production` turns on the safe public configuration; NODE_ENV=production implies it. */
  CIX_PROFILE: z.enum(["development", "production"]).optional(),
  CIX_JWT_ISSUER: z.string().default("cix-dev"),
  CIX_JWT_AUDIENCE: z.string().default("cix-hub"),
  /** Verification keys for RS256/ES256 tokens: a JWKS URL or a JWKS file. */
  CIX_JWT_JWKS_URL: z.string().url().optional(),
  CIX_JWT_JWKS_FILE: z.string().optional(),
  /** HS256 secret: development only (refused in production). Defaults to a generated file under var/. */
  CIX_JWT_SECRET: z.string().min(32).optional(),
  /** Shared secret with which the gateway proves its calls to the subgraphs. */
  CIX_GATEWAY_SECRET: z.string().min(32).optional(),
  /** Hard maximum for any page-size argument. */
  CIX_MAX_PAGE_SIZE: z.coerce.number().int().positive().default(500),
});

export type Config = z.infer<typeof EnvSchema> & {
  production: boolean;
  subgraphUrls: Record<SubgraphName, string>;
  subgraphPorts: Record<SubgraphName, number>;
};

export const SUBGRAPH_NAMES = ["seizures", "entities", "ecommerce"] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const c = parsed.data;
  const subgraphPorts = { seizures: c.SEIZURES_PORT, entities: c.ENTITIES_PORT, ecommerce: c.ECOMMERCE_PORT };
  const local = (p: number) => `http://127.0.0.1:${p}/graphql`;
  return {
    ...c,
    production: c.CIX_PROFILE === "production" || (c.CIX_PROFILE === undefined && c.NODE_ENV === "production"),
    subgraphPorts,
    subgraphUrls: {
      seizures: c.SEIZURES_URL ?? local(subgraphPorts.seizures),
      entities: c.ENTITIES_URL ?? local(subgraphPorts.entities),
      ecommerce: c.ECOMMERCE_URL ?? local(subgraphPorts.ecommerce),
    },
  };
}

/** The Bolt URI to use: an explicit NEO4J_URI, or the embedded launcher's loopback port. */
export function neo4jUri(config: Config): string {
  return config.NEO4J_URI ?? `bolt://127.0.0.1:${config.NEO4J_BOLT_PORT}`;
}
