import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The `name` of the root package.json: it marks the folder the hub runs from. */
const ROOT_PACKAGE_NAME = "cix";

/**
 * The nearest folder at or above `start` whose package.json is named "cix". Walking up, rather than a fixed
 * `../../`, finds the same folder from the sources (core/src/) and from a compiled bundle (dist/, where this
 * module is inlined into another file), so files read beside the code (codelists/, schema/, var/) resolve alike.
 */
export function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name === ROOT_PACKAGE_NAME) return dir;
    if (dirname(dir) === dir) {
      throw new Error(`No package.json named "${ROOT_PACKAGE_NAME}" in ${start} or any folder above it: run the hub from its repository or image`);
    }
  }
}

/** The repository root (in the image: the application folder), found from this module's own location, never from the cwd. */
export const repoRoot = findRepoRoot(dirname(fileURLToPath(import.meta.url)));
