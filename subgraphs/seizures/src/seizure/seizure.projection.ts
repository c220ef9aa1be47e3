import { afterKeyset, ownedRecordFields } from "@cix/core";

/**
 * How a Seizure node (bound to `s`) is returned: its flat properties regrouped into the GraphQL shape
 * (conveyance, concealment and markings are stored as properties of the node), with the access envelope the
 * permission layer decides nominal fields on. Shared by every query that returns cases, so they all return the same shape.
 */
export const SEIZURE_PROJECTION = `s {
  .id, .caseNumber, .reportingAgency, .reportingCountry, .seizedAt, .placeLocode, .commodity, .detectionMethod,
  .offenceType, .reviewStatus, .returnReason,
  conveyance: CASE WHEN s.conveyanceMode IS NULL THEN null ELSE {
    mode: s.conveyanceMode, carrierName: s.carrierName, airlineCode: s.airlineCode, flightNumber: s.flightNumber,
    voyageNumber: s.voyageNumber, vesselImo: s.vesselImo, vehicleRegistration: s.vehicleRegistration } END,
  concealment: CASE WHEN s.concealmentMethod IS NULL THEN null ELSE {
    method: s.concealmentMethod, description: s.concealmentDescription } END,
  ${ownedRecordFields("s")}
}`;

/** Keyset condition for the `ORDER BY s.seizedAt DESC, s.id` order: strictly after the cursor's case. */
export const AFTER_CURSOR = afterKeyset("s", "seizedAt");
