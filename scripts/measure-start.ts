// `npx tsx scripts/measure-start.ts [--runs 3] [--dist dist]` (after `npm run build`, with NEO4J_URI set): start-up
// time to /readyz and resident memory once ready, of the compiled build (`node dist/<name>.js`, as the image runs
// it) against the tsx build (`node --import tsx <main.ts>`), for the gateway and the seizures subgraph, in one run.
// Production profile; each start alternates compiled and tsx so both see the same machine load.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { exportJWK, generateKeyPair } from "jose";
import { parseCommandLine, repoRoot, freePort } from "@cix/core";

const USAGE = `usage: npx tsx scripts/measure-start.ts [--runs 3] [--dist dist]
  Needs NEO4J_URI and a build (npm run build). Prints the median start-up time to /readyz and RSS once ready.`;
const { values } = parseCommandLine({ options: { runs: { type: "string", default: "3" }, dist: { type: "string", default: "dist" } } }, USAGE);
const runs = Number(values.runs);
const dist = resolve(repoRoot, values.dist);
if (!process.env.NEO4J_URI || !(runs >= 1)) {
  console.error(USAGE);
  process.exit(2);
}

const SOURCES = {
  gateway: "gateway/src/main.ts",
  seizures: "subgraphs/seizures/src/main.ts",
  entities: "subgraphs/entities/src/main.ts",
  ecommerce: "subgraphs/ecommerce/src/main.ts",
} as const;
type Name = keyof typeof SOURCES;
type Build = "compiled" | "tsx";


const scratch = mkdtempSync(join(tmpdir(), "cix-measure-"));
const jwksFile = join(scratch, "jwks.json");
writeFileSync(jwksFile, JSON.stringify({ keys: [{ ...(await exportJWK((await generateKeyPair("ES256")).publicKey)), kid: "m", alg: "ES256" }] }));
const ports: Record<Name, number> = { gateway: await freePort(), seizures: await freePort(), entities: await freePort(), ecommerce: await freePort() };
const env: Record<string, string> = {
  PATH: process.env.PATH ?? "/usr/bin:/bin",
  NODE_ENV: "production",
  CIX_PROFILE: "production",
  NEO4J_URI: process.env.NEO4J_URI,
  ...(process.env.NEO4J_USER ? { NEO4J_USER: process.env.NEO4J_USER } : {}),
  ...(process.env.NEO4J_PASSWORD ? { NEO4J_PASSWORD: process.env.NEO4J_PASSWORD } : {}),
  CIX_GATEWAY_SECRET: process.env.CIX_GATEWAY_SECRET ?? "measure-only-gateway-secret-0123456789abcdef",
  CIX_AUDIT_KEY: process.env.CIX_AUDIT_KEY ?? "measure-only-audit-key-0123456789abcdefghijk",
  CIX_JWT_JWKS_FILE: jwksFile,
  LOG_LEVEL: "warn",
  ...Object.fromEntries(Object.entries(ports).map(([name, port]) => [`${name.toUpperCase()}_PORT`, String(port)])),
  ...Object.fromEntries((["seizures", "entities", "ecommerce"] as const).map((n) => [`${n.toUpperCase()}_URL`, `http://127.0.0.1:${ports[n]}/graphql`])),
};

function start(name: Name, build: Build): ChildProcess {
  const args = build === "compiled" ? [join(dist, `${name}.js`)] : ["--import", "tsx", join(repoRoot, SOURCES[name])];
  return spawn(process.execPath, args, { cwd: repoRoot, env, detached: true, stdio: ["ignore", "ignore", "inherit"] });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((ok) => {
    child.once("exit", () => ok());
    process.kill(-child.pid!, "SIGTERM");
  });
}

/** Milliseconds from spawn to the first 200 of /readyz, then RSS in MiB one second later (settled). */
async function measure(name: Name, build: Build): Promise<{ ms: number; rssMiB: number; child: ChildProcess }> {
  const started = performance.now();
  const child = start(name, build);
  const url = `http://127.0.0.1:${ports[name]}/readyz`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${build} ${name} exited with ${child.exitCode}`);
    if ((await fetch(url).then((r) => r.status, () => 0)) === 200) break;
    await new Promise((ok) => setTimeout(ok, 20));
  }
  const ms = performance.now() - started;
  await new Promise((ok) => setTimeout(ok, 1000));
  const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1]);
  return { ms, rssMiB: rssKiB / 1024, child };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const results: Record<string, { ms: number[]; rss: number[] }> = {};
const record = (key: string, r: { ms: number; rssMiB: number }) => {
  results[key] ??= { ms: [], rss: [] };
  results[key].ms.push(r.ms);
  results[key].rss.push(r.rssMiB);
};

// The gateway is ready only when the subgraphs are: entities and ecommerce (compiled) run throughout, and seizures
// is measured first and left running for the gateway's measurement of the same round.
const background = await Promise.all((["entities", "ecommerce"] as const).map((n) => measure(n, "compiled")));
try {
  for (let round = 0; round < runs; round++) {
    for (const build of ["compiled", "tsx"] as const) {
      const seizures = await measure("seizures", build);
      record(`seizures ${build}`, seizures);
      const gateway = await measure("gateway", build);
      record(`gateway ${build}`, gateway);
      await stop(gateway.child);
      await stop(seizures.child);
    }
  }
} finally {
  await Promise.all(background.map((b) => stop(b.child)));
  rmSync(scratch, { recursive: true, force: true });
}

console.log(`process   build      start to /readyz (median of ${runs})   RSS once ready (median)`);
for (const [key, { ms, rss }] of Object.entries(results)) {
  const [name, build] = key.split(" ");
  console.log(`${name!.padEnd(9)} ${build!.padEnd(10)} ${`${Math.round(median(ms))} ms`.padEnd(34)} ${median(rss).toFixed(0)} MiB   (runs: ${ms.map((m) => Math.round(m)).join(", ")} ms)`);
}
