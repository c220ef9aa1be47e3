import type { DeclaredParty, DeclaredPartyInput } from "./declared-party.types.js";
import { optionalText, requiredText } from "../common/validate.js";

/** The roles in which a record declares a party; each is stored under its own property prefix. */
export type PartyRole = "buyer" | "seller" | "consignor" | "consignee";

const PARTS = ["Name", "Street", "City", "Postcode", "Country", "Phone", "Email"] as const;

/**
 * A declared party as node properties (`buyerName`, `buyerStreet`, … `buyerEmail`), kept as submitted (only
 * trimmed). Absent parties and parts map to null, so `SET n += props` also clears what an earlier version had.
 */
export function declaredProperties(role: PartyRole, path: string, input: DeclaredPartyInput | null | undefined): Record<string, string | null> {
  const values: Record<(typeof PARTS)[number], string | null> = input
    ? {
        Name: requiredText(`${path}.name`, input.name),
        Street: optionalText(input.address?.street),
        City: optionalText(input.address?.city),
        Postcode: optionalText(input.address?.postcode),
        Country: input.address?.country ?? null,
        Phone: optionalText(input.phone),
        Email: optionalText(input.email),
      }
    : { Name: null, Street: null, City: null, Postcode: null, Country: null, Phone: null, Email: null };
  return Object.fromEntries(PARTS.map((part) => [`${role}${part}`, values[part]]));
}

/** The declared party stored under `role` on a node's properties, or null when none was declared. */
export function declaredFromProperties(role: PartyRole, props: Record<string, unknown>): DeclaredParty | null {
  const get = (part: (typeof PARTS)[number]) => (props[`${role}${part}`] as string | null | undefined) ?? null;
  const name = get("Name");
  if (name === null) return null;
  const address = { street: get("Street"), city: get("City"), postcode: get("Postcode"), country: get("Country") };
  const hasAddress = Object.values(address).some((v) => v !== null);
  return { name, address: hasAddress ? address : null, phone: get("Phone"), email: get("Email") };
}
