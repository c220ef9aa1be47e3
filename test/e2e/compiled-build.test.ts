import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { repoRoot, type Database, freePort } from "@cix/core";
import { deleteAgencyData } from "../support/seizures.js";
import { testDatabase, unique } from "../support/stack.js";

/**
 * The image's start, without Docker: `npm run build` into a folder laid out as the Dockerfile's runtime stage lays
 * out /app (its COPY lines, read from the Dockerfile), then the three subgraphs and the gateway as
 * `node dist/<name>.js` child processes in the production profile, with neither tsx nor NODE_PATH, against the test
 * Neo4j; user tokens are ES256 from a JWKS this test serves over HTTP, as an identity provider would.
 */

const ISSUER = "https://idp.compiled-build.test/realms/customs";
const AUDIENCE = "cix-hub";
const KID = "compiled-build";
const SERVICES = ["seizures", "entities", "ecommerce", "gateway"] as const;

/**
 * /app as the runtime stage builds it: the root manifest, the files `COPY --from=build /app/<path> <dest>` brings
 * (dist/ comes from the build below), the var/ folders the image creates. node_modules links to the repository's:
 * that `npm run build` refused nothing proves the bundles import production dependencies only.
 */
function layOutImage(app: string): void {
  const dockerfile = readFileSync(join(repoRoot, "Dockerfile"), "utf8");
  const runtime = dockerfile.slice(dockerfile.search(/^FROM \S+ AS runtime$/m));
  expect(runtime.length).toBeLessThan(dockerfile.length);
  const copies = [...runtime.matchAll(/^COPY --from=build \/app\/(\S+) (\S+)$/gm)].map(([, from, to]) => ({ from: from!, to: to! }));
  expect(copies.map((c) => c.from)).toEqual(expect.arrayContaining(["dist", "codelists", "schema/supergraph.graphql"]));
  for (const { from, to } of copies) {
    if (from === "dist") continue;
    const source = join(repoRoot, from);
    // Docker copies a folder's contents into the destination, and a file into a destination ending in "/".
    const target = statSync(source).isDirectory() || !to.endsWith("/") ? join(app, to) : join(app, to, basename(from));
    cpSync(source, target, { recursive: true });
  }
  cpSync(join(repoRoot, "package.json"), join(app, "package.json"));
  symlinkSync(join(repoRoot, "node_modules"), join(app, "node_modules"), "dir");
  mkdirSync(join(app, "var", "photos"), { recursive: true });
  mkdirSync(join(app, "var", "imports"), { recursive: true });
}

interface Running {
  child: ChildProcess;
  output: () => string;
}

/** `node dist/<name>.js` in its own process group, with exactly `env` (nothing inherited: no loader, no NODE_PATH). */
function startProcess(app: string, name: string, env: Record<string, string>): Running {
  const child = spawn(process.execPath, [join("dist", `${name}.js`)], { cwd: app, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  return { child, output: () => output };
}

function stopProcess({ child }: Running): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    process.kill(-child.pid!, "SIGTERM");
    setTimeout(() => child.exitCode === null && child.signalCode === null && process.kill(-child.pid!, "SIGKILL"), 10_000).unref();
  });
}

/** Polls a /readyz until it answers 200; fails with the process's output if it exits or stays unready. */
async function waitReady(url: string, running: Running, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (running.child.exitCode !== null) throw new Error(`exited with ${running.child.exitCode} before ${url} was ready:\n${running.output()}`);
    const status = await fetch(url).then((r) => r.status, () => 0);
    if (status === 200) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms:\n${running.output()}`);
}


function runNode(app: string, args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, args, { cwd: app, env, encoding: "utf8", timeout: 30_000 });
}

describe("the compiled build, started as the image starts it", () => {
  const agency = unique("DIST");
  let app: string;
  let env: Record<string, string>;
  let jwks: Server;
  let sign: (claims: Record<string, unknown>) => Promise<string>;
  let db: Database;
  let gatewayPort: number;
  let ports: Record<(typeof SERVICES)[number], number>;
  const running: Running[] = [];

  beforeAll(async () => {
    app = mkdtempSync(join(tmpdir(), "cix-image-"));
    layOutImage(app);
    const build = spawnSync("npm", ["run", "build", "--", "--outdir", join(app, "dist")], { cwd: repoRoot, encoding: "utf8", timeout: 120_000 });
    expect(build.status, build.stderr).toBe(0);
    expect(build.stderr).toMatch(/Built \d+ entries/);

    const { publicKey, privateKey } = await generateKeyPair("ES256");
    const jwk = { ...(await exportJWK(publicKey)), kid: KID, alg: "ES256", use: "sig" };
    jwks = createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((resolve) => jwks.listen(0, "127.0.0.1", resolve));
    sign = (claims) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: "ES256", kid: KID, typ: "JWT" })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime("10m")
        .sign(privateKey);

    gatewayPort = await freePort();
    ports = { seizures: await freePort(), entities: await freePort(), ecommerce: await freePort(), gateway: gatewayPort };
    // Only what docker-compose.yml's production services set, and what a shell has: nothing of vitest's or tsx's.
    env = {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      NODE_ENV: "production",
      CIX_PROFILE: "production",
      NEO4J_URI: inject("neo4jUri"),
      ...(process.env.NEO4J_USER ? { NEO4J_USER: process.env.NEO4J_USER } : {}),
      ...(process.env.NEO4J_PASSWORD ? { NEO4J_PASSWORD: process.env.NEO4J_PASSWORD } : {}),
      CIX_GATEWAY_SECRET: process.env.CIX_GATEWAY_SECRET!,
      // The vitest env's key: every stack on the shared test database writes one audit chain.
      CIX_AUDIT_KEY: process.env.CIX_AUDIT_KEY!,
      CIX_JWT_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`,
      CIX_JWT_ISSUER: ISSUER,
      CIX_JWT_AUDIENCE: AUDIENCE,
      SUBGRAPH_HOST: "127.0.0.1",
      SEIZURES_PORT: String(ports.seizures),
      ENTITIES_PORT: String(ports.entities),
      ECOMMERCE_PORT: String(ports.ecommerce),
      GATEWAY_PORT: String(gatewayPort),
      LOG_LEVEL: "warn",
    };
    for (const name of SERVICES) running.push(startProcess(app, name, env));
    await Promise.all(
      SERVICES.map((name, i) => waitReady(`http://127.0.0.1:${ports[name]}/readyz`, running[i]!)),
    );
    db = testDatabase("compiled-build-test");
  }, 240_000);

  afterAll(async () => {
    await Promise.all(running.map(stopProcess));
    if (db) {
      await deleteAgencyData(db, agency);
      await db.close();
    }
    await new Promise((resolve) => jwks?.close(resolve));
    if (app) rmSync(app, { recursive: true, force: true });
  });

  it("runs plain JavaScript: the processes' command lines hold no loader", () => {
    for (const { child } of running) {
      const cmdline = readFileSync(`/proc/${child.pid}/cmdline`, "utf8").split("\0").filter(Boolean);
      expect(cmdline.slice(1)).toEqual([expect.stringMatching(/^dist\/(seizures|entities|ecommerce|gateway)\.js$/)]);
      const environ = readFileSync(`/proc/${child.pid}/environ`, "utf8");
      expect(environ).not.toMatch(/(^|\0)(NODE_OPTIONS|NODE_PATH)=/);
    }
  });

  it("answers a production token's query across subgraphs, with the code lists the image ships", async () => {
    const headers = {
      "content-type": "application/json",
      authorization: `Bearer ${await sign({ sub: `investigator@${agency}`, agency, country: "NL", roles: ["investigator"], operations: [] })}`,
      "x-cix-purpose": "CASE-2024-001",
    };
    const gql = async (query: string, variables: Record<string, unknown> = {}) => {
      const res = await fetch(`http://127.0.0.1:${gatewayPort}/graphql`, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
      const body = (await res.json()) as { data?: Record<string, { id?: string } & Record<string, unknown>>; errors?: unknown };
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      expect(res.status).toBe(200);
      return body.data!;
    };
    const person = await gql('mutation { upsertPerson(input: { fullName: "Ana Compiled" }) { id } }');
    const caseNumber = unique("DIST-CASE");
    const created = await gql("mutation($input: SeizureInput!) { upsertSeizure(input: $input) { id } }", {
      input: { caseNumber, seizedAt: "2024-03-01T10:00:00Z", commodity: "TOBACCO", placeLocode: "NLRTM", offenderIds: [person.upsertPerson!.id] },
    });
    const read = await gql("query($id: ID!) { seizure(id: $id) { caseNumber place { name } offenders { ... on Person { fullName } } } }", {
      id: created.upsertSeizure!.id,
    });
    expect(read.seizure).toEqual({ caseNumber, place: { name: "Rotterdam" }, offenders: [{ fullName: "Ana Compiled" }] });

    // A development (HS256) token is refused: the processes really run the production profile.
    const forged = await fetch(`http://127.0.0.1:${gatewayPort}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer eyJhbGciOiJIUzI1NiJ9.e30.x" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(forged.status).toBe(401);
  });

  it("serves /metrics from every process, showing the operations it served and its process metrics", async () => {
    for (const name of SERVICES) {
      const res = await fetch(`http://127.0.0.1:${ports[name]}/metrics`);
      const text = await res.text();
      expect(res.status, name).toBe(200);
      expect(text, name).toMatch(/^process_resident_memory_bytes \d+/m);
      // The query test above reached the gateway and, through it, seizures and entities.
      if (name !== "ecommerce") expect(text, name).toMatch(new RegExp(`cix_graphql_operation_duration_seconds_count\\{component="${name}",`));
    }
  });

  it("passes its own health check (dist/healthcheck.js exits 0 when ready, 1 when nothing answers)", async () => {
    const ready = runNode(app, ["dist/healthcheck.js", `http://127.0.0.1:${gatewayPort}/readyz`], env);
    expect(ready.status, ready.stderr).toBe(0);
    const down = runNode(app, ["dist/healthcheck.js", `http://127.0.0.1:${await freePort()}/readyz`], env);
    expect(down.status).toBe(1);
    expect(down.stderr).toMatch(/^healthcheck: http:\/\/127\.0\.0\.1:\d+\/readyz: /);
  });

  it("runs the operator's tools from dist/", () => {
    const help = runNode(app, ["dist/audit-verify.js", "--help"], env);
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run audit:verify/);
    const bad = runNode(app, ["dist/purge-operations.js", "--no-such-option"], env);
    expect(bad.status).toBe(2);
    // Production refuses to mint development tokens, from the bundle as from the sources.
    const token = runNode(app, ["dist/token.js", "--role", "investigator"], env);
    expect(token.status).toBe(1);
    expect(token.stdout).toBe("");
    expect(token.stderr).toMatch(/^token: /);
  });
});
