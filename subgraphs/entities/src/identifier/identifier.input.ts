import {
  addressIdentifier,
  badUserInput,
  bankAccountIdentifier,
  emailIdentifier,
  identityDocumentIdentifier,
  phoneIdentifier,
  type Identifier,
  type IdentifierKind,
} from "@cix/core";
import type { AddressInput, BankAccountInput, IdentityDocumentInput, LinkIdentifierInput } from "./identifier.types.js";

/** The identifier lists of a person or company input; a list left out (null) keeps what is stored. */
export interface IdentifierListsInput {
  phones?: string[] | null;
  emails?: string[] | null;
  addresses?: AddressInput[] | null;
  bankAccounts?: BankAccountInput[] | null;
  identityDocuments?: IdentityDocumentInput[] | null;
}

export type IdentifierLists = Partial<Record<IdentifierKind, Identifier[]>>;

function each<T>(list: T[] | null | undefined, path: string, make: (item: T, itemPath: string) => Identifier): Identifier[] | undefined {
  if (list === null || list === undefined) return undefined;
  const byKey = new Map<string, Identifier>();
  list.forEach((item, i) => {
    const identifier = make(item, `${path}[${i}]`);
    if (!byKey.has(identifier.key)) byKey.set(identifier.key, identifier);
  });
  return [...byKey.values()];
}

/**
 * Validates and normalises the identifier lists of an input (duplicates written differently collapse into one).
 * Throws BAD_USER_INPUT naming the item's path, e.g. `input.bankAccounts[1].iban`, before anything is written.
 */
export function identifierLists(input: IdentifierListsInput, path: string): IdentifierLists {
  const lists: IdentifierLists = {
    Phone: each(input.phones, `${path}.phones`, (raw, p) => phoneIdentifier(raw, p)),
    Email: each(input.emails, `${path}.emails`, (raw, p) => emailIdentifier(raw, p)),
    Address: each(input.addresses, `${path}.addresses`, (a, p) => addressIdentifier(a, p)),
    BankAccount: each(input.bankAccounts, `${path}.bankAccounts`, (b, p) => bankAccountIdentifier(b, p)),
    IdentityDocument: each(input.identityDocuments, `${path}.identityDocuments`, (d, p) => identityDocumentIdentifier(d, p)),
  };
  for (const kind of Object.keys(lists) as IdentifierKind[]) if (lists[kind] === undefined) delete lists[kind];
  return lists;
}

const LINK_FIELDS = ["phone", "email", "address", "bankAccount", "identityDocument"] as const;

/** The one identifier of a `linkIdentifier` input, validated and normalised. */
export function linkedIdentifier(input: LinkIdentifierInput, path: string): Identifier {
  const given = LINK_FIELDS.filter((f) => input[f] !== null && input[f] !== undefined);
  if (given.length !== 1) throw badUserInput(path, `exactly one of ${LINK_FIELDS.join(", ")}`);
  if (input.phone) return phoneIdentifier(input.phone, `${path}.phone`);
  if (input.email) return emailIdentifier(input.email, `${path}.email`);
  if (input.address) return addressIdentifier(input.address, `${path}.address`);
  if (input.bankAccount) return bankAccountIdentifier(input.bankAccount, `${path}.bankAccount`);
  return identityDocumentIdentifier(input.identityDocument!, `${path}.identityDocument`);
}
