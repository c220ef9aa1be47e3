import { badUserInput, foldText, registrationNumberKey } from "@cix/core";
import { optionalText } from "../common/text.js";
import { identifierLists, type IdentifierLists } from "../identifier/identifier.input.js";
import type { CompanyInput } from "./company.types.js";

/** A validated company input, in the form it is stored. */
export interface CompanyWrite {
  /** The natural key with the owner agency, when the input has one. */
  registration: { number: string; country: string } | null;
  props: { name: string; sortName: string; legalForm: string | null };
  identifiers: IdentifierLists;
}

/** Validates a company input (throwing BAD_USER_INPUT with the field path) before anything is written. */
export function companyWrite(input: CompanyInput, path: string): CompanyWrite {
  const name = optionalText(input.name, `${path}.name`);
  if (name === null) throw badUserInput(`${path}.name`, "the company's name");
  const given = optionalText(input.registrationNumber, `${path}.registrationNumber`);
  const number = given === null ? null : registrationNumberKey(given) || null;
  if (input.registrationNumber && !number) throw badUserInput(`${path}.registrationNumber`, "a registration number with letters or digits");
  if (number && !input.registrationCountry) {
    throw badUserInput(`${path}.registrationCountry`, "the country of the register when a registration number is given");
  }
  return {
    registration: number ? { number, country: input.registrationCountry! } : null,
    props: { name, sortName: foldText(name), legalForm: optionalText(input.legalForm, `${path}.legalForm`) },
    identifiers: identifierLists(input, path),
  };
}
