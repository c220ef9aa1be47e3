import { fileURLToPath } from "node:url";

/** The repository root, resolved from this file (never from the cwd). */
export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
