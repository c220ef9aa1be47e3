import { forbidden, hasRole, NOMINAL_READER_ROLES, requireViewer, type Viewer } from "@cix/core";

/**
 * Selecting records by nominal data (e.g. a buyer's name) is itself a nominal read: it needs a role that may
 * read nominal data and a stated purpose (MODEL.md "Who may see what").
 */
export function requireNominalFilter(viewer: Viewer | null, criterion: string): Viewer {
  const v = requireViewer(viewer);
  if (!hasRole(v, ...NOMINAL_READER_ROLES)) throw forbidden(`Selecting by ${criterion} is a nominal read: your role may not make it.`);
  if (!v.purpose) {
    throw forbidden(`Selecting by ${criterion} is a nominal read: state its purpose (x-cix-purpose header with a case or operation reference).`);
  }
  return v;
}
