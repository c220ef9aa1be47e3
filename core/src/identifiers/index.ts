/**
 * Shared identifier nodes (Phone, Email, Address, BankAccount, IdentityDocument): normalisation to one key per
 * real-world identifier, and the only code that writes these nodes and the edges from records to them.
 */
export { foldText } from "./fold.js";
export {
  addressIdentifier,
  addressKey,
  type AddressParts,
  bankAccountIdentifier,
  type BankAccountParts,
  DOCUMENT_TYPES,
  type DocumentType,
  documentKey,
  documentNumber,
  emailIdentifier,
  emailKey,
  ibanKey,
  identifierLookup,
  type IdentifierLookup,
  IDENTIFIER_KINDS,
  type Identifier,
  type IdentifierKind,
  identityDocumentIdentifier,
  type IdentityDocumentParts,
  phoneIdentifier,
  phoneKey,
} from "./normalize.js";
export {
  DECLARED_ROLES,
  type DeclaredRole,
  IDENTIFIER_RELS,
  type IdentifierLink,
  type IdentifierRel,
  type IdentifierSlot,
  type LinkedIdentifier,
  linkIdentifiers,
  linkIdentifiersMany,
  type OwnerKeys,
  type OwnerLinks,
  RECORD_LABELS,
  type RecordLabel,
  retainIdentifiers,
  retainIdentifiersMany,
  unlinkIdentifiers,
} from "./link.js";
export { identifierSchema } from "./schema.js";
