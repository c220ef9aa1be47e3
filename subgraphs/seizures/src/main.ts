import { runSubgraphProcess } from "@cix/core";
import { seizuresSubgraph } from "./index.js";

await runSubgraphProcess(seizuresSubgraph);
