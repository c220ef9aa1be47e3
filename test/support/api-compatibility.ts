import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { ChangeType, CriticalityLevel, diff, type Change } from "@graphql-inspector/core";
import { SEMVER_PATTERN, repoRoot } from "@cix/core";
import { API_HEADER_PREFIX } from "@cix/schema";
import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLSchema } from "graphql";

/**
 * The API's contract check (issue 19, item 3): schema/api.graphql against the last release kept in
 * schema/releases/<version>.graphql, with graphql-inspector's criticality (breaking, dangerous, safe).
 */

export const RELEASES_DIR = join(repoRoot, "schema", "releases");
export const API_SCHEMA_FILE = join(repoRoot, "schema", "api.graphql");
export const SUPERGRAPH_FILE = join(repoRoot, "schema", "supergraph.graphql");
export const CHANGELOG_FILE = join(repoRoot, "CHANGELOG.md");

export interface ApiRelease {
  version: string;
  sdl: string;
}

export interface SchemaChanges {
  breaking: Change[];
  dangerous: Change[];
  safe: Change[];
}

/** The version printed on an API schema's first line (`# CIX API 1.0.0`), or null without that header. */
export function versionOfApiSdl(sdl: string): string | null {
  const first = sdl.split("\n", 1)[0] ?? "";
  return first.startsWith(API_HEADER_PREFIX) ? first.slice(API_HEADER_PREFIX.length).trim() : null;
}

function versionParts(version: string): [number, number, number] {
  const match = SEMVER_PATTERN.exec(version);
  if (!match) throw new Error(`Not a MAJOR.MINOR.PATCH version: ${version}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** Negative, zero or positive as `a` is older than, equal to or newer than `b`. */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [versionParts(a), versionParts(b)];
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

export function majorOf(version: string): number {
  return versionParts(version)[0];
}

/** The newest release in schema/releases (files named <version>.graphql). */
export async function latestRelease(dir = RELEASES_DIR): Promise<ApiRelease> {
  const versions = (await readdir(dir)).filter((f) => f.endsWith(".graphql")).map((f) => f.slice(0, -".graphql".length));
  if (versions.length === 0) throw new Error(`No released API schema in ${dir}`);
  const version = versions.sort(compareVersions).at(-1)!;
  return { version, sdl: await readFile(join(dir, `${version}.graphql`), "utf8") };
}

/** Every change from `oldSdl` to `newSdl`, by graphql-inspector's criticality. */
export async function schemaChanges(oldSdl: string, newSdl: string): Promise<SchemaChanges> {
  const changes = await diff(buildSchema(oldSdl), buildSchema(newSdl));
  const of = (level: CriticalityLevel) => changes.filter((c) => c.criticality.level === level);
  return { breaking: of(CriticalityLevel.Breaking), dangerous: of(CriticalityLevel.Dangerous), safe: of(CriticalityLevel.NonBreaking) };
}

/** The text of CHANGELOG.md's section for `version` (`## [1.0.0] - 2026-12-05` up to the next `## `), or null. */
export function changelogSection(changelog: string, version: string): string | null {
  const lines = changelog.split("\n");
  const start = lines.findIndex((line) => line.startsWith(`## [${version}]`));
  if (start < 0) return null;
  const end = lines.findIndex((line, i) => i > start && line.startsWith("## "));
  return lines.slice(start, end < 0 ? undefined : end).join("\n");
}

/** What the changelog must mention for a breaking change: its schema coordinate (`Seizure.caseNumber`), else its message. */
function nameOf(change: Change): string {
  return change.path ?? change.message;
}

/** Removals that clients must be warned of first: the element must have been `@deprecated` in the release. */
const REMOVALS = new Set<string>([ChangeType.FieldRemoved, ChangeType.InputFieldRemoved, ChangeType.EnumValueRemoved, ChangeType.FieldArgumentRemoved]);

/**
 * Why the current API may not follow the released one, or [] if it may: it is not older; a breaking change needs
 * a higher major version AND a CHANGELOG.md section for that version naming each breaking change; and a field,
 * argument, input field or enum value is removed only after the release deprecated it. Each problem quotes
 * graphql-inspector's message.
 */
export function compatibilityProblems(input: {
  released: ApiRelease;
  currentVersion: string;
  changes: SchemaChanges;
  changelog: string;
}): string[] {
  const { released, currentVersion, changes, changelog } = input;
  const problems: string[] = [];
  if (compareVersions(currentVersion, released.version) < 0) {
    problems.push(`API version ${currentVersion} is older than the last release ${released.version}.`);
  }
  if (changes.breaking.length === 0) return problems;
  const listed = changes.breaking.map((c) => `  - ${c.message}`).join("\n");
  if (majorOf(currentVersion) <= majorOf(released.version)) {
    problems.push(
      `Breaking changes since release ${released.version} need a new major version (API version is ${currentVersion}; ` +
        `raise "cixApiVersion" in package.json and record them in CHANGELOG.md), or must be undone:\n${listed}`,
    );
  } else {
    const section = changelogSection(changelog, currentVersion);
    if (!section) problems.push(`CHANGELOG.md has no section "## [${currentVersion}]" for these breaking changes:\n${listed}`);
    else {
      const unnamed = changes.breaking.filter((c) => !section.includes(nameOf(c)));
      if (unnamed.length > 0) {
        problems.push(
          `CHANGELOG.md's section for ${currentVersion} does not name these breaking changes (mention each coordinate):\n` +
            unnamed.map((c) => `  - ${c.message} (${nameOf(c)})`).join("\n"),
        );
      }
    }
  }
  const releasedSchema = buildSchema(released.sdl);
  const undeprecated = changes.breaking.filter((c) => REMOVALS.has(c.type) && c.path && deprecationReasonAt(releasedSchema, c.path) === undefined);
  if (undeprecated.length > 0) {
    problems.push(
      `Removed without being @deprecated in release ${released.version} first (deprecate, name the replacement and a removal date, release, then remove):\n` +
        undeprecated.map((c) => `  - ${c.message}`).join("\n"),
    );
  }
  return problems;
}

/** The deprecation reason of the element at a schema coordinate (`Type.field`, `Type.field.arg`, `Enum.VALUE`), if deprecated. */
function deprecationReasonAt(schema: GraphQLSchema, path: string): string | undefined {
  const [typeName, member, argument] = path.split(".");
  const type = typeName ? schema.getType(typeName) : undefined;
  if (!type || !member) return undefined;
  if (isEnumType(type)) return type.getValue(member)?.deprecationReason ?? undefined;
  if (!(isObjectType(type) || isInterfaceType(type) || isInputObjectType(type))) return undefined;
  const field = type.getFields()[member];
  if (!field) return undefined;
  if (argument === undefined) return field.deprecationReason ?? undefined;
  return "args" in field ? (field.args.find((a) => a.name === argument)?.deprecationReason ?? undefined) : undefined;
}

/**
 * How a deprecation reads: it names the replacement ("Use `Seizure.cases`") and the removal date ("removed on or
 * after 2027-06-30"), e.g. `@deprecated(reason: "Use \`caseReference\` instead; removed on or after 2027-06-30 (2.0.0).")`.
 */
const NAMES_REPLACEMENT = /\bUse `?[_A-Za-z][_0-9A-Za-z.]*/;
const NAMES_REMOVAL_DATE = /\bremov\w*\b[^.;]*\b\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b/i;

/** Every deprecated field, argument, input field and enum value whose reason lacks a replacement or a removal date. */
export function deprecationProblems(sdl: string): string[] {
  const schema = buildSchema(sdl);
  const deprecated: Array<{ coordinate: string; reason: string }> = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__")) continue;
    if (isEnumType(type)) {
      for (const value of type.getValues()) if (value.deprecationReason != null) deprecated.push({ coordinate: `${type.name}.${value.name}`, reason: value.deprecationReason });
    } else if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        const coordinate = `${type.name}.${field.name}`;
        if (field.deprecationReason != null) deprecated.push({ coordinate, reason: field.deprecationReason });
        for (const arg of "args" in field ? field.args : []) {
          if (arg.deprecationReason != null) deprecated.push({ coordinate: `${coordinate}(${arg.name}:)`, reason: arg.deprecationReason });
        }
      }
    }
  }
  return deprecated
    .filter(({ reason }) => !NAMES_REPLACEMENT.test(reason) || !NAMES_REMOVAL_DATE.test(reason))
    .map(({ coordinate, reason }) => `${coordinate}: "${reason}" must name the replacement ("Use \`…\`") and a removal date ("removed on or after YYYY-MM-DD")`);
}
