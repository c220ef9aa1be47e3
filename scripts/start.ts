// `npm start`: the whole hub on one machine. Launches (or reuses) Neo4j, starts the three subgraphs and the
// gateway as separate processes, loads the demo data set if the database is empty, prints how to query it,
// and stops everything on Ctrl-C.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createLogger, Database, loadConfig, repoRoot, SUBGRAPH_NAMES, TokenService, type Role } from "@cix/core";
import { ensureNeo4j } from "@cix/neo4j";
import { seedDemoIfEmpty } from "@cix/seed";

const config = loadConfig();
const log = createLogger("cix", config.LOG_LEVEL);
const started = Date.now();
const children = new Map<string, ChildProcess>();
let stopping = false;

function startService(name: string, entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, entry)], { env, stdio: ["ignore", "inherit", "inherit"] });
  child.on("exit", (code, signal) => {
    children.delete(name);
    if (!stopping) log.error({ service: name, code, signal }, `${name} exited; the rest of the hub keeps running (see /readyz)`);
  });
  children.set(name, child);
  return child;
}

async function waitReady(name: string, url: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!children.has(name)) throw new Error(`${name} exited during start-up (see its log above)`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(1000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} was not ready after ${timeoutMs / 1000} s (${url})`);
}

const neo4j = await ensureNeo4j({ port: config.NEO4J_BOLT_PORT, log: (msg) => log.info(msg) }).catch((error: Error) => {
  console.error(`npm start: ${error.message}`);
  process.exit(1);
});

async function shutdown(code = 0): Promise<void> {
  // Ctrl-C reaches npm, this process and the children at once; later signals must not cut the clean stop short.
  if (stopping) return;
  stopping = true;
  const exits = [...children.values()].map((c) => new Promise((r) => c.once("exit", r)));
  for (const child of children.values()) child.kill("SIGTERM");
  await Promise.race([Promise.all(exits), new Promise((r) => setTimeout(r, 10_000))]);
  await neo4j.stop();
  process.exit(code);
}
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());

try {
  const tokens = new TokenService(config); // also creates the dev secrets file before the children read it
  const env = { ...process.env, NEO4J_URI: neo4j.uri, LOG_LEVEL: config.LOG_LEVEL };
  for (const name of SUBGRAPH_NAMES) startService(name, `subgraphs/${name}/src/main.ts`, env);
  await Promise.all(SUBGRAPH_NAMES.map((name) => waitReady(name, config.subgraphUrls[name].replace(/graphql$/, "readyz"))));
  startService("gateway", "gateway/src/main.ts", env);
  const gatewayBase = `http://localhost:${config.GATEWAY_PORT}`;
  await waitReady("gateway", `${gatewayBase}/readyz`);

  const db = Database.connect({ ...config, NEO4J_URI: neo4j.uri }, "seed");
  const seeded = await seedDemoIfEmpty(db, `${gatewayBase}/graphql`, tokens, log);
  await db.close();

  const mint = (role: Role, agency: string) =>
    tokens.mintDevToken({ sub: `${role}@${agency}`, agency, country: agency.slice(0, 2), roles: [role], operations: [] });
  const investigator = await mint("investigator", "NL-CUSTOMS");
  const analyst = await mint("analyst", "NL-CUSTOMS");
  const partner = await mint("partner", "WCO");
  console.log(`
CIX is up in ${((Date.now() - started) / 1000).toFixed(1)} s${seeded ? " (demo data loaded)" : ""}.
  GraphQL:   ${gatewayBase}/graphql        health: ${gatewayBase}/healthz   ready: ${gatewayBase}/readyz
  Neo4j:     ${neo4j.uri}${neo4j.launched ? " (embedded)" : ""}

Tokens (8 h, dev secret; mint more with: npm run token -- --role <role> --agency <AGENCY>):
  investigator NL-CUSTOMS: ${investigator}
  analyst NL-CUSTOMS:      ${analyst}
  partner WCO:             ${partner}

Try it:
  curl -s ${gatewayBase}/graphql -H 'content-type: application/json' \\
    -H "authorization: Bearer ${investigator}" -H 'x-cix-purpose: CASE-2024-001' \\
    -d '{"query":"{ shipments(first: 3, filter: { seized: true }) { nodes { trackingNumber carrier seizure { caseNumber commodity seizedAt place { name } } } } }"}'

Ctrl-C stops everything.`);
} catch (error) {
  console.error(`npm start: ${(error as Error).message}`);
  await shutdown(1);
}
