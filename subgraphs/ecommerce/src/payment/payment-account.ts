import { badUserInput } from "@cix/core";
import { optionalText } from "../common/validate.js";
import type { PaymentAccount, PaymentAccountInput } from "./payment.types.js";

/** The sides of a payment; each account is stored under its own property prefix. */
export type PaymentSide = "payer" | "payee";

const PARTS = ["Iban", "Bic", "Identifier", "HolderName"] as const;

/**
 * An account as node properties (`payerIban`, `payerBic`, `payerIdentifier`, `payerHolderName`), kept as
 * declared (trimmed; the IBAN in electronic format). Absent accounts and parts map to null.
 */
export function accountProperties(side: PaymentSide, input: PaymentAccountInput | null | undefined): Record<string, string | null> {
  const identifier = optionalText(input?.identifier);
  if (input && !input.iban && !identifier) throw badUserInput(`input.${side}`, "an account with an iban or an identifier");
  const values: Record<(typeof PARTS)[number], string | null> = {
    Iban: input?.iban ?? null,
    Bic: optionalText(input?.bic)?.replace(/\s+/g, "").toUpperCase() ?? null,
    Identifier: identifier,
    HolderName: optionalText(input?.holderName),
  };
  return Object.fromEntries(PARTS.map((part) => [`${side}${part}`, values[part]]));
}

/** The account stored under `side` on a node's properties, or null when none was declared. */
export function accountFromProperties(side: PaymentSide, props: Record<string, unknown>): PaymentAccount | null {
  const get = (part: (typeof PARTS)[number]) => (props[`${side}${part}`] as string | null | undefined) ?? null;
  const account = { iban: get("Iban"), bic: get("Bic"), identifier: get("Identifier"), holderName: get("HolderName") };
  return account.iban === null && account.identifier === null ? null : account;
}
