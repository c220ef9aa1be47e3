import { importRoutes } from "@cix/core";
import { orderImport } from "./order.import.js";
import { paymentImport } from "./payment.import.js";
import { shipmentImport } from "./shipment.import.js";

/** The import kinds this subgraph owns. */
export const ecommerceImportKinds = [orderImport, paymentImport, shipmentImport];

/** `POST /import/orders|payments|shipments` and the job reports, on this subgraph (the gateway proxies /import/* here). */
export const ecommerceImportRoutes = importRoutes(ecommerceImportKinds);
