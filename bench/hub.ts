// The hub under test: Neo4j (launched or reused) and the three subgraphs and the gateway as SEPARATE child
// processes (like scripts/start.ts), so each one's CPU time and memory can be measured on its own.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { repoRoot, SUBGRAPH_NAMES, type SubgraphName } from "@cix/core";
import { ensureNeo4j, type Neo4jHandle } from "@cix/neo4j";

export type ServiceName = SubgraphName | "gateway";

export interface Service {
  name: ServiceName;
  /** GraphQL endpoint. */
  url: string;
  pid: number;
}

export interface HubOptions {
  /** Use this Bolt URI instead of launching the embedded Neo4j. */
  neo4jUri?: string;
  neo4jPort: number;
  /** Data folder of the embedded Neo4j, relative to the neo4j package folder. */
  neo4jHome: string;
  /** Variables for every hub process on top of the bench's own environment. */
  env: Record<string, string>;
  /** Service to run under `node --cpu-prof`, and where its .cpuprofile goes (written when it exits). */
  cpuProfile?: { service: ServiceName; dir: string };
  log: (message: string) => void;
}

/** A running hub: its Neo4j and its four Node processes. */
export class Hub {
  readonly services = new Map<ServiceName, Service>();
  private readonly children = new Map<ServiceName, ChildProcess>();
  private readonly tails = new Map<ServiceName, string[]>();
  private readonly ports = new Map<ServiceName, number>();
  private extraEnv: Record<string, string> = {};

  private constructor(
    private readonly options: HubOptions,
    readonly neo4j: Neo4jHandle,
    /** Pid of the Neo4j JVM when this bench launched it (its CPU and memory are measured then). */
    readonly neo4jPid: number | undefined,
  ) {}

  static async start(options: HubOptions): Promise<Hub> {
    const neo4j = options.neo4jUri
      ? { uri: options.neo4jUri, launched: false, stop: async () => {} }
      : await withoutNeo4jUri(() => ensureNeo4j({ port: options.neo4jPort, home: options.neo4jHome, log: (m) => options.log(`neo4j: ${m}`) }));
    const hub = new Hub(options, neo4j, neo4j.launched ? childPid("org.cix.neo4j.Launcher") : undefined);
    try {
      for (const name of [...SUBGRAPH_NAMES, "gateway"] as const) hub.ports.set(name, await freePort());
      await hub.startSubgraphs();
      await hub.startService("gateway", "gateway/src/main.ts");
      return hub;
    } catch (error) {
      await hub.stop();
      throw error;
    }
  }

  /** The last lines each service logged (warnings and errors: the bench runs them with LOG_LEVEL=warn). */
  recentLogs(): string {
    return [...this.tails.entries()].filter(([, lines]) => lines.length > 0).map(([name, lines]) => `--- ${name}\n${lines.join("\n")}`).join("\n");
  }

  get gatewayUrl(): string {
    return this.services.get("gateway")!.url;
  }

  /** Restarts the subgraphs with `env` added (e.g. the permission layer switched off); the gateway keeps running. */
  async restartSubgraphs(env: Record<string, string>): Promise<void> {
    await Promise.all(SUBGRAPH_NAMES.map((name) => this.stopService(name)));
    this.extraEnv = env;
    await this.startSubgraphs();
  }

  async stop(): Promise<void> {
    await Promise.all([...this.children.keys()].map((name) => this.stopService(name)));
    await this.neo4j.stop();
  }

  private async startSubgraphs(): Promise<void> {
    await Promise.all(SUBGRAPH_NAMES.map((name) => this.startService(name, `subgraphs/${name}/src/main.ts`)));
  }

  private env(): NodeJS.ProcessEnv {
    const port = (name: ServiceName) => String(this.ports.get(name));
    return {
      ...process.env,
      ...this.options.env,
      ...this.extraEnv,
      NEO4J_URI: this.neo4j.uri,
      SUBGRAPH_HOST: "127.0.0.1",
      GATEWAY_HOST: "127.0.0.1",
      SEIZURES_PORT: port("seizures"),
      ENTITIES_PORT: port("entities"),
      ECOMMERCE_PORT: port("ecommerce"),
      GATEWAY_PORT: port("gateway"),
      SEIZURES_URL: `http://127.0.0.1:${port("seizures")}/graphql`,
      ENTITIES_URL: `http://127.0.0.1:${port("entities")}/graphql`,
      ECOMMERCE_URL: `http://127.0.0.1:${port("ecommerce")}/graphql`,
    };
  }

  private async startService(name: ServiceName, entry: string): Promise<void> {
    const profile = this.options.cpuProfile?.service === name ? this.options.cpuProfile : undefined;
    if (profile) mkdirSync(profile.dir, { recursive: true });
    const flags = profile ? ["--cpu-prof", `--cpu-prof-dir=${profile.dir}`, `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`] : [];
    const child = spawn(process.execPath, [...flags, "--import", "tsx", path.join(repoRoot, entry)], {
      env: this.env(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const tail: string[] = [];
    this.tails.set(name, tail);
    const keep = (chunk: Buffer) => {
      tail.push(...chunk.toString().split("\n").filter(Boolean));
      tail.splice(0, Math.max(0, tail.length - 20));
    };
    child.stdout!.on("data", keep);
    child.stderr!.on("data", keep);
    this.children.set(name, child);
    const port = this.ports.get(name)!;
    const url = `http://127.0.0.1:${port}/graphql`;
    await waitReady(`http://127.0.0.1:${port}/readyz`, child, () => `${name} did not become ready:\n${tail.join("\n")}`);
    this.services.set(name, { name, url, pid: child.pid! });
  }

  private async stopService(name: ServiceName): Promise<void> {
    const child = this.children.get(name);
    if (!child) return;
    this.children.delete(name);
    this.services.delete(name);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

async function waitReady(url: string, child: ChildProcess, failure: () => string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(failure());
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(1000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(failure());
}

/** A free loopback port (asked of the OS, then released for the child to bind). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The pid of this process's child whose command line contains `marker` (the JVM ensureNeo4j spawned). */
function childPid(marker: string): number | undefined {
  const lines = execFileSync("ps", ["-A", "-o", "pid=,ppid=,args="], { encoding: "utf8" }).split("\n");
  for (const line of lines) {
    const [pid, ppid, ...args] = line.trim().split(/\s+/);
    if (Number(ppid) === process.pid && args.join(" ").includes(marker)) return Number(pid);
  }
  return undefined;
}

/** ensureNeo4j honours NEO4J_URI; the bench decides by its own flag, so a developer's NEO4J_URI is not used by accident. */
async function withoutNeo4jUri<T>(work: () => Promise<T>): Promise<T> {
  const saved = process.env.NEO4J_URI;
  delete process.env.NEO4J_URI;
  try {
    return await work();
  } finally {
    if (saved !== undefined) process.env.NEO4J_URI = saved;
  }
}
