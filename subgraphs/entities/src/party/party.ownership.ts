import { badUserInput, forbidden, nominalReadableBy, type Tx } from "@cix/core";
import type { PartyLabel } from "./party.repository.js";

/**
 * Checks, inside a write transaction and before anything is written, that `id` is a party (of `type`, when given)
 * that the writing `agency` may read: its own, or one shared with it in an open operation, since an agency names
 * only parties it may read (a hidden party is answered like a missing one). With `mustOwn`, the agency must own it:
 * only the owner changes a record.
 */
export async function checkParty(
  tx: Tx,
  id: string,
  opts: { path: string; agency: string; type?: PartyLabel; mustOwn?: boolean },
): Promise<PartyLabel> {
  const rows = await tx.run<{ ownerAgency: string; type: PartyLabel }>(
    `MATCH (n:Party { id: $id }) WHERE ${nominalReadableBy("n")}
     RETURN n.ownerAgency AS ownerAgency, CASE WHEN n:Person THEN 'Person' ELSE 'Company' END AS type`,
    { id, readerAgency: opts.agency },
  );
  const row = rows[0];
  if (!row || (opts.type && row.type !== opts.type)) {
    const kind = opts.type?.toLowerCase() ?? "person or company";
    throw badUserInput(opts.path, `the id of a ${kind} your agency may read (its own, or shared with it in an open operation)`);
  }
  if (opts.mustOwn && row.ownerAgency !== opts.agency) {
    throw forbidden(`Only the agency that owns a record may change it (${opts.path}).`);
  }
  return row.type;
}
