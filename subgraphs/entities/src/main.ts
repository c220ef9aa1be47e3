import { runSubgraphProcess } from "@cix/core";
import { entitiesSubgraph } from "./index.js";

await runSubgraphProcess(entitiesSubgraph);
