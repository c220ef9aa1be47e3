import { importRoutes } from "@cix/core";
import { companyImport } from "./company.import.js";
import { personImport } from "./person.import.js";
import { associationImport, companyRoleImport } from "./relationship.import.js";

/** The import kinds this subgraph owns. */
export const entitiesImportKinds = [personImport, companyImport, associationImport, companyRoleImport];

/** `POST /import/persons`, `/companies`, `/associations`, `/company-roles` and the job reports, on this subgraph (the gateway proxies /import/* here). */
export const entitiesImportRoutes = importRoutes(entitiesImportKinds);
