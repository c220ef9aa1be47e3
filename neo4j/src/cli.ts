// `npm run neo4j`: run the embedded Neo4j in the foreground until Ctrl+C (SIGINT) or SIGTERM.
import { parseCommandLine } from "@cix/core";
import { ensureNeo4j } from "./index.ts";

parseCommandLine(
  { options: {} },
  `usage: npm run neo4j
  Runs the embedded Neo4j in the foreground until Ctrl-C: Bolt on 127.0.0.1:$NEO4J_BOLT_PORT (7687), data in
  $CIX_NEO4J_HOME (neo4j/data), memory $NEO4J_HEAP and $NEO4J_PAGECACHE. Does nothing when NEO4J_URI is set.`,
);

async function main(): Promise<number> {
  const external = process.env.NEO4J_URI?.trim();
  if (external) {
    console.log(`NEO4J_URI is set: CIX will use the Neo4j server at ${external}; not starting the embedded one.`);
    return 0;
  }

  const neo4j = await ensureNeo4j({ log: (msg) => console.error(`neo4j: ${msg}`) });
  if (!neo4j.launched) {
    console.log(`The embedded Neo4j already runs at ${neo4j.uri} (started by another command); nothing to do.`);
    return 0;
  }
  console.log(`Neo4j ${neo4j.version ?? ""} ready at ${neo4j.uri} (no auth). Press Ctrl+C to stop.`);

  return new Promise<number>((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      console.error(`neo4j: ${signal} received, stopping...`);
      void neo4j.stop().then(() => resolve(0));
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    void neo4j.exited?.then(({ code, signal }) => {
      if (stopping) return;
      console.error(`neo4j: the Neo4j process exited unexpectedly (${code ?? signal})`);
      resolve(1);
    });
  });
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`neo4j: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
