import { IDENTIFIER_KINDS, type IdentifierKind } from "./normalize.js";

const CONSTRAINT_PREFIX: Record<IdentifierKind, string> = {
  Phone: "phone",
  Email: "email",
  Address: "address",
  BankAccount: "bank_account",
  IdentityDocument: "identity_document",
};

/**
 * Neo4j schema of the identifier nodes: `key` and `id` unique per label (the key constraint also makes
 * concurrent MERGEs of one identifier safe), and document numbers indexed for search by number alone.
 */
export const identifierSchema: readonly string[] = [
  ...IDENTIFIER_KINDS.flatMap((kind) => [
    `CREATE CONSTRAINT ${CONSTRAINT_PREFIX[kind]}_key IF NOT EXISTS FOR (n:${kind}) REQUIRE n.key IS UNIQUE`,
    `CREATE CONSTRAINT ${CONSTRAINT_PREFIX[kind]}_id IF NOT EXISTS FOR (n:${kind}) REQUIRE n.id IS UNIQUE`,
  ]),
  "CREATE INDEX identity_document_number IF NOT EXISTS FOR (n:IdentityDocument) ON (n.number)",
];
