import { forbidden, hasRole, notFound, requireViewer, type Viewer } from "@cix/core";

/** Who may write cases: investigators and supervisors; validating and returning needs a supervisor. */
export function requireWriter(viewer: Viewer | null): Viewer {
  const v = requireViewer(viewer);
  if (!hasRole(v, "investigator", "supervisor")) throw forbidden("Writing seizure cases needs the investigator or supervisor role.");
  return v;
}

export function requireReviewer(viewer: Viewer | null): Viewer {
  const v = requireViewer(viewer);
  if (!hasRole(v, "supervisor")) throw forbidden("Validating or returning a seizure case needs the supervisor role.");
  return v;
}

/** A case exists and the caller's agency owns it; else NOT_FOUND or FORBIDDEN. */
export function requireOwnCase(viewer: Viewer, id: string, ownerAgency: string | null | undefined): void {
  if (ownerAgency === null || ownerAgency === undefined) throw notFound("Seizure", id);
  if (ownerAgency !== viewer.agency) throw forbidden(`Seizure ${id} is owned by another agency; only ${ownerAgency} may change it.`);
}
