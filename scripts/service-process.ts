// One run of a Node service of the hub (a subgraph or the gateway) as a child process, for the supervisor.
import { spawn } from "node:child_process";
import path from "node:path";
import { repoRoot } from "@cix/core";
import type { Exit, Running } from "./supervisor.js";

export interface ServiceProcessOptions {
  /** Receives the service's stdout and stderr; without it they go to this process's own. */
  output?: (chunk: string) => void;
  /** After SIGTERM, how long the service may drain before SIGKILL. */
  stopTimeoutMs?: number;
}

/**
 * Starts `node --import tsx <entry>` (relative to the repository) with `env`, in its own process group: a Ctrl-C at
 * the terminal reaches only the parent, which stops its services itself (so none of them is restarted meanwhile),
 * and `stop()` ends the whole group. The group is killed as well if the parent exits without stopping it.
 */
export function startServiceProcess(entry: string, env: NodeJS.ProcessEnv, options: ServiceProcessOptions = {}): Running {
  const { output, stopTimeoutMs = 30_000 } = options;
  const child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, entry)], {
    env,
    detached: true,
    stdio: ["ignore", output ? "pipe" : "inherit", output ? "pipe" : "inherit"],
  });
  child.stdout?.on("data", (d: Buffer) => output?.(d.toString()));
  child.stderr?.on("data", (d: Buffer) => output?.(d.toString()));
  const exited = new Promise<Exit>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
    child.once("error", () => resolve({ code: null, signal: null }));
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // the group is gone already
    }
  };
  const killOnExit = () => signalGroup("SIGKILL");
  process.once("exit", killOnExit);
  void exited.then(() => process.off("exit", killOnExit));

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      signalGroup("SIGTERM");
      const timer = setTimeout(() => signalGroup("SIGKILL"), stopTimeoutMs);
      await exited;
      clearTimeout(timer);
    })());
  return { pid: child.pid, exited, stop };
}
