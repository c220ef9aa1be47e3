import { parseArgs, type ParseArgsConfig } from "node:util";
import { logToStderr } from "./logger.js";

/**
 * `parseArgs` for the hub's command-line tools. Each tool calls it before anything else happens, so:
 * - `--help` / `-h` prints the usage on stdout and exits 0, before any connection, file or secret is made;
 * - an unknown option, a missing value or a stray argument prints what is wrong and the usage and exits 2;
 * - from then on logs go to stderr (stdout carries the tool's data), and an error nobody caught ends the tool with one
 *   line, `<tool>: <message>`, and exit code 1, never a stack trace.
 * `usage` starts with `usage: npm run <tool>` (or `npm start`), which also names the tool in error messages.
 */
export function parseCommandLine<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> {
  let parsed: ReturnType<typeof parseArgs<T>>;
  try {
    parsed = parseArgs({ ...config, options: { ...config.options, help: { type: "boolean", short: "h" } } }) as ReturnType<typeof parseArgs<T>>;
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
  if ((parsed.values as Record<string, unknown>).help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  logToStderr();
  const tool = /^usage:\s*(npm (?:start|run \S+))/.exec(usage)?.[1] ?? "error";
  // A rejected top-level await arrives here too (unhandled rejections are thrown by default).
  process.on("uncaughtException", (error: unknown) => {
    console.error(`${tool}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
  return parsed;
}
