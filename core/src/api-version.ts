import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./paths.js";

/** The response header that tells a client which API version answered (every gateway response carries it). */
export const API_VERSION_HEADER = "x-cix-api-version";

/** A release version: MAJOR.MINOR.PATCH, no pre-release or build suffix (schema/releases/<version>.graphql). */
export const SEMVER_PATTERN = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/**
 * The version of the client-facing API (semver; CHANGELOG.md says what changed), kept in ONE place: the root
 * package.json's `cixApiVersion`. That file is what marks the repository root (paths.ts) and the image copies it
 * beside the bundles, so the gateway, `npm run schema` and the tests read the same value, and release tooling can
 * read it without TypeScript. It is not the package's `version`, which versions the code, not the contract.
 */
function readApiVersion(): string {
  const manifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { cixApiVersion?: unknown };
  const version = manifest.cixApiVersion;
  if (typeof version !== "string" || !SEMVER_PATTERN.test(version)) {
    throw new Error(`package.json "cixApiVersion" must be a version such as 1.0.0 (MAJOR.MINOR.PATCH), not ${JSON.stringify(version)}`);
  }
  return version;
}

export const API_VERSION = readApiVersion();
