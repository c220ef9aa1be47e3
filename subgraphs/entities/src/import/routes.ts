import { importRoutes } from "@cix/core";
import { companyImport } from "./company.import.js";
import { personImport } from "./person.import.js";

/** The import kinds this subgraph owns. */
export const entitiesImportKinds = [personImport, companyImport];

/** `POST /import/persons`, `POST /import/companies` and the job reports, on this subgraph (the gateway proxies /import/* here). */
export const entitiesImportRoutes = importRoutes(entitiesImportKinds);
