import { parseArgs, type ParseArgsConfig } from "node:util";

/**
 * `parseArgs` for the hub's command-line tools: `--help` / `-h` prints the usage and exits 0; an unknown option, a
 * missing value or a stray argument prints what is wrong and the usage and exits 2, never a stack trace.
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
  return parsed;
}
