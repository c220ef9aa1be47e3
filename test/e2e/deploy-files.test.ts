import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repoRoot } from "@cix/core";

// `docker compose config` needs Docker, which CI does not have: the compose file is checked against the Compose
// Specification's JSON schema instead (test/support/compose-spec.json, from github.com/compose-spec/compose-spec
// schema/compose-spec.json at commit 170098ba07d9, Apache-2.0); .ci/run lints the Dockerfile with hadolint.

interface Service {
  profiles?: string[];
  command?: string[];
  restart?: string;
  environment?: Record<string, string | null>;
  healthcheck?: { test?: string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  ports?: string[];
}

const read = (file: string) => readFileSync(join(repoRoot, file), "utf8");
// Compose reads YAML 1.1 merge keys (`<<: *anchor`), which the file uses to share settings between services.
const compose = parse(read("docker-compose.yml"), { merge: true }) as { services: Record<string, Service> };
const services = Object.entries(compose.services);

/** `.env.example` as Compose reads `.env`: NAME=value lines, comments and blank lines skipped. */
const envExample = new Map(
  read(".env.example")
    .split("\n")
    .filter((line) => /^[A-Z_][A-Z0-9_]*=/.test(line))
    .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)] as const),
);

/** Every string value of a parsed YAML document (Compose interpolates values, never comments or keys). */
function strings(node: unknown): string[] {
  if (typeof node === "string") return [node];
  if (Array.isArray(node)) return node.flatMap(strings);
  return node && typeof node === "object" ? Object.values(node).flatMap(strings) : [];
}

/** Every `${NAME…}` in the compose file (`$${…}` is a literal dollar for the container's shell), with its form. */
const references = strings(compose)
  .flatMap((value) => [...value.matchAll(/(?<!\$)\$\{([A-Z_][A-Z0-9_]*)(:\?|:-)?/g)])
  .map(([, name, form]) => ({ name: name!, required: form === ":?" }));

/** Compose's interpolation of every value with `env`: a `:?` variable unset or empty throws, as Compose stops. */
function interpolate<T>(node: T, env: Map<string, string>): T {
  if (typeof node === "string") {
    return node
      .replace(/(?<!\$)\$\{([A-Z_][A-Z0-9_]*)(?::([?-])([^}]*))?\}/g, (_all, name: string, op?: string, arg?: string) => {
        const value = env.get(name) ?? "";
        if (op === "?" && value === "") throw new Error(`${name}: ${arg}`);
        return op === "-" && value === "" ? arg! : value;
      })
      .replaceAll("$$", "$") as T;
  }
  if (Array.isArray(node)) return node.map((item: unknown) => interpolate(item, env)) as T;
  if (node && typeof node === "object") return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, interpolate(value, env)])) as T;
  return node;
}

/** The entries `npm run build` makes (dist/<name>.js), read from scripts/build.ts's ENTRIES without running it. */
const buildEntries = (() => {
  const block = /const ENTRIES[^{]*\{([^}]*)\}/.exec(read("scripts/build.ts"))?.[1] ?? "";
  return new Set([...block.matchAll(/^\s*"?([\w-]+)"?:\s*"[^"]+\.ts"/gm)].map(([, name]) => name!));
})();

describe("docker-compose.yml", () => {
  it("is valid under the Compose Specification's schema, and the schema does catch a wrong file", () => {
    const schema = JSON.parse(read("test/support/compose-spec.json")) as Record<string, unknown>;
    // Ajv knows draft-07 as "http://json-schema.org/draft-07/schema#"; the spec writes it with https.
    delete schema.$schema;
    // The spec writes union types (["string", "number"]), which Ajv's strict mode only warns about at length.
    const validate = new Ajv({ allErrors: true, allowUnionTypes: true, strictTypes: false }).compile(schema);
    expect(validate(compose), JSON.stringify(validate.errors)).toBe(true);

    const wrong = structuredClone(compose) as { services: Record<string, Record<string, unknown>> };
    wrong.services.gateway!.healthcheck = { test: ["CMD", "true"], interval: 10, retry: 3 };
    expect(validate(wrong)).toBe(false);
  });

  it("uses only variables .env.example lists, and .env.example lists nothing else", () => {
    const used = new Set(references.map((r) => r.name));
    expect([...used].filter((name) => !envExample.has(name))).toEqual([]);
    // COMPOSE_PROFILES is Compose's own setting: it must name a profile the file defines.
    const listed = [...envExample.keys()].filter((name) => name !== "COMPOSE_PROFILES");
    expect(listed.filter((name) => !used.has(name))).toEqual([]);
    const profiles = new Set(services.flatMap(([, s]) => s.profiles ?? []));
    expect(profiles).toEqual(new Set(["production", "demo"]));
    expect(profiles.has(envExample.get("COMPOSE_PROFILES")!)).toBe(true);
  });

  it("refuses to start until .env has the three secrets, and needs nothing else from the example", () => {
    const required = [...new Set(references.filter((r) => r.required).map((r) => r.name))];
    const unfilled = required.filter((name) => !envExample.get(name));
    expect(unfilled.sort()).toEqual(["CIX_AUDIT_KEY", "CIX_GATEWAY_SECRET", "NEO4J_PASSWORD"]);
    expect(() => interpolate(compose, envExample)).toThrow(/NEO4J_PASSWORD|CIX_GATEWAY_SECRET|CIX_AUDIT_KEY/);

    const filled = new Map([...envExample, ...unfilled.map((name) => [name, "x".repeat(48)] as const)]);
    const gateway = interpolate(compose, filled).services.gateway!;
    expect(gateway.environment).toMatchObject({ CIX_PROFILE: "production", CIX_AUDIT_KEY: "x".repeat(48), CIX_JWT_AUDIENCE: "cix-hub" });
    expect(gateway.ports).toEqual(["4000:4000"]);
  });

  it("passes every production process the variables production refuses to start without", () => {
    for (const [name, service] of services.filter(([, s]) => s.profiles?.includes("production"))) {
      for (const variable of ["CIX_GATEWAY_SECRET", "CIX_AUDIT_KEY", "CIX_JWT_JWKS_URL", "CIX_JWT_ISSUER", "NEO4J_PASSWORD"]) {
        expect(service.environment?.[variable], `${name} ${variable}`).toMatch(new RegExp(`^\\$\\{${variable}:\\?`));
      }
      expect(service.environment?.CIX_PROFILE, name).toBe("production");
      expect(service.environment, name).not.toHaveProperty("CIX_JWT_SECRET");
    }
  });

  it("runs every service but neo4j as `node dist/<entry>.js` of a built entry, with a health check on its own port", () => {
    expect(buildEntries.size).toBeGreaterThanOrEqual(10);
    const apps = services.filter(([name]) => name !== "neo4j");
    expect(apps.map(([name]) => name).sort()).toEqual(
      ["demo-ecommerce", "demo-entities", "demo-gateway", "demo-seizures", "ecommerce", "entities", "gateway", "seed", "seizures", "token"].sort(),
    );
    for (const [name, service] of apps) {
      const [node, script] = service.command ?? [];
      expect(node, name).toBe("node");
      const entry = /^dist\/([\w-]+)\.js$/.exec(script ?? "")?.[1];
      expect(entry && buildEntries.has(entry), `${name} runs ${script}`).toBe(true);
      if (service.restart === "no") {
        // One-shot tools (seed, token) would otherwise inherit the image's HEALTHCHECK on the gateway's port.
        expect(service.healthcheck, name).toEqual({ disable: true });
        continue;
      }
      const port = Object.entries(service.environment ?? {}).find(([key]) => /^(GATEWAY|SEIZURES|ENTITIES|ECOMMERCE)_PORT$/.test(key))?.[1];
      expect(port, `${name} sets its port`).toMatch(/^\d+$/);
      expect(service.healthcheck?.test, name).toEqual(["CMD", "node", "dist/healthcheck.js", `http://127.0.0.1:${port}/readyz`]);
    }
  });

  it("starts each process after what it needs is healthy (or, for the demo's token secret, done)", () => {
    for (const [name, service] of services) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        const target = compose.services[dependency];
        expect(target, `${name} depends on ${dependency}`).toBeDefined();
        if (condition === "service_completed_successfully") {
          expect(target!.restart, `${dependency} is one-shot`).toBe("no");
          continue;
        }
        expect(condition, `${name} → ${dependency}`).toBe("service_healthy");
        expect(target!.healthcheck?.test, `${dependency} has a health check`).toBeDefined();
        // A dependency in another profile would never start.
        expect(target!.profiles === undefined || target!.profiles.some((p) => service.profiles?.includes(p)), `${name} → ${dependency}`).toBe(true);
      }
    }
    expect(compose.services.gateway!.depends_on).toEqual({ seizures: { condition: "service_healthy" }, entities: { condition: "service_healthy" }, ecommerce: { condition: "service_healthy" } });
    expect(compose.services.seed!.command).toEqual(["node", "dist/seed.js", "--scale", "demo", "--gateway", "http://demo-gateway:4000/graphql"]);
  });

  it("gives the processes that write files a volume over the image's var/ folders (created there for uid 1000)", () => {
    expect(compose.services.seizures!.volumes).toEqual(expect.arrayContaining(["photos:/app/var/photos", "imports:/app/var/imports"]));
    for (const name of ["entities", "ecommerce"]) expect(compose.services[name]!.volumes).toContain("imports:/app/var/imports");
    for (const [name, service] of services.filter(([, s]) => s.profiles?.includes("demo"))) expect(service.volumes, name).toContain("demo-var:/app/var");
    const dockerfile = read("Dockerfile");
    expect(dockerfile).toMatch(/RUN mkdir -p var\/photos var\/imports && chown -R node:node var/);
    expect(dockerfile).toMatch(/^USER 1000:1000$/m);
  });
});

describe("Dockerfile", () => {
  // hadolint lints the Dockerfile itself in .ci/run (a static binary from PyPI, not an npm package).
  it("keeps dist/, the data and secrets out of the build context", () => {
    const ignored = read(".dockerignore").split("\n").map((line) => line.trim());
    for (const entry of ["node_modules", "dist", "var", ".git", ".env", "neo4j/target", "neo4j/data*"]) expect(ignored).toContain(entry);
    expect(read(".gitignore").split("\n")).toEqual(expect.arrayContaining([".env", "/dist/"]));
  });
});
