import { readFile } from "node:fs/promises";
import { API_VERSION, API_VERSION_HEADER } from "@cix/core";
import { Kind, parse, print, type DocumentNode, type FieldDefinitionNode } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  API_SCHEMA_FILE,
  CHANGELOG_FILE,
  SUPERGRAPH_FILE,
  compatibilityProblems,
  deprecationProblems,
  latestRelease,
  schemaChanges,
  versionOfApiSdl,
  type ApiRelease,
} from "../support/api-compatibility.js";
import { authHeaders } from "../support/auth.js";
import { send } from "../support/edge.js";
import { startTestStack, type TestStack } from "../support/stack.js";

/** The published schema as a contract (issue 19, items 1–3). */

const apiSdl = await readFile(API_SCHEMA_FILE, "utf8");
const changelog = await readFile(CHANGELOG_FILE, "utf8");

/** A copy of `sdl` with one field definition of `typeName` changed (or removed, when `change` returns null). */
function editField(sdl: string, typeName: string, fieldName: string, change: (field: FieldDefinitionNode) => FieldDefinitionNode | null): string {
  const document = parse(sdl);
  let found = false;
  const definitions = document.definitions.map((definition) => {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION || definition.name.value !== typeName) return definition;
    const fields = (definition.fields ?? []).flatMap((field) => {
      if (field.name.value !== fieldName) return [field];
      found = true;
      const changed = change(field);
      return changed ? [changed] : [];
    });
    return { ...definition, fields };
  });
  if (!found) throw new Error(`${typeName}.${fieldName} is not in the schema`);
  return print({ ...document, definitions } as DocumentNode);
}

/** `Type.field` → description of every object and interface field in `document` that `select` picks. */
function fieldDescriptions(document: DocumentNode, select: (field: FieldDefinitionNode) => boolean = () => true): Map<string, string> {
  const out = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    for (const field of definition.fields ?? []) if (select(field)) out.set(`${definition.name.value}.${field.name.value}`, field.description?.value ?? "");
  }
  return out;
}

const toInt = (field: FieldDefinitionNode): FieldDefinitionNode => ({
  ...field,
  type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: "Int" } } },
});

function deprecated(field: FieldDefinitionNode, reason: string): FieldDefinitionNode {
  const directive = {
    kind: Kind.DIRECTIVE,
    name: { kind: Kind.NAME, value: "deprecated" },
    arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: "reason" }, value: { kind: Kind.STRING, value: reason } }],
  } as const;
  return { ...field, directives: [...(field.directives ?? []), directive] };
}

describe("schema/api.graphql against the last release", () => {
  it("has no breaking change unless the major version is raised and CHANGELOG.md names each one; lists dangerous changes", async () => {
    const released = await latestRelease();
    const changes = await schemaChanges(released.sdl, apiSdl);
    if (changes.dangerous.length > 0) {
      console.error(`Dangerous API changes since ${released.version} (safe for existing clients only if they cope):\n${changes.dangerous.map((c) => `  - ${c.message}`).join("\n")}`);
    }
    expect(compatibilityProblems({ released, currentVersion: API_VERSION, changes, changelog })).toEqual([]);
  });

  it("CHANGELOG.md has an Unreleased section and one for every released schema version", async () => {
    expect(changelog).toMatch(/^## \[Unreleased\]/m);
    const released = await latestRelease();
    expect(changelog).toMatch(new RegExp(`^## \\[${released.version.replaceAll(".", "\\.")}\\] - \\d{4}-\\d{2}-\\d{2}$`, "m"));
  });
});

describe("the breaking-change check can fail", () => {
  const release: ApiRelease = { version: "1.0.0", sdl: apiSdl };

  it("reports a field's type change as breaking, naming it in inspector's words, unless the major version is raised", async () => {
    const changed = editField(apiSdl, "Seizure", "caseNumber", toInt);
    const changes = await schemaChanges(release.sdl, changed);
    expect(changes.breaking.map((c) => c.path)).toEqual(["Seizure.caseNumber"]);

    const sameMajor = compatibilityProblems({ released: release, currentVersion: "1.1.0", changes, changelog: "" });
    expect(sameMajor).toHaveLength(1);
    expect(sameMajor[0]).toContain("need a new major version");
    expect(sameMajor[0]).toContain(changes.breaking[0]!.message);

    const unrecorded = compatibilityProblems({ released: release, currentVersion: "2.0.0", changes, changelog: "## [2.0.0] - 2027-01-01\n### Changed\n- Other things.\n" });
    expect(unrecorded.join("\n")).toMatch(/does not name these breaking changes[\s\S]*Seizure\.caseNumber/);
    expect(compatibilityProblems({ released: release, currentVersion: "2.0.0", changes, changelog: "## [1.0.0] - 2026-12-05\n- Seizure.caseNumber\n" })[0]).toContain('no section "## [2.0.0]"');

    const recorded = "## [2.0.0] - 2027-01-01\n### Changed\n- **Breaking:** `Seizure.caseNumber` is an Int.\n\n## [1.0.0] - 2026-12-05\n";
    expect(compatibilityProblems({ released: release, currentVersion: "2.0.0", changes, changelog: recorded })).toEqual([]);
  });

  it("refuses removing a field the release had not deprecated, even in a new major version", async () => {
    const removed = editField(apiSdl, "Seizure", "caseNumber", () => null);
    const changes = await schemaChanges(release.sdl, removed);
    const recorded = "## [2.0.0] - 2027-01-01\n### Removed\n- `Seizure.caseNumber`.\n";
    const problems = compatibilityProblems({ released: release, currentVersion: "2.0.0", changes, changelog: recorded });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/without being @deprecated in release 1\.0\.0[\s\S]*caseNumber/);

    const deprecatedFirst = { version: "1.0.0", sdl: editField(apiSdl, "Seizure", "caseNumber", (f) => deprecated(f, "Use `Seizure.id` instead; removed on or after 2027-06-30 (2.0.0).")) };
    const afterDeprecation = await schemaChanges(deprecatedFirst.sdl, removed);
    expect(compatibilityProblems({ released: deprecatedFirst, currentVersion: "2.0.0", changes: afterDeprecation, changelog: recorded })).toEqual([]);
  });

  it("refuses a version older than the last release", async () => {
    const changes = await schemaChanges(apiSdl, apiSdl);
    expect(changes.breaking).toEqual([]);
    expect(compatibilityProblems({ released: { version: "1.2.0", sdl: apiSdl }, currentVersion: "1.1.9", changes, changelog })).toEqual([
      "API version 1.1.9 is older than the last release 1.2.0.",
    ]);
  });
});

describe("deprecations", () => {
  it("every @deprecated reason in schema/api.graphql names a replacement and a removal date", () => {
    expect(deprecationProblems(apiSdl)).toEqual([]);
  });

  it("the rule refuses a reason without a replacement or without a removal date, and accepts one with both", () => {
    const withReason = (reason: string) => editField(apiSdl, "Seizure", "caseNumber", (f) => deprecated(f, reason));
    expect(deprecationProblems(withReason("No longer used."))).toEqual([expect.stringContaining("Seizure.caseNumber")]);
    expect(deprecationProblems(withReason("Use `Seizure.id` instead."))).toEqual([expect.stringContaining("removal date")]);
    expect(deprecationProblems(withReason("Removed on or after 2027-06-30."))).toHaveLength(1);
    expect(deprecationProblems(withReason("Use `Seizure.id` instead; removed on or after 2027-06-30 (2.0.0)."))).toEqual([]);
  });
});

describe("schema/api.graphql is the client's schema", () => {
  it("holds no federation internals and no internal URLs", () => {
    for (const internal of ["join__", "link__", "@link", "@inaccessible", "@composeDirective", "_entities", "_service", "http://"]) {
      expect(apiSdl, internal).not.toContain(internal);
    }
    expect(apiSdl).toMatch(/^type Query \{/m);
  });

  it("carries API_VERSION in its header", () => {
    expect(versionOfApiSdl(apiSdl)).toBe(API_VERSION);
  });

  it("says on every field the supergraph marks @nominal that it is personal data and who may read it", async () => {
    const supergraph = parse(await readFile(SUPERGRAPH_FILE, "utf8"));
    const published = fieldDescriptions(parse(apiSdl));
    const nominal = [...fieldDescriptions(supergraph, (field) => field.directives?.some((d) => d.name.value === "nominal") ?? false).keys()];
    expect(nominal.length).toBeGreaterThan(50);
    const undescribed = nominal.filter((coordinate) => !/Personal data: only investigators and supervisors who state a purpose/.test(published.get(coordinate) ?? ""));
    expect(undescribed).toEqual([]);
  });
});

describe("the gateway says which API version answered", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack.stop();
  });

  it(`sends ${API_VERSION_HEADER} on GraphQL answers, refusals, health checks and unknown paths`, async () => {
    const headers = await authHeaders({ role: "analyst", agency: "TEST-APIVERSION" });
    const answered = await send(stack.gatewayUrl, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query: "{ __typename }" }) });
    expect(answered.status).toBe(200);
    const unauthenticated = await send(stack.gatewayUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ __typename }" }) });
    expect(unauthenticated.status).toBe(401);
    const health = await send(stack.gatewayUrl.replace(/\/graphql$/, "/healthz"));
    expect(health.status).toBe(200);
    const unknown = await send(stack.gatewayUrl.replace(/\/graphql$/, "/no-such-path"));
    expect(unknown.status).toBe(404);
    for (const reply of [answered, unauthenticated, health, unknown]) expect(reply.headers.get(API_VERSION_HEADER)).toBe(API_VERSION);
  });
});
