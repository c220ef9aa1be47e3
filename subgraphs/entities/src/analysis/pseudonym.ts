import { createHmac } from "node:crypto";

/**
 * The pseudonym of a node for one reading agency: HMAC-SHA256 with the server's pseudonym key over the agency
 * and the node id, 128 bits in hex. Stable for an agency across queries (its analysts can follow a node from one
 * result to the next), different between agencies, and not reversible without the key.
 */
export function pseudonym(key: Uint8Array, agency: string, id: string): string {
  return `P-${createHmac("sha256", key).update(`${agency}\n${id}`).digest("hex").slice(0, 32)}`;
}
