// `npm start [-- --no-demo]`: the whole hub on one machine. Launches the embedded Neo4j (or uses the one NEO4J_URI
// names), marks an empty database as CIX's, starts the three subgraphs and the gateway as separate processes, loads
// the demo data set into a database CIX initialised for it, prints how to query it, and stops everything on Ctrl-C.
// Every part it started is supervised (scripts/supervisor.ts): one that exits on its own is started again.
import { createLogger, Database, demoDataWanted, describeDatabase, loadConfig, parseCommandLine, SUBGRAPH_NAMES, TokenService, type Role } from "@cix/core";
import { ensureNeo4j, type Neo4jHandle } from "@cix/neo4j";
import { demoDecision, initialiseDatabase, loadDemoDataSet } from "@cix/seed";
import { startServiceProcess } from "./service-process.js";
import { Supervisor, type Running } from "./supervisor.js";

const USAGE = `usage: npm start [-- --no-demo | --demo]
  Starts Neo4j (the embedded one, unless NEO4J_URI names one), the three subgraphs and the gateway.
  --no-demo  do not load the demo data set (or CIX_DEMO=0)
  --demo     load it into the database NEO4J_URI names too (or CIX_DEMO=1); off there by default
  The demo data goes only into a database CIX initialised for it: an empty database gets CIX's marker
  (:CixDatabase {id, createdAt, demo}) on first start, and a database with data but no marker is never seeded.`;

const { values } = parseCommandLine({ options: { demo: { type: "boolean" }, "no-demo": { type: "boolean" } } }, USAGE);
if (values.demo && values["no-demo"]) {
  console.error(`--demo and --no-demo contradict each other\n${USAGE}`);
  process.exit(2);
}

const config = loadConfig();
const demo = values["no-demo"] ? false : values.demo ? true : demoDataWanted(config);
const log = createLogger("cix", config.LOG_LEVEL);
const started = Date.now();
// Two supervisors, so that the services stop (and drain) before the database they use.
const services = new Supervisor(log);
const database = new Supervisor(log);
let stopping = false;

function startService(name: string, entry: string, env: NodeJS.ProcessEnv): Promise<Running> {
  return services.add(name, () => startServiceProcess(entry, env));
}

async function waitReady(name: string, url: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    // A start can lose a race (subgraphs creating the same indexes at once) and succeed when restarted; a bad
    // setting or a taken port fails every time, so a third exit before the first answer ends the start.
    if (services.exits(name) >= 3) throw new Error(`${name} exited ${services.exits(name)} times during start-up (see its log above)`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(1000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} was not ready after ${timeoutMs / 1000} s (${url})`);
}

/** A Neo4j this process launched, as a run the supervisor watches (a reused or external one cannot be). */
function launchedRun(handle: Neo4jHandle): Running {
  if (!handle.exited) throw new Error(`a Neo4j this process did not launch now answers at ${handle.uri}`);
  return { exited: handle.exited, stop: handle.stop };
}

const launchNeo4j = () => ensureNeo4j({ port: config.NEO4J_BOLT_PORT, log: (msg) => log.info(msg) });
const neo4j = await launchNeo4j().catch((error: Error) => {
  console.error(`npm start: ${error.message}`);
  process.exit(1);
});
// The embedded Neo4j is restarted like the services when it dies: they answer SERVICE_UNAVAILABLE meanwhile and
// reconnect on their own, so the hub recovers without anyone restarting it. One it did not launch is not ours to restart.
if (neo4j.launched) await database.add("neo4j", async () => launchedRun(await launchNeo4j()), launchedRun(neo4j));
const dbConfig = { ...config, NEO4J_URI: neo4j.uri };
log.info(`${describeDatabase(dbConfig)}${neo4j.launched ? " (embedded)" : ""}; demo data ${demo ? "on" : "off"}`);
const db = Database.connect(dbConfig, "start");

async function shutdown(code = 0): Promise<void> {
  // Ctrl-C reaches npm, this process and the embedded Neo4j (the services run in their own process groups); later
  // signals must not cut the clean stop short.
  if (stopping) return;
  stopping = true;
  database.holdRestarts();
  await services.stop();
  await db.close();
  await database.stop();
  process.exit(code);
}
process.on("SIGINT", () => void shutdown());
process.on("SIGTERM", () => void shutdown());

try {
  // Before the services start, so that "empty" means nothing wrote to it yet.
  const marker = await initialiseDatabase(db, { demo });
  const tokens = new TokenService(config); // also creates the dev secrets file before the children read it
  const env = { ...process.env, NEO4J_URI: neo4j.uri, LOG_LEVEL: config.LOG_LEVEL };
  for (const name of SUBGRAPH_NAMES) await startService(name, `subgraphs/${name}/src/main.ts`, env);
  await Promise.all(SUBGRAPH_NAMES.map((name) => waitReady(name, config.subgraphUrls[name].replace(/graphql$/, "readyz"))));
  await startService("gateway", "gateway/src/main.ts", env);
  const gatewayBase = config.gatewayUrl.replace(/\/graphql$/, "");
  await waitReady("gateway", `${gatewayBase}/readyz`);

  const decision = await demoDecision(db, demo);
  if (decision.load) await loadDemoDataSet(config.gatewayUrl, tokens, log);
  else if (decision.refused) log.warn(`Demo data not loaded: ${decision.reason}`);

  const mint = (role: Role, agency: string) =>
    tokens.mintDevToken({ sub: `${role}@${agency}`, agency, country: agency.slice(0, 2), roles: [role], operations: [] });
  const investigator = await mint("investigator", "NL-CUSTOMS");
  const analyst = await mint("analyst", "NL-CUSTOMS");
  const partner = await mint("partner", "WCO");
  console.log(`
CIX is up in ${((Date.now() - started) / 1000).toFixed(1)} s${decision.load ? " (demo data loaded)" : ""}.
  GraphQL:   ${config.gatewayUrl}        health: ${gatewayBase}/healthz   ready: ${gatewayBase}/readyz
  Neo4j:     ${describeDatabase(dbConfig)}${neo4j.launched ? " (embedded)" : ""}, ${
    marker ? `initialised by CIX at ${marker.createdAt}${marker.demo ? " for the demo" : ""}` : "not initialised by CIX (no :CixDatabase marker)"
  }
  Demo data: ${decision.load ? "loaded" : `not loaded: ${decision.reason}`}${demo ? "" : " (--demo or CIX_DEMO=1 loads it into a database CIX initialised for it)"}

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
