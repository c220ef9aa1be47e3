import { spawn, type ChildProcess } from "node:child_process";
import { repoRoot } from "@cix/core";

/** A real process of the hub (a subgraph, a command-line tool) started by a test, with its output kept. */
export interface TestProcess {
  child: ChildProcess;
  /** What it wrote so far, stdout and stderr. */
  stdout(): string;
  stderr(): string;
  /** Resolves with its exit code (null when a signal ended it) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** `kill -9`: no shutdown hook, no finally block, no flushed buffer runs. */
  kill9(): Promise<void>;
  /** SIGTERM (the process's own clean shutdown), SIGKILL after 10 s. */
  stop(): Promise<void>;
}

/**
 * Starts a TypeScript entry point as `npm run`/`npm start` run it (`node --import tsx <entry>`) in the repository
 * folder. `env` is added to this process's environment; a value `undefined` removes the variable.
 */
export function startTsx(entry: string, args: readonly string[], env: Record<string, string | undefined>): TestProcess {
  const merged: Record<string, string | undefined> = { ...process.env, ...env };
  for (const [name, value] of Object.entries(merged)) if (value === undefined) delete merged[name];
  const child = spawn(process.execPath, ["--import", "tsx", entry, ...args], { cwd: repoRoot, env: merged, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    kill9: async () => {
      if (running()) child.kill("SIGKILL");
      await exited;
    },
    stop: async () => {
      if (!running()) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Runs a tool to its end; resolves with its exit code and output. */
export async function runTsx(entry: string, args: readonly string[], env: Record<string, string | undefined> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const process = startTsx(entry, args, env);
  const { code } = await process.exited;
  // The pipes may still hold the last bytes when the exit event comes.
  await new Promise((resolve) => setImmediate(resolve));
  return { code, stdout: process.stdout(), stderr: process.stderr() };
}

/** Polls until `probe` resolves truthy (errors count as not yet), or fails after `timeoutMs` saying what it waited for. */
export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 60_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ""}`);
}

/** Resolves once `url` answers 200 (a service's /healthz); fails at once if the service exits first. */
export async function waitForHealthy(url: string, service: TestProcess, timeoutMs = 90_000): Promise<void> {
  const exited = service.exited.then(({ code, signal }) => {
    throw new Error(`${url}: the process exited (${code ?? signal}) before it was healthy: ${service.stderr().slice(-1000)}`);
  });
  exited.catch(() => undefined);
  await Promise.race([waitFor(`${url} to answer`, async () => (await fetch(url)).ok, timeoutMs), exited]);
}
