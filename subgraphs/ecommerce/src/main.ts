import { runSubgraphProcess } from "@cix/core";
import { ecommerceSubgraph } from "./index.js";

await runSubgraphProcess(ecommerceSubgraph);
