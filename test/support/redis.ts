import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "@cix/core";

/** A private redis-server for one test file. */
export interface TestRedis {
  /** `redis://127.0.0.1:<port>`, for CIX_REDIS_URL. */
  url: string;
  /** Stops the server (SIGTERM to its process group) and removes its folder; safe to call twice. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 10_000;

/**
 * Starts `redis-server` on a free loopback port, in memory only (`--save "" --appendonly no`), with its own temp
 * folder and process group, and resolves once it answers PING. A port taken between choosing and binding it
 * makes the server exit; then another port is tried.
 */
export async function startRedis(): Promise<TestRedis> {
  const installed = spawnSync("redis-server", ["--version"], { stdio: "ignore" });
  if (installed.error) {
    throw new Error("redis-server is not installed; the scale-out tests need it: apt-get install redis-server (.ci/run installs it)");
  }
  let lastFailure = "";
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const dir = mkdtempSync(path.join(tmpdir(), "cix-redis-"));
    const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir, "--daemonize", "no", "--loglevel", "warning"];
    const child = spawn("redis-server", args, { detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.on("error", (error) => (output += error.message));
    child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
    // A crashed test run must not leave the server behind.
    const killOnExit = () => signalGroup(child, "SIGKILL");
    process.once("exit", killOnExit);
    const stop = async () => {
      process.off("exit", killOnExit);
      await stopGroup(child);
      rmSync(dir, { recursive: true, force: true });
    };
    if (await answersPing(port, child)) return { url: `redis://127.0.0.1:${port}`, stop };
    lastFailure = output.trim();
    await stop();
  }
  throw new Error(`redis-server did not answer PING within ${READY_TIMEOUT_MS} ms: ${lastFailure}`);
}

/** Polls PING until +PONG, the server exits, or READY_TIMEOUT_MS passes. */
async function answersPing(port: number, child: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline && running(child)) {
    if (await ping(port)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let reply = "";
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on("connect", () => socket.write("PING\r\n"));
    socket.on("data", (d: Buffer) => {
      reply += d.toString();
      if (reply.includes("\r\n")) done(reply.startsWith("+PONG"));
    });
    socket.on("error", () => done(false));
  });
}

function running(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (!running(child)) return;
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

function stopGroup(child: ChildProcess): Promise<void> {
  if (!running(child)) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    signalGroup(child, "SIGTERM");
    setTimeout(() => signalGroup(child, "SIGKILL"), 5000).unref();
  });
}
