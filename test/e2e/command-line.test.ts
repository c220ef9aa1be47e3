import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { appendAudit, loadSecrets, repoRoot, type Database, freePort } from "@cix/core";
import { demoDecision, initialiseDatabase } from "@cix/seed";
import { testConfig, testDatabase, unique } from "../support/stack.js";

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one of the hub's command-line tools as `npm run <script>` runs it; resolves with its exit code and output. */
function run(script: string, args: string[], env: Record<string, string | undefined> = {}): Promise<Outcome> {
  const merged: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: "info", ...env };
  for (const [name, value] of Object.entries(merged)) if (value === undefined) delete merged[name];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { cwd: repoRoot, env: merged });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}


const TOOLS = [
  ["npm start", "scripts/start.ts"],
  ["npm run neo4j", "neo4j/src/cli.ts"],
  ["npm run token", "scripts/token.ts"],
  ["npm run import", "scripts/import.ts"],
  ["npm run import:bench", "scripts/import-bench.ts"],
  ["npm run rings:check", "scripts/rings-check.ts"],
  ["npm run seed", "seed/src/cli.ts"],
  ["npm run bench", "bench/run.ts"],
  ["npm run operations:purge", "scripts/purge-operations.ts"],
  ["npm run audit:verify", "scripts/audit-verify.ts"],
  ["npm run schema", "schema/generate.ts"],
  ["npm run codelists:install", "scripts/codelists-install.ts"],
  ["npm run build", "scripts/build.ts"],
] as const;

/**
 * What a tool's real run writes in the repository: generated schema files, installed code lists, the seed's
 * manifests. (dist/ and the rest of var/ are left out: other test files write them while this one runs.)
 */
function repositoryFootprint(): string {
  const entries = (dir: string, pattern = /./) =>
    readdirSync(join(repoRoot, dir))
      .filter((f) => pattern.test(f))
      .map((f) => `${dir}/${f}:${statSync(join(repoRoot, dir, f)).mtimeMs}`);
  return [...entries("schema"), ...entries("codelists"), ...entries("var", /^seed-manifest/)].sort().join("\n");
}

describe("command-line tools: --help changes nothing, a bad command line exits 2 with a clear message", () => {
  // Everything a tool might touch points somewhere observable and empty: a Neo4j home, a port nobody serves.
  let sandbox: string;
  let env: Record<string, string>;
  let footprint: string;
  beforeAll(async () => {
    sandbox = mkdtempSync(join(tmpdir(), "cix-cli-help-"));
    const port = await freePort();
    env = { CIX_NEO4J_HOME: join(sandbox, "neo4j"), NEO4J_BOLT_PORT: String(port), GATEWAY_PORT: String(await freePort()) };
    footprint = repositoryFootprint();
  });
  afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

  it.each(TOOLS)("%s", async (command, script) => {
    const help = await run(script, ["--help"], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(new RegExp(`^usage:\\s+${command}( |\\n|$)`));
    expect(help.stderr).toBe("");

    const bad = await run(script, ["--no-such-option"], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Unknown option '--no-such-option'");
    expect(bad.stderr).toContain("usage");
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    expect(bad.stdout).toBe("");
  });

  it("no --help wrote a file, started Neo4j or created its data folder", () => {
    expect(existsSync(join(sandbox, "neo4j"))).toBe(false);
    expect(repositoryFootprint()).toBe(footprint);
  });
});

describe("npm run operations:purge: names its database first; --dry-run counts and writes nothing", () => {
  let db: Database;
  const operationId = unique("purge-op");
  const personId = unique("purge-person");
  const neo4jEnv = () => ({ NEO4J_URI: inject("neo4jUri") });

  beforeAll(async () => {
    db = testDatabase("purge-test");
    // An operation closed 40 days ago with 30 days' retention, holding one record shared for the operation only.
    await db.write(
      `CREATE (op:Operation { id: $operationId, name: 'purge test', status: 'CLOSED', leadAgency: 'PURGE-TEST',
                              closedAt: datetime() - duration({ days: 40 }), endsAt: datetime() - duration({ days: 41 }), retentionDays: 30 })
       CREATE (p:Person { id: $personId, ownerAgency: 'PURGE-TEST', fullName: 'Purge Test' })-[:SHARED_IN { operationOnly: true }]->(op)`,
      { operationId, personId },
    );
  });
  afterAll(async () => {
    await db.write("MATCH (n) WHERE n.id IN [$operationId, $personId] DETACH DELETE n", { operationId, personId });
    await db.close();
  });

  const personExists = async () => (await db.read<{ n: number }>("MATCH (p:Person { id: $personId }) RETURN count(p) AS n", { personId }))[0]!.n === 1;

  it("--help leaves the expired operation's records in place", async () => {
    const help = await run("scripts/purge-operations.ts", ["--help"], neo4jEnv());
    expect(help.code).toBe(0);
    expect(await personExists()).toBe(true);
  });

  it("--dry-run says which database and how much it would purge, and purges nothing", async () => {
    const dry = await run("scripts/purge-operations.ts", ["--dry-run"], neo4jEnv());
    expect(dry.code).toBe(0);
    expect(dry.stderr).toMatch(/^operations:purge \(dry run\): Neo4j database "neo4j" at bolt:\/\/127\.0\.0\.1:\d+/);
    expect(Number(/^Would purge (\d+) operation-only records from (\d+) operations/.exec(dry.stdout)?.[1])).toBeGreaterThanOrEqual(1);
    expect(await personExists()).toBe(true);
    const [op] = await db.read<{ purgedAt: unknown }>("MATCH (op:Operation { id: $operationId }) RETURN op.purgedAt AS purgedAt", { operationId });
    expect(op?.purgedAt).toBeNull();
  });

  it("without --dry-run it purges the record and marks the operation purged", async () => {
    const real = await run("scripts/purge-operations.ts", [], neo4jEnv());
    expect(real.code).toBe(0);
    expect(real.stdout).toMatch(/^Purged \d+ operation-only records/);
    expect(await personExists()).toBe(false);
  });
});

describe("npm run audit:verify: a wrong key is reported as a wrong key, not as tampering", () => {
  it("exits 0 with the hub's key and 3, 'wrong key', with another", async () => {
    const env = { NEO4J_URI: inject("neo4jUri") };
    // The chain exists once anything was audited; a write makes sure of it in a fresh database.
    const db = testDatabase("audit-verify-test");
    try {
      await appendAudit(db, loadSecrets(testConfig()).auditKey, {
        kind: "READ",
        at: new Date().toISOString(),
        requestId: unique("req"),
        component: "test",
        sub: "cli-test",
        agency: "AUDIT-CLI",
        roles: [],
        purpose: null,
        operations: [],
        records: [],
      });
    } finally {
      await db.close();
    }
    const right = await run("scripts/audit-verify.ts", [], env);
    expect(right.stderr).toMatch(/^audit:verify: Neo4j database "neo4j" at bolt:/);
    expect(right.stdout).toMatch(/^Audit trail intact: \d+ entries\./);
    expect(right.code).toBe(0);

    const wrong = await run("scripts/audit-verify.ts", [], { ...env, CIX_AUDIT_KEY: "not-the-key-this-chain-was-started-with-0123456789" });
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toContain("wrong key");
    expect(wrong.stderr).not.toContain("BROKEN");
  });
});

describe("npm start: a Neo4j it did not start is used only when NEO4J_URI names it", () => {
  it("never marks or seeds a database that holds data without CIX's marker", async () => {
    const db = testDatabase("start-marker-test");
    const id = unique("foreign-record");
    try {
      await db.write("CREATE (:ForeignRecord { id: $id })", { id });
      expect(await initialiseDatabase(db, { demo: true })).toBeNull();
      expect(await db.read("MATCH (m:CixDatabase) RETURN m")).toEqual([]);
      const decision = await demoDecision(db, true);
      expect(decision).toMatchObject({ load: false, refused: true });
    } finally {
      await db.write("MATCH (n:ForeignRecord { id: $id }) DELETE n", { id });
      await db.close();
    }
  });

  it("refuses the test Neo4j answering on its Bolt port, and starts nothing", async () => {
    const port = new URL(inject("neo4jUri")).port;
    const sandbox = mkdtempSync(join(tmpdir(), "cix-start-foreign-"));
    try {
      const start = await run("scripts/start.ts", ["--no-demo"], { NEO4J_BOLT_PORT: port, CIX_NEO4J_HOME: join(sandbox, "neo4j"), NEO4J_URI: undefined });
      expect(start.code).toBe(1);
      expect(start.stderr).toContain("a Neo4j that CIX did not start answers at bolt://127.0.0.1:" + port);
      expect(start.stderr).toContain("NEO4J_URI");
      expect(start.stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(sandbox, { recursive: true, force: true });
    }
  });
});

describe("command-line tools: data on stdout, logs and errors on stderr, one line per error", () => {
  it("npm run import -- --template writes only the CSV to stdout", async () => {
    const template = await run("scripts/import.ts", ["--template", "seizures", "--format", "csv"]);
    expect(template.code).toBe(0);
    const [header, ...rest] = template.stdout.trimEnd().split(/\r?\n/);
    expect(header).toMatch(/^[a-zA-Z]+(,[a-zA-Z.\d[\]]+)+$/);
    expect(rest.every((line) => !line.startsWith("{"))).toBe(true);
  });

  it("a tool that cannot reach Neo4j says so in one line and exits 1", async () => {
    const verify = await run("scripts/audit-verify.ts", [], { NEO4J_URI: `bolt://127.0.0.1:${await freePort()}` });
    expect(verify.code).toBe(1);
    const lines = verify.stderr.trimEnd().split("\n");
    expect(lines.at(-1)).toMatch(/^audit:verify: /);
    expect(verify.stderr).not.toMatch(/\n\s+at /);
    expect(verify.stdout).toBe("");
  });
});
