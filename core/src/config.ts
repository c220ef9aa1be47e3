import { z } from "zod";
import { LOG_FORMATS } from "./logger.js";

/**
 * Every setting the hub reads from the environment, in one place, with its default.
 * Parsed once; a wrong value stops the process at start-up with a message naming the variable.
 */
const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

const EnvSchema = z.object({
  NODE_ENV: z.string().default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Read by `createLogger` from the environment; listed here so a wrong value stops start-up. */
  LOG_FORMAT: z.enum(LOG_FORMATS).default("auto"),

  NEO4J_URI: z.string().optional(),
  NEO4J_BOLT_PORT: port(7687),
  NEO4J_USER: z.string().default("neo4j"),
  NEO4J_PASSWORD: z.string().default(""),
  NEO4J_DATABASE: z.string().default("neo4j"),
  NEO4J_TX_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /** `npm start` loads the demo data set: 1 or 0; unset = on for the embedded Neo4j, off for one NEO4J_URI names (see `demoDataWanted`). */
  CIX_DEMO: z.enum(["0", "1"]).optional(),

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

  /** Folder of the HS and UN/LOCODE lists; the ones shipped in codelists/ when unset (see `configuredCodeListsDir`). */
  CIX_CODELISTS_DIR: z.string().optional(),
  /** `format-only`: run without the lists on purpose (HS codes and UN/LOCODEs get format checks only). */
  CIX_CODELISTS: z.enum(["files", "format-only"]).default("files"),

  /** `production` turns on the safe public configuration; NODE_ENV=production implies it. */
  CIX_PROFILE: z.enum(["development", "production"]).optional(),
  CIX_JWT_ISSUER: z.string().default("cix-dev"),
  CIX_JWT_AUDIENCE: z.string().default("cix-hub"),
  /** Verification keys for RS256/ES256 tokens: a JWKS URL or a JWKS file. */
  CIX_JWT_JWKS_URL: z.string().url().optional(),
  CIX_JWT_JWKS_FILE: z.string().optional(),
  /** HS256 secret: development only (refused in production). Defaults to a generated file under var/. */
  CIX_JWT_SECRET: z.string().min(32).optional(),
  /** HMAC key of the audit trail (required in production; derived from the gateway secret in development). */
  CIX_AUDIT_KEY: z.string().min(32).optional(),
  /** Shared secret with which the gateway proves its calls to the subgraphs. */
  CIX_GATEWAY_SECRET: z.string().min(32).optional(),
  /** Hard maximum for any page-size argument. */
  CIX_MAX_PAGE_SIZE: z.coerce.number().int().positive().default(500),

  // The public edge (gateway): limits checked before anything executes. README "The public edge".
  /** Largest accepted request body, in bytes (a photo travels base64 in the body). */
  CIX_MAX_BODY_BYTES: z.coerce.number().int().positive().default(2 * 1024 * 1024),
  /** Largest accepted GraphQL document (`query`), in bytes. */
  CIX_MAX_QUERY_BYTES: z.coerce.number().int().positive().default(32 * 1024),
  CIX_MAX_TOKENS: z.coerce.number().int().positive().default(5000),
  CIX_MAX_DEPTH: z.coerce.number().int().positive().default(12),
  /** Aliases per operation, `__typename` aliases included. */
  CIX_MAX_ALIASES: z.coerce.number().int().nonnegative().default(30),
  CIX_MAX_DIRECTIVES: z.coerce.number().int().nonnegative().default(20),
  /** Deepest nesting of JSON in `variables` and `extensions`. */
  CIX_MAX_VARIABLES_DEPTH: z.coerce.number().int().positive().default(20),
  /** Highest estimated cost of one operation (roughly: objects it may resolve; `first` multiplies). */
  CIX_MAX_COST: z.coerce.number().int().positive().default(50_000),
  /** Assumed length of a list without a page-size argument, for the cost estimate. */
  CIX_COST_LIST_SIZE: z.coerce.number().int().positive().default(10),
  /** Cost multiplier per traversal hop (`hops`/`maxHops` arguments). */
  CIX_COST_HOP_FACTOR: z.coerce.number().int().positive().default(10),
  /** Rate limits: requests per window per token subject, per agency, and per IP address without a valid token; 0 = off. */
  CIX_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().positive().default(60),
  CIX_RATE_LIMIT_PER_SUB: z.coerce.number().int().nonnegative().default(600),
  CIX_RATE_LIMIT_PER_AGENCY: z.coerce.number().int().nonnegative().default(3000),
  CIX_RATE_LIMIT_PER_IP: z.coerce.number().int().nonnegative().default(120),
  /**
   * Redis (`redis://` or `rediss://`) where every gateway replica counts the rate limits together; unset = each
   * gateway counts in its own memory (README "Scaling out").
   */
  CIX_REDIS_URL: z
    .string()
    .url()
    .refine((url) => /^rediss?:\/\//.test(url), "a redis:// or rediss:// URL")
    .optional(),
  /** Express `trust proxy` (e.g. `loopback`, `1`, a subnet) so per-IP limits see the client, not the proxy. Unset = trust none. */
  CIX_TRUST_PROXY: z.string().optional(),
  /** Folder of trusted-document manifests (operations a registered machine client may run). */
  CIX_TRUSTED_DOCUMENTS_DIR: z.string().optional(),
  /** Registered clients may run only their manifest's operations (a manifest's `trustedOnly` overrides this). */
  CIX_TRUSTED_ONLY: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),

  // Link analysis (entities subgraph). ARCHITECTURE.md "Link analysis".
  /** Hard maximum of `hops`/`maxHops` in network and path queries; more is refused with BAD_USER_INPUT. */
  CIX_MAX_HOPS: z.coerce.number().int().min(1).max(10).default(5),
  /** Nodes with more analysis relationships than this (a phone shared by thousands) are returned but not expanded. */
  CIX_SUPERNODE_DEGREE: z.coerce.number().int().positive().default(500),
  /** Hard maximum of nodes one analysis query returns or explores (`limit` above it is refused). */
  CIX_ANALYSIS_MAX_NODES: z.coerce.number().int().positive().default(2000),
  /** Key of the per-agency pseudonyms of hidden nodes; derived from CIX_GATEWAY_SECRET when unset. */
  CIX_PSEUDONYM_SECRET: z.string().min(32).optional(),

  // Bulk import (core/src/import): the HTTP endpoint's upload limit and the engine's batching.
  /** Largest file accepted by `POST /import/<kind>`, in bytes (the CLI streams files of any size). */
  CIX_IMPORT_MAX_BYTES: z.coerce.number().int().positive().default(50 * 1024 * 1024),
  /** Rows written per transaction; a failing batch is retried row by row. */
  CIX_IMPORT_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
  /** Batches of one job written concurrently (checkpoints stay in file order). */
  CIX_IMPORT_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(4),
  /** Largest single record (CSV row, JSON element, NDJSON line, XML record), in characters. */
  CIX_IMPORT_MAX_RECORD_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  /** Row errors kept per job for the report; further errors are counted, not stored. */
  CIX_IMPORT_MAX_ERRORS: z.coerce.number().int().positive().default(100_000),
  /** Accepted rows listed with their hub ids per job in the report; further ones are counted, not listed (0: none). */
  CIX_IMPORT_MAX_ACCEPTED_IDS: z.coerce.number().int().min(0).default(1_000_000),
  /** How often a running import job says its process is alive (README "Imports after a crash"). */
  CIX_IMPORT_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
  /** A RUNNING job without a heartbeat for this long counts as stopped: INTERRUPTED, resumable (keep it ≥ 3 heartbeats). */
  CIX_IMPORT_STALE_SECONDS: z.coerce.number().int().min(2).max(86_400).default(60),
  /** Where uploads are spooled while their job runs (relative to the repository root unless absolute). */
  CIX_IMPORT_DIR: z.string().default("var/imports"),
  /** The local photo store (relative to the repository root unless absolute). */
  CIX_PHOTO_DIR: z.string().default("var/photos"),

  // Observability (README "Observability"): traces, and who may scrape the gateway's /metrics.
  /** Where spans go: `otlp` (to OTEL_EXPORTER_OTLP_ENDPOINT), `console`, or `none` (tracing off). */
  CIX_OTEL_EXPORTER: z.enum(["otlp", "console", "none"]).default("none"),
  /** Bearer token a scraper must send to /metrics; unset = the gateway serves /metrics to loopback clients only. */
  CIX_METRICS_TOKEN: z.string().min(16).optional(),
  /** Distinct operation names kept as metric labels per process; later ones count as `other`. */
  CIX_METRICS_MAX_OPERATIONS: z.coerce.number().int().positive().default(200),

  // Faults (README "Operating CIX"): how long the gateway waits for a subgraph, and its circuit breaker per subgraph.
  /**
   * A subgraph fetch not answered in this time fails (its fields: SERVICE_UNAVAILABLE): below the 30 s request
   * timeout, above the 15 s a subgraph's driver may spend retrying a deadlock (a busy but healthy subgraph is not cut off).
   */
  CIX_SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(29_000).default(25_000),
  /** Fetches to a subgraph in the rolling window before its circuit may open (it opens when more than half failed). */
  CIX_CIRCUIT_MIN_FETCHES: z.coerce.number().int().min(1).default(5),
  /** How long an open circuit answers at once without calling the subgraph, before one probe call is let through. */
  CIX_CIRCUIT_RESET_MS: z.coerce.number().int().min(100).default(1_000),

  // Benchmarks only (bench/, scenario 5): the subgraphs without their permission layer. Takes effect only with
  // CIX_BENCH=1 and never in production (see `permissionsOff`).
  CIX_PERMISSIONS: z.enum(["on", "off"]).default("on"),
  CIX_BENCH: z.enum(["0", "1"]).default("0"),
});

export type Config = z.infer<typeof EnvSchema> & {
  production: boolean;
  /** CIX_PERMISSIONS=off with CIX_BENCH=1, outside production: the bench's permission-layer-off run. */
  permissionsOff: boolean;
  subgraphUrls: Record<SubgraphName, string>;
  /** The gateway's GraphQL endpoint as reached from this machine (what the command-line tools call). */
  gatewayUrl: string;
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
  const production = c.CIX_PROFILE === "production" || (c.CIX_PROFILE === undefined && c.NODE_ENV === "production");
  return {
    ...c,
    production,
    permissionsOff: c.CIX_PERMISSIONS === "off" && c.CIX_BENCH === "1" && !production,
    subgraphPorts,
    gatewayUrl: `http://${["0.0.0.0", "::"].includes(c.GATEWAY_HOST) ? "localhost" : c.GATEWAY_HOST}:${c.GATEWAY_PORT}/graphql`,
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

/** The database a tool will touch, for the line it prints before it does: URI (credentials removed) and database name. */
export function describeDatabase(config: Config): string {
  return `Neo4j database "${config.NEO4J_DATABASE}" at ${neo4jUri(config).replace(/\/\/[^@/]*@/, "//")}`;
}

/** Whether `npm start` loads the demo data: CIX_DEMO when set, else only into the embedded Neo4j, never into one NEO4J_URI names. */
export function demoDataWanted(config: Config): boolean {
  return config.CIX_DEMO === undefined ? config.NEO4J_URI === undefined : config.CIX_DEMO === "1";
}
