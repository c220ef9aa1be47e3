import { forbidden, hasRole, NOMINAL_READER_ROLES, requireViewer, type RequestContext, type Viewer } from "@cix/core";

/**
 * Listing persons or companies, or selecting them by a name, an identifier or a nationality, is itself a nominal
 * read: a list of parties tells who is recorded, and its order tells their names. It needs a role that may read
 * nominal data and a stated purpose (ARCHITECTURE.md "Who may see what"); the list then holds only parties the
 * caller may read (`nominalReadableBy`).
 */
export function requireNominalList(ctx: RequestContext, what: string): Viewer {
  const viewer = requireViewer(ctx.viewer);
  if (!hasRole(viewer, ...NOMINAL_READER_ROLES)) {
    throw forbidden(`${what} is a nominal read: your role may not make it.`);
  }
  if (!viewer.purpose) {
    throw forbidden(`${what} is a nominal read: state its purpose (x-cix-purpose header with a case or operation reference).`);
  }
  return viewer;
}
