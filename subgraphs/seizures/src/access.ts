import { forbidden, notFound, type Viewer } from "@cix/core";

// Who may write cases is each mutation's `@roles` marking (investigators and supervisors; validating and returning
// a case, supervisors), enforced by the permission layer.

/** A case exists and the caller's agency owns it; else NOT_FOUND or FORBIDDEN. */
export function requireOwnCase(viewer: Viewer, id: string, ownerAgency: string | null | undefined): void {
  if (ownerAgency === null || ownerAgency === undefined) throw notFound("Seizure", id);
  if (ownerAgency !== viewer.agency) throw forbidden(`Seizure ${id} is owned by another agency; only ${ownerAgency} may change it.`);
}
