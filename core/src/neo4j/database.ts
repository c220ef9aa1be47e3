import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import neo4j, { Neo4jError, type Driver, type ManagedTransaction } from "neo4j-driver";
import { Counter, Histogram } from "prom-client";
import type { Config } from "../config.js";
import { neo4jUri } from "../config.js";
import { tracer } from "../telemetry/trace-context.js";
import { disableNagleForDriverSockets } from "./no-delay.js";
import { toPlain } from "./values.js";

export type Params = Record<string, unknown>;
export type Row = Record<string, unknown>;

/** Cypher round trips per subgraph: the N+1 test and the benchmark read these through /metrics. */
const cypherQueries = new Counter({
  name: "cix_cypher_queries_total",
  help: "Cypher statements sent to Neo4j",
  labelNames: ["component", "mode"] as const,
});
const cypherSeconds = new Histogram({
  name: "cix_cypher_duration_seconds",
  help: "Time from sending a Cypher statement to having its records",
  labelNames: ["component", "mode"] as const,
  buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
});
const cypherErrors = new Counter({
  name: "cix_cypher_errors_total",
  help: "Cypher statements that failed (timeouts, constraint violations, lost connections)",
  labelNames: ["component", "mode"] as const,
});

/** The driver's codes for "no server could be reached" and "the connection was lost". */
const CONNECTION_LOST = new Set(["ServiceUnavailable", "SessionExpired"]);

/**
 * Whether a Neo4j error says the database cannot serve now (unreachable, connection lost, no free connection in
 * time, or a transient error the driver's retries did not get past) rather than that the statement is wrong: the
 * caller may retry later. The one test for it; `makeFormatError` answers these with SERVICE_UNAVAILABLE.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Neo4jError)) return false;
  return CONNECTION_LOST.has(error.code) || error.code.startsWith("Neo.TransientError.") || error.message.startsWith("Connection acquisition timed out");
}

/** A transaction handle that returns plain rows and counts each statement. */
export interface Tx {
  run<T extends Row = Row>(cypher: string, params?: Params): Promise<T[]>;
}

/**
 * The one way the hub talks to Neo4j. Every statement is parameterised (callers pass `params`, never build
 * Cypher from input), runs in a managed transaction with a timeout, and comes back as plain JS values
 * (numbers, ISO strings) so resolvers never see driver types.
 */
export class Database {
  /**
   * Set when a call found Neo4j unreachable, and until the first call succeeds. The next calls then try one
   * connection first and fail at once while it is down, instead of each retrying for `maxTransactionRetryTime`
   * (so a tool started with Neo4j down says so at once); the first success clears it.
   */
  private unreachable = true;

  private constructor(
    readonly driver: Driver,
    private readonly database: string,
    private readonly txTimeoutMs: number,
    private readonly component: string,
  ) {}

  static connect(config: Config, component: string): Database {
    disableNagleForDriverSockets();
    const auth = config.NEO4J_PASSWORD ? neo4j.auth.basic(config.NEO4J_USER, config.NEO4J_PASSWORD) : undefined;
    const driver = neo4j.driver(neo4jUri(config), auth, {
      disableLosslessIntegers: true,
      maxConnectionPoolSize: 50,
      connectionAcquisitionTimeout: 10_000,
      // The driver retries transient failures (deadlocks, a leader switch) for this long. 5 s was too short: writers
      // of persons sharing identifiers deadlock in storms under load (seeding on two busy cores failed), and each
      // retry backs off. With Neo4j down only the first call waits this long; the next fail at once (`unreachable`).
      maxTransactionRetryTime: 15_000,
      connectionTimeout: 5_000,
      // So the longest a call can wait, a full pool then retries, is about 10 + 15 s: below the 30 s transaction timeout.
    });
    return new Database(driver, config.NEO4J_DATABASE, config.NEO4J_TX_TIMEOUT_MS, component);
  }

  /**
   * Resolves when a Bolt round trip to the database succeeds within `timeoutMs`: one attempt, no retries, so a
   * readiness probe answers in time whether Neo4j is up, down or hanging.
   */
  async ping(timeoutMs = 1000): Promise<void> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Neo4j did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([session.run("RETURN 1", {}, { timeout: timeoutMs }), late]);
      this.unreachable = false;
    } catch (error) {
      if (error instanceof Neo4jError && CONNECTION_LOST.has(error.code)) this.unreachable = true;
      throw error;
    } finally {
      clearTimeout(timer);
      // Not awaited: closing waits for a statement a hanging server never answers.
      session.close().catch(() => undefined);
    }
  }

  read<T extends Row = Row>(cypher: string, params: Params = {}): Promise<T[]> {
    return this.withSession("READ", (tx) => tx.run<T>(cypher, params));
  }

  write<T extends Row = Row>(cypher: string, params: Params = {}): Promise<T[]> {
    return this.withSession("WRITE", (tx) => tx.run<T>(cypher, params));
  }

  /** Several statements that succeed or fail together (a record is stored whole or not at all). */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.withSession("WRITE", work);
  }

  readTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.withSession("READ", work);
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  private async withSession<T>(mode: "READ" | "WRITE", work: (tx: Tx) => Promise<T>): Promise<T> {
    // getServerInfo opens one connection without retries: it throws ServiceUnavailable at once while Neo4j is down.
    if (this.unreachable) await this.driver.getServerInfo({ database: this.database });
    this.unreachable = false;
    const session = this.driver.session({
      database: this.database,
      defaultAccessMode: mode === "READ" ? neo4j.session.READ : neo4j.session.WRITE,
    });
    try {
      const config = { timeout: this.txTimeoutMs };
      const run = (managed: ManagedTransaction) => work(this.wrap(managed, mode));
      return mode === "READ" ? await session.executeRead(run, config) : await session.executeWrite(run, config);
    } catch (error) {
      // Only after the driver's own retries: a deadlock or a leader switch is retried as before.
      if (error instanceof Neo4jError && CONNECTION_LOST.has(error.code)) this.unreachable = true;
      throw error;
    } finally {
      await session.close();
    }
  }

  /**
   * Each statement is counted, timed and, with tracing on, a CLIENT span named by `statementSummary` carrying the
   * Cypher text (parameterised, so it holds no values) and never the parameters.
   */
  private wrap(managed: ManagedTransaction, mode: string): Tx {
    const labels = { component: this.component, mode };
    return {
      run: <T extends Row>(cypher: string, params: Params = {}) =>
        tracer.startActiveSpan("neo4j", { kind: SpanKind.CLIENT }, async (span) => {
          if (span.isRecording()) {
            span.updateName(statementSummary(cypher));
            span.setAttributes({ "db.system.name": "neo4j", "db.namespace": this.database, "db.query.text": cypher, "cix.component": this.component, "cix.mode": mode });
          }
          cypherQueries.inc(labels);
          const stop = cypherSeconds.startTimer(labels);
          try {
            const result = await managed.run(cypher, params);
            return result.records.map((record) => toPlain(record.toObject()) as T);
          } catch (error) {
            cypherErrors.inc(labels);
            span.setStatus({ code: SpanStatusCode.ERROR, message: (error as { code?: string }).code ?? "Neo4j error" });
            throw error;
          } finally {
            stop();
            span.end();
          }
        }),
    };
  }
}

/**
 * A statement's name for its span, of low cardinality like OpenTelemetry's `db.query.summary`: its first clause and
 * the first label it matches (`MATCH Seizure`, `UNWIND Person`, `MERGE AuditHead`).
 */
export function statementSummary(cypher: string): string {
  const clause = /^\s*(?:CYPHER\b[^\n]*\n\s*)?([A-Za-z]+(?: [A-Za-z]+)?)/.exec(cypher)?.[1]?.toUpperCase() ?? "CYPHER";
  const verb = /^(?:OPTIONAL MATCH|CALL|SHOW \w+)/.test(clause) ? clause : clause.split(" ")[0]!;
  const label = /\(\s*\w*\s*:\s*`?([A-Za-z_]\w*)/.exec(cypher)?.[1];
  return label ? `${verb} ${label}` : verb;
}
