import { badUserInput, foldText } from "@cix/core";
import { optionalText, textList } from "../common/text.js";
import { identifierLists, type IdentifierLists } from "../identifier/identifier.input.js";
import type { PersonInput } from "./person.types.js";

/** A validated person input, in the form it is stored. */
export interface PersonWrite {
  reference: string | null;
  props: {
    givenNames: string | null;
    familyName: string | null;
    fullName: string;
    sortName: string;
    aliases: string[];
    gender: string | null;
    nationalities: string[];
  };
  dateOfBirth: string | null;
  identifiers: IdentifierLists;
}

/** Validates a person input (throwing BAD_USER_INPUT with the field path) before anything is written. */
export function personWrite(input: PersonInput, path: string, today = new Date().toISOString().slice(0, 10)): PersonWrite {
  const givenNames = optionalText(input.givenNames, `${path}.givenNames`);
  const familyName = optionalText(input.familyName, `${path}.familyName`);
  const fullName = optionalText(input.fullName, `${path}.fullName`) ?? optionalText([givenNames, familyName].filter(Boolean).join(" "), `${path}.fullName`);
  if (fullName === null) throw badUserInput(`${path}.fullName`, "a full name, or given names and/or a family name");
  if (input.dateOfBirth && input.dateOfBirth > today) throw badUserInput(`${path}.dateOfBirth`, "a date that is not in the future");
  return {
    reference: optionalText(input.reference, `${path}.reference`),
    props: {
      givenNames,
      familyName,
      fullName,
      sortName: foldText(fullName),
      aliases: textList(input.aliases, `${path}.aliases`),
      gender: input.gender ?? null,
      nationalities: [...new Set(input.nationalities ?? [])],
    },
    dateOfBirth: input.dateOfBirth ?? null,
    identifiers: identifierLists(input, path),
  };
}
