import type { Database } from "@cix/core";
import type { GraphQLResponse, TestStack } from "./stack.js";

/** Every field of a case, nested objects included, for read-back assertions. */
export const SEIZURE_FIELDS = `
  id caseNumber reportingAgency reportingCountry seizedAt commodity detectionMethod offenceType
  reviewStatus returnReason ownerAgency source createdAt updatedAt
  markings { handling tlp sourceReliability informationAccuracy }
  place { locode country countryName name subdivision coordinates { latitude longitude } functions }
  goods { id seq hsCode description quantity unit estimatedValue currency speciesName citesAppendix }
  conveyance { mode carrierName airlineCode flightNumber voyageNumber vesselImo vehicleRegistration }
  route { seq role place { locode country name coordinates { latitude longitude } } }
  concealment { method description }
  photos { sha256 mimeType caption sizeBytes addedAt }
  offenders { id }
`;

export const UPSERT = `mutation($input: SeizureInput!) { upsertSeizure(input: $input) { ${SEIZURE_FIELDS} } }`;

export interface SeizureView {
  id: string;
  caseNumber: string;
  reviewStatus: string;
  returnReason: string | null;
  seizedAt: string;
  [field: string]: unknown;
}

export async function upsertSeizure(
  stack: TestStack,
  input: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<GraphQLResponse<{ upsertSeizure: SeizureView }>> {
  return stack.query<{ upsertSeizure: SeizureView }>(UPSERT, { input }, headers);
}

/** A minimal valid input: a case number, when and what. */
export function minimalCase(caseNumber: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { caseNumber, seizedAt: "2024-03-01T10:00:00Z", commodity: "TOBACCO", ...overrides };
}

/** A Person or Company of the caller's agency, recorded through the entities subgraph; returns its id. */
export async function createParty(stack: TestStack, label: "Person" | "Company", headers: Record<string, string>): Promise<string> {
  const mutation =
    label === "Person"
      ? `mutation { created: upsertPerson(input: { fullName: "Test Offender" }) { id } }`
      : `mutation { created: upsertCompany(input: { name: "Test Offender BV" }) { id } }`;
  const res = await stack.query<{ created: { id: string } }>(mutation, {}, headers);
  if (!res.data?.created) throw new Error(`could not create a ${label}: ${JSON.stringify(res.errors)}`);
  return res.data.created.id;
}

/** Deletes every case of `agency` with its goods lines and photos, and the parties it owns. */
export async function deleteAgencyData(db: Database, agency: string): Promise<void> {
  await db.write(
    `MATCH (s:Seizure { reportingAgency: $agency })
     OPTIONAL MATCH (s)-[:GOODS|PHOTO]->(owned)
     DETACH DELETE s, owned`,
    { agency },
  );
  await db.write("MATCH (p:Person|Company { ownerAgency: $agency }) DETACH DELETE p", { agency });
}

/** The code of the first error, its message and its field (for BAD_USER_INPUT). */
export function firstError(res: GraphQLResponse<unknown>): { code: unknown; message: string; field: unknown } {
  const error = res.errors?.[0];
  return { code: error?.extensions?.code, message: error?.message ?? "", field: error?.extensions?.field };
}
