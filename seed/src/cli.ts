// `npm run seed -- --scale demo [--seed N] [--gateway <url>]`: loads a generated data set into a running hub through
// its gateway (default: the configured one, GATEWAY_PORT) and writes var/seed-manifest.json.
// `npm run seed -- --scale cen [--fraction 0.01] [--seed N]`: the CEN-scale set through the import engine (cen.ts).
import { createLogger, describeDatabase, loadConfig, parseCommandLine, TokenService } from "@cix/core";
import { CEN_MANIFEST_PATH, runCen } from "./cen.js";
import { DEMO_SEED } from "./demo.js";
import { generateDataset } from "./generate.js";
import { loadPlan } from "./load-graphql.js";
import { buildManifest, writeManifest } from "./manifest.js";

const USAGE = `usage: npm run seed -- --scale demo|cen [--seed N] [--fraction F (cen)] [--gateway <url> (demo)]
  demo: through the running hub's gateway (default: the configured one, http://localhost:$GATEWAY_PORT/graphql)
  cen:  through the import engine straight into the configured Neo4j (NEO4J_URI)`;

const { values } = parseCommandLine({
  options: {
    scale: { type: "string", default: "demo" },
    seed: { type: "string", default: String(DEMO_SEED) },
    gateway: { type: "string" },
    fraction: { type: "string", default: "1" },
  },
}, USAGE);

if (values.scale !== "demo" && values.scale !== "cen") {
  console.error(`Unknown scale "${values.scale}"\n${USAGE}`);
  process.exit(2);
}
const seed = Number(values.seed);
if (!Number.isSafeInteger(seed)) {
  console.error(`--seed must be a whole number, got "${values.seed}"\n${USAGE}`);
  process.exit(2);
}

if (values.scale === "cen") {
  const fraction = Number(values.fraction);
  if (!(fraction > 0 && fraction <= 1)) {
    console.error(`--fraction must be a number in (0, 1], got "${values.fraction}"\n${USAGE}`);
    process.exit(2);
  }
  console.error(`seed: loading the CEN-scale data set into ${describeDatabase(loadConfig())}`);
  try {
    const result = await runCen(seed, fraction);
    console.log(JSON.stringify({ scale: "cen", fraction, seed, seconds: Math.round(result.ms / 100) / 10, phases: result.phases }));
    console.log(`Manifest of the planted rings: ${CEN_MANIFEST_PATH}`);
    process.exit(0);
  } catch (error) {
    console.error(`npm run seed: ${(error as Error).message}`);
    process.exit(1);
  }
}

const config = loadConfig();
const gatewayUrl = values.gateway ?? config.gatewayUrl;
const readyUrl = new URL("/readyz", gatewayUrl).toString();
try {
  const res = await fetch(readyUrl, { signal: AbortSignal.timeout(3000) });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
} catch (error) {
  console.error(`The hub is not ready at ${readyUrl} (${(error as Error).message}). Start it with \`npm start\`, or pass --gateway.`);
  process.exit(1);
}

console.error(`seed: loading the demo data set through the gateway at ${gatewayUrl}, into the database that hub uses`);
const log = createLogger("seed", config.LOG_LEVEL);
try {
  const plan = generateDataset({ scale: "demo", seed });
  const loaded = await loadPlan(plan, { gatewayUrl, tokens: new TokenService(config), log });
  const manifest = await writeManifest(buildManifest(plan, loaded));
  console.log(`Loaded the demo data set (seed ${seed}) in ${(loaded.ms / 1000).toFixed(1)} s: ${JSON.stringify(loaded.counts)}`);
  for (const reason of loaded.skipped) console.log(`Skipped: ${reason}`);
  console.log(`Manifest of the planted rings: ${manifest}`);
} catch (error) {
  console.error(`npm run seed: ${(error as Error).message}`);
  process.exit(1);
}
