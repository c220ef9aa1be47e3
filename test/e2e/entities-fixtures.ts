import { randomInt } from "node:crypto";
import type { TestStack } from "../support/stack.js";

/** A Dutch mobile number no other test uses, written three ways. */
export function mobile() {
  const rest = String(randomInt(0, 10_000_000)).padStart(7, "0");
  return { spaced: `+31 6 1${rest.slice(0, 3)} ${rest.slice(3)}`, zeros: `00316 1${rest}`, e164: `+3161${rest}` };
}

/** A valid German IBAN no other test uses (check digits by ISO 7064 mod 97-10). */
export function iban(): string {
  const bban = `37040044${String(randomInt(0, 1e10)).padStart(10, "0")}`;
  const remainder = BigInt(`${bban}131400`) % 97n; // "DE00" moved to the end, letters as numbers (D=13, E=14)
  return `DE${String(98n - remainder).padStart(2, "0")}${bban}`;
}

/** Deletes an agency's parties and every identifier they leave unlinked. */
export async function deleteAgencyParties(stack: TestStack, agency: string): Promise<void> {
  await stack.db.write(
    `MATCH (n:Party { ownerAgency: $agency })
     OPTIONAL MATCH (n)-->(i) WHERE i:Phone OR i:Email OR i:Address OR i:BankAccount OR i:IdentityDocument
     WITH collect(DISTINCT n) AS parties, collect(DISTINCT i) AS identifiers
     FOREACH (n IN parties | DETACH DELETE n)
     WITH identifiers UNWIND identifiers AS i
     WITH i WHERE NOT EXISTS { (i)--() }
     DELETE i`,
    { agency },
  );
}
