import { badUserInput, forbidden, type Tx } from "@cix/core";
import type { PartyLabel } from "./party.repository.js";

/**
 * Checks, inside a write transaction and before anything is written, that `id` is an existing party (of
 * `type`, when given) and, with `mustOwn`, that the caller's agency owns it: only the owner changes a record.
 */
export async function checkParty(
  tx: Tx,
  id: string,
  opts: { path: string; type?: PartyLabel; mustOwn?: string },
): Promise<PartyLabel> {
  const rows = await tx.run<{ ownerAgency: string; type: PartyLabel }>(
    "MATCH (n:Party { id: $id }) RETURN n.ownerAgency AS ownerAgency, CASE WHEN n:Person THEN 'Person' ELSE 'Company' END AS type",
    { id },
  );
  const row = rows[0];
  if (!row || (opts.type && row.type !== opts.type)) {
    throw badUserInput(opts.path, `the id of an existing ${opts.type?.toLowerCase() ?? "person or company"}`);
  }
  if (opts.mustOwn !== undefined && row.ownerAgency !== opts.mustOwn) {
    throw forbidden(`Only the agency that owns a record may change it (${opts.path}).`);
  }
  return row.type;
}
