// @cix/neo4j: start a local Neo4j 5.26 Community DBMS for development and tests (or reuse the one it started earlier
// on the same port and data folder; a server it did not start is never used unless NEO4J_URI names it).
// The DBMS is the embedded Java launcher of this package (pom.xml, src/main/java), built with Maven
// on first use and run as a child JVM that speaks a tiny line protocol on stdout (CIX-NEO4J READY/STOPPED).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { accessSync, constants as fsConstants, existsSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/** This package's folder (neo4j/), resolved from this file, never from the cwd. */
export const packageDir = fileURLToPath(new URL("..", import.meta.url));
const jarPath = path.join(packageDir, "target", "cix-neo4j-launcher.jar");
const libDir = path.join(packageDir, "target", "lib");
const buildInputs = ["pom.xml", path.join("src", "main", "java", "org", "cix", "neo4j", "Launcher.java")];

const JAVA_MISSING =
  "Java 17+ is required to run the embedded Neo4j: install a JDK 17 and put `java` on PATH, or set NEO4J_URI to use an existing Neo4j";
const MVN_MISSING =
  "Maven (mvn) is required to build the embedded Neo4j launcher on first use: install Maven 3.8+ and put `mvn` on PATH, " +
  "or set NEO4J_URI to use an existing Neo4j";

export interface EnsureNeo4jOptions {
  /** Bolt port; default env NEO4J_BOLT_PORT or 7687. */
  port?: number;
  /** DBMS home (data + logs); default env CIX_NEO4J_HOME or <this package>/data. Relative paths are taken from this package's folder. */
  home?: string;
  /** Progress messages (building, starting, reusing, JVM stderr). Default: silent. */
  log?: (msg: string) => void;
}

/**
 * Kept in the DBMS home while a Neo4j this launcher started runs there (pid of the JVM, Bolt port). It is what tells
 * that server from any other answering on the port, which must not be used (or seeded) unless NEO4J_URI names it.
 */
const RUNNING_FILE = "cix-launcher.json";

/** The DBMS home a launch with `home` (or CIX_NEO4J_HOME, default `data`) uses; relative paths are taken from neo4j/. */
export function resolveNeo4jHome(home?: string): string {
  return path.resolve(packageDir, home ?? (process.env.CIX_NEO4J_HOME?.trim() || "data"));
}

/** The Neo4j this launcher started with `home`, if it still runs (its JVM's pid and Bolt port). */
export function runningLauncher(home: string): { pid: number; port: number } | null {
  let running: { pid: number; port: number };
  try {
    running = JSON.parse(readFileSync(path.join(home, RUNNING_FILE), "utf8")) as { pid: number; port: number };
  } catch {
    return null;
  }
  try {
    process.kill(running.pid, 0);
    return running;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM" ? running : null; // EPERM: alive, owned by another user
  }
}

/** Whether the Neo4j answering on `port` is one this launcher started with `home` and that still runs. */
function startedByLauncher(home: string, port: number): boolean {
  return runningLauncher(home)?.port === port;
}

export interface Neo4jHandle {
  /** Bolt URI, e.g. bolt://127.0.0.1:7687. Auth is disabled on the embedded DBMS. */
  uri: string;
  /** True when this call started the JVM (and stop() will stop it). */
  launched: boolean;
  /** Neo4j version reported by the launcher (only when launched). */
  version?: string;
  /** Resolves with the JVM's exit code or signal when it exits, for whatever reason (only when launched). */
  exited?: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Stops the JVM this call launched (SIGTERM, SIGKILL after 20 s); a no-op otherwise. */
  stop(): Promise<void>;
}

export interface LauncherCommand {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** The JVM options and class path of the launcher's jars, for a main class (heap from env NEO4J_HEAP, default 512m). */
function javaArgs(mainClass: string): string[] {
  const heap = (process.env.NEO4J_HEAP ?? "").trim() || "512m";
  if (!/^\d+[kmgKMG]?$/.test(heap)) throw new Error(`NEO4J_HEAP must look like 512m or 2g, got '${heap}'`);
  return [
    `-Xms${heap}`,
    `-Xmx${heap}`,
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
    // The same module openings Neo4j's own start script passes on JDK 17.
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-cp",
    // java expands the lib/* wildcard itself (no shell involved).
    `${jarPath}${path.delimiter}${path.join(libDir, "*")}`,
    mainClass,
  ];
}

/** The exact `java` command line used to run the launcher. */
export function neo4jLauncherCommand(opts: { port: number; home: string; host?: string }): LauncherCommand {
  return {
    command: "java",
    args: javaArgs("org.cix.neo4j.Launcher"),
    cwd: packageDir,
    env: {
      ...process.env,
      NEO4J_BOLT_PORT: String(opts.port),
      NEO4J_BOLT_HOST: opts.host ?? "127.0.0.1",
      CIX_NEO4J_HOME: opts.home,
    },
  };
}

/**
 * Runs Neo4j's own admin tool (`neo4j-admin`, class org.neo4j.cli.AdminTool of the neo4j-dbms artefact the launcher
 * already ships in target/lib) on the DBMS in `home`, e.g. `["database", "dump", "neo4j", "--to-path=…"]`. Its
 * progress lines are dropped; a failure throws with the tool's error lines. The tool refuses a database in use.
 */
export async function runNeo4jAdmin(args: readonly string[], opts: { home: string; log?: (msg: string) => void }): Promise<void> {
  const log = opts.log ?? (() => {});
  await ensureLauncherBuilt(log);
  const output = new Tail(20);
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn("java", [...javaArgs("org.neo4j.cli.AdminTool"), ...args], {
      cwd: packageDir,
      // No neo4j.conf in the home: the tool then takes the layout the embedded DBMS uses (data/ under the home).
      env: { ...process.env, NEO4J_HOME: opts.home, NEO4J_CONF: path.join(opts.home, "conf") },
      stdio: ["ignore", "pipe", "pipe"],
    });
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on("line", (line) => {
        if (line.startsWith("Files:") || !line.trim()) return;
        output.push(line);
        log(`[neo4j-admin] ${line}`);
      });
    }
    child.on("error", (err) => reject(new Error(`${JAVA_MISSING} (${err.message})`)));
    child.on("close", resolve);
  });
  if (code !== 0) {
    const errors = output.text().split("\n").filter((l) => /ERROR|failed|in use|not /i.test(l));
    throw new Error(`neo4j-admin ${args.slice(0, 2).join(" ")} failed: ${(errors.length > 0 ? errors : [output.text()]).join(" | ").replace(/\s+/g, " ").trim()}`);
  }
}

/** Builds the launcher with Maven if target/ is missing or older than its sources (needs Java 17+ and Maven). */
export async function ensureLauncherBuilt(log: (msg: string) => void = () => {}): Promise<void> {
  requireJava17();
  if (!needsBuild()) return;
  if (!onPath("mvn")) throw new Error(MVN_MISSING);
  await withBuildLock(log, async () => {
    if (!needsBuild()) return; // another process built it while we waited
    log("building the Neo4j launcher with Maven (first run downloads ~120 MB of jars)...");
    await runMaven(log);
  });
}

export async function ensureNeo4j(opts: EnsureNeo4jOptions = {}): Promise<Neo4jHandle> {
  const log = opts.log ?? (() => {});
  const external = process.env.NEO4J_URI?.trim();
  if (external) {
    log(`NEO4J_URI is set: using ${external}, not starting the embedded Neo4j`);
    return { uri: external, launched: false, stop: async () => {} };
  }

  const host = process.env.NEO4J_BOLT_HOST?.trim() || "127.0.0.1";
  const port = opts.port ?? parsePort(process.env.NEO4J_BOLT_PORT);
  const uri = `bolt://${host}:${port}`;
  const home = resolveNeo4jHome(opts.home);

  // Concurrent calls in this process share one launch; only the first caller owns stop().
  const key = `${host}:${port}`;
  const pending = inFlight.get(key);
  if (pending) {
    const first = await pending;
    return { uri: first.uri, launched: false, stop: async () => {} };
  }
  const attempt = start({ host, port, uri, home, log });
  inFlight.set(key, attempt);
  try {
    return await attempt;
  } finally {
    inFlight.delete(key);
  }
}

const inFlight = new Map<string, Promise<Neo4jHandle>>();

async function start(o: { host: string; port: number; uri: string; home: string; log: (msg: string) => void }): Promise<Neo4jHandle> {
  const { host, port, uri, home, log } = o;
  const probe = await probeBolt(host, port);
  if (probe === "bolt") {
    if (!startedByLauncher(home, port)) {
      throw new Error(
        `a Neo4j that CIX did not start answers at ${uri}; CIX uses an existing Neo4j only when NEO4J_URI names it. ` +
          `Set NEO4J_URI=${uri} to use that server (demo data then stays off unless CIX_DEMO=1), ` +
          `or NEO4J_BOLT_PORT to a free port for the embedded Neo4j`,
      );
    }
    log(`the embedded Neo4j (data ${home}) already runs at ${uri}: reusing it`);
    return { uri, launched: false, stop: async () => {} };
  }
  if (probe === "other") {
    throw new Error(
      `port ${host}:${port} is in use by something that does not speak Bolt: stop it, or set NEO4J_BOLT_PORT to a free port, or NEO4J_URI to an existing Neo4j`,
    );
  }

  await ensureLauncherBuilt(log);

  try {
    return await launch(o);
  } catch (err) {
    // Another process may be starting Neo4j on this port or data dir at the same moment
    // (its port or store lock made ours fail): wait for it to answer Bolt and use it then.
    const busy = err instanceof Error && /is locked by another Neo4j|is not available/.test(err.message);
    const deadline = Date.now() + (busy ? startTimeoutMs() : 0);
    do {
      if ((await probeBolt(host, port)) === "bolt" && startedByLauncher(home, port)) {
        log(`Neo4j was started concurrently at ${uri}: reusing it`);
        return { uri, launched: false, stop: async () => {} };
      }
      if (Date.now() < deadline) await sleep(500);
    } while (Date.now() < deadline);
    throw err;
  }
}

function startTimeoutMs(): number {
  return Number(process.env.NEO4J_START_TIMEOUT_MS) || 120_000;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Serialises Maven builds of target/ across processes (e.g. parallel test workers), via an atomic mkdir. */
async function withBuildLock(log: (msg: string) => void, fn: () => Promise<void>): Promise<void> {
  const lock = path.join(os.tmpdir(), `cix-neo4j-build-${createHash("sha1").update(packageDir).digest("hex").slice(0, 12)}.lock`);
  const staleMs = 15 * 60_000;
  let announced = false;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      try {
        if (Date.now() - statSync(lock).mtimeMs > staleMs) rmSync(lock, { recursive: true, force: true });
      } catch {
        // removed meanwhile
      }
      if (!announced) log("another process is building the Neo4j launcher; waiting for it...");
      announced = true;
      await sleep(1000);
    }
  }
  try {
    await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return 7687;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`NEO4J_BOLT_PORT must be a TCP port number, got '${raw}'`);
  }
  return port;
}

/**
 * "bolt": a Bolt server answered the handshake; "closed": nothing listens;
 * "other": something accepted the connection but did not answer like Bolt.
 */
export function probeBolt(host: string, port: number, timeoutMs = 2000): Promise<"bolt" | "closed" | "other"> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let connected = false;
    let received = Buffer.alloc(0);
    const done = (result: "bolt" | "closed" | "other") => {
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on("error", () => {});
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => done(connected ? "other" : "closed"), timeoutMs);
    socket.on("connect", () => {
      connected = true;
      // Bolt handshake: magic, then four version proposals (5.0-5.4, 4.4, 4.0-4.3... none).
      socket.write(Buffer.from([0x60, 0x60, 0xb0, 0x17, 0, 4, 4, 5, 0, 0, 4, 4, 0, 0, 0, 4, 0, 0, 0, 3]));
    });
    socket.on("data", (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 4) {
        // The server answers with the chosen version: 00 00 <minor> <major> (00 00 00 00 = none agreed, still Bolt).
        done(received[0] === 0 && received[1] === 0 ? "bolt" : "other");
      }
    });
    socket.on("end", () => done(connected ? "other" : "closed"));
    socket.on("error", () => done(connected ? "other" : "closed"));
  });
}

function onPath(cmd: string): string | undefined {
  const exts = process.platform === "win32" ? (process.env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";") : [""];
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = path.join(dir, cmd + ext);
      try {
        accessSync(candidate, fsConstants.X_OK);
        if (statSync(candidate).isFile()) return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

function requireJava17(): void {
  if (!onPath("java")) throw new Error(JAVA_MISSING);
  const res = spawnSync("java", ["-version"], { encoding: "utf8", timeout: 30_000 });
  const text = `${res.stderr ?? ""}${res.stdout ?? ""}`;
  const m = /version "(\d+)(?:\.(\d+))?/.exec(text);
  if (res.error || !m) throw new Error(`${JAVA_MISSING} (\`java -version\` failed: ${res.error?.message ?? text.trim()})`);
  const major = Number(m[1]) === 1 ? Number(m[2]) : Number(m[1]);
  if (major < 17) throw new Error(`${JAVA_MISSING} (found Java ${major})`);
}

function needsBuild(): boolean {
  if (!existsSync(jarPath) || !existsSync(libDir)) return true;
  const jarTime = statSync(jarPath).mtimeMs;
  return buildInputs.some((rel) => {
    const p = path.join(packageDir, rel);
    return existsSync(p) && statSync(p).mtimeMs > jarTime;
  });
}

function runMaven(log: (msg: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("mvn", ["-q", "-B", "-f", "pom.xml", "package", "-DskipTests"], {
      cwd: packageDir,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const tail = new Tail(40);
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on("line", (line) => tail.push(line));
    }
    child.on("error", (err) => reject(new Error(`${MVN_MISSING} (${err.message})`)));
    child.on("exit", (code, signal) => {
      if (code === 0) {
        // Maven may leave an up-to-date jar untouched; mark it fresh so needsBuild() stays false.
        const now = new Date();
        if (existsSync(jarPath)) utimesSync(jarPath, now, now);
        log("Neo4j launcher built");
        resolve();
      } else {
        reject(new Error(`building the Neo4j launcher failed (mvn exit ${code ?? signal}):\n${tail.text()}`));
      }
    });
  });
}

function launch(o: {
  host: string;
  port: number;
  home: string;
  uri: string;
  log: (msg: string) => void;
}): Promise<Neo4jHandle> {
  const timeoutMs = startTimeoutMs();
  const cmd = neo4jLauncherCommand({ port: o.port, home: o.home, host: o.host });
  o.log(`starting Neo4j on ${o.uri} (home ${o.home})`);

  const spawnedAt = Date.now();
  const child: ChildProcess = spawn(cmd.command, cmd.args, {
    cwd: cmd.cwd,
    env: cmd.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stderrTail = new Tail(30);
  let errorLine: string | undefined;

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on("exit", (code, signal) => resolve({ code, signal }));
    child.on("error", () => resolve({ code: null, signal: null }));
  });
  // Do not leave an orphan JVM behind when this Node process exits.
  const killOnExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  };
  process.on("exit", killOnExit);
  void exited.then(() => process.off("exit", killOnExit));

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(timer);
    })();
    return stopping;
  };

  return new Promise<Neo4jHandle>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const timer = setTimeout(() => {
      settle(() => {
        void stop();
        reject(
          new Error(
            `Neo4j did not report READY within ${timeoutMs} ms (NEO4J_START_TIMEOUT_MS); logs in ${path.join(o.home, "logs")}` +
              (stderrTail.size() ? `\n${stderrTail.text()}` : ""),
          ),
        );
      });
    }, timeoutMs);

    createInterface({ input: child.stdout! }).on("line", (line) => {
      const ready = /^CIX-NEO4J READY (\S+) neo4j=(\S+)/.exec(line);
      if (ready) {
        o.log(`Neo4j ${ready[2]} ready at ${ready[1]} in ${((Date.now() - spawnedAt) / 1000).toFixed(1)} s`);
        const running = path.join(o.home, RUNNING_FILE);
        const content = JSON.stringify({ pid: child.pid, port: o.port });
        writeFileSync(running, content);
        void exited.then(() => {
          if (existsSync(running) && readFileSync(running, "utf8") === content) rmSync(running, { force: true });
        });
        settle(() => resolve({ uri: ready[1] ?? o.uri, launched: true, version: ready[2], exited, stop }));
      } else if (line.startsWith("CIX-NEO4J STOPPED")) {
        o.log("Neo4j stopped");
      } else if (line.trim()) {
        o.log(`[neo4j] ${line}`);
      }
    });
    createInterface({ input: child.stderr! }).on("line", (line) => {
      stderrTail.push(line);
      if (line.startsWith("CIX-NEO4J ERROR:")) {
        // Reported once, as the rejection's message (before READY) or here (during shutdown).
        errorLine ??= line.slice("CIX-NEO4J ERROR:".length).trim();
        if (settled) o.log(line);
      } else {
        o.log(`[neo4j] ${line}`);
      }
    });

    child.on("error", (err) => {
      settle(() => reject(new Error(`${JAVA_MISSING} (spawning java failed: ${err.message})`)));
    });
    void exited.then(({ code, signal }) => {
      settle(() =>
        reject(
          new Error(
            errorLine
              ? `Neo4j failed to start: ${errorLine}`
              : `Neo4j exited (${code ?? signal}) before it was ready; logs in ${path.join(o.home, "logs")}` +
                  (stderrTail.size() ? `\n${stderrTail.text()}` : ""),
          ),
        ),
      );
    });
  });
}

class Tail {
  private lines: string[] = [];
  constructor(private readonly max: number) {}
  push(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.max) this.lines.shift();
  }
  size(): number {
    return this.lines.length;
  }
  text(): string {
    return this.lines.join("\n");
  }
}
