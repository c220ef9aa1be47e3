import { ownedRecordFields } from "@cix/core";

/**
 * Cypher map projection of a Person or Company node bound to `v` (a variable name from repository code, never
 * input) into a `PartyRow`: record fields with the access envelope, the fields of both types (absent ones are
 * null) and `__typename` for the interface's resolveType.
 */
export function partyFields(v: string): string {
  return `${v} { .id, ${ownedRecordFields(v)},
    name: coalesce(${v}.fullName, ${v}.name),
    .reference, .givenNames, .familyName, .fullName, aliases: coalesce(${v}.aliases, []), dateOfBirth: ${v}.dateOfBirth,
    .gender, nationalities: coalesce(${v}.nationalities, []),
    .registrationNumber, .registrationCountry, .legalForm,
    __typename: CASE WHEN ${v}:Person THEN 'Person' ELSE 'Company' END }`;
}

/** Name of the full-text index over person names, aliases and company names. */
export const PARTY_NAMES_INDEX = "party_names";

/**
 * Schema shared by persons and companies: the `Party` label both carry (one id lookup for either kind), and the
 * full-text index for name search. `standard-folding` folds accents ("Müller" = "Muller") and lower-cases.
 */
export const partySchema: readonly string[] = [
  "CREATE CONSTRAINT party_id IF NOT EXISTS FOR (n:Party) REQUIRE n.id IS UNIQUE",
  `CREATE FULLTEXT INDEX ${PARTY_NAMES_INDEX} IF NOT EXISTS FOR (n:Person|Company) ON EACH [n.fullName, n.aliases, n.name]
     OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'standard-folding' } }`,
];
