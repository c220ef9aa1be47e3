import { badUserInput } from "@cix/core";
import { checkPeriod } from "../common/dates.js";
import { optionalText } from "../common/text.js";
import type { CompanyRoleWrite, EdgeWrite } from "./relationship.repository.js";
import { OWNERSHIP_ROLES, type CompanyRoleType } from "./relationship.types.js";

/** What a company role says besides its two parties, as the mutation's input and an import row both give it. */
export interface CompanyRoleFields {
  role: CompanyRoleType;
  sharePercentage?: number | null;
  shares?: number | null;
  since?: string | null;
  until?: string | null;
  note?: string | null;
}

/**
 * The one validation of a company role (GraphQL and import): a share only on an owner role, a percentage from 0 to
 * 100, a whole number of shares, a period that ends on or after it starts, a short note, and two different parties.
 */
export function companyRoleWrite(
  input: CompanyRoleFields,
  holderId: string,
  companyId: string,
  edge: Omit<EdgeWrite, "since" | "until">,
  companyPath = "input.companyId",
): CompanyRoleWrite {
  if (holderId === companyId) throw badUserInput(companyPath, "another party than the holder");
  const sharePercentage = input.sharePercentage ?? null;
  const shares = input.shares ?? null;
  if ((sharePercentage !== null || shares !== null) && !OWNERSHIP_ROLES.includes(input.role)) {
    throw badUserInput(sharePercentage !== null ? "input.sharePercentage" : "input.shares", `no share for ${input.role}: only ${OWNERSHIP_ROLES.join(", ")} hold shares`);
  }
  if (sharePercentage !== null && !(Number.isFinite(sharePercentage) && sharePercentage >= 0 && sharePercentage <= 100)) {
    throw badUserInput("input.sharePercentage", "a percentage from 0 to 100");
  }
  if (shares !== null && !(Number.isSafeInteger(shares) && shares >= 0)) throw badUserInput("input.shares", "a whole number of shares, 0 or more");
  const since = input.since ?? null;
  const until = input.until ?? null;
  checkPeriod(since, until, "input");
  return { holderId, companyId, role: input.role, sharePercentage, shares, note: optionalText(input.note, "input.note"), edge: { ...edge, since, until } };
}
