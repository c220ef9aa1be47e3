import { importRoutes } from "@cix/core";
import { seizureImport } from "./seizure.import.js";

/** The import kinds this subgraph owns. */
export const seizuresImportKinds = [seizureImport];

/** `POST /import/seizures` and the job reports, on this subgraph (the gateway proxies /import/* here). */
export const seizuresImportRoutes = importRoutes(seizuresImportKinds);
