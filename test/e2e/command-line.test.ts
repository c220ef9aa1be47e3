import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { repoRoot } from "@cix/core";

/** Runs one of the hub's command-line tools as `npm run <script>` runs it; resolves with its exit code and output. */
function run(script: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { cwd: repoRoot, env: { ...process.env, LOG_LEVEL: "silent" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const TOOLS = [
  ["npm run token", "scripts/token.ts"],
  ["npm run import", "scripts/import.ts"],
  ["npm run import:bench", "scripts/import-bench.ts"],
  ["npm run rings:check", "scripts/rings-check.ts"],
  ["npm run seed", "seed/src/cli.ts"],
  ["npm run bench", "bench/run.ts"],
] as const;

describe("command-line tools: --help, and a clear message instead of a stack trace for a bad command line", () => {
  it.each(TOOLS)("%s", async (command, script) => {
    const help = await run(script, ["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage:/);
    expect(help.stdout).toContain(`${command} --`);

    const bad = await run(script, ["--no-such-option"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Unknown option '--no-such-option'");
    expect(bad.stderr).toContain("usage");
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});
