import { forbidden, hasRole, NOMINAL_READER_ROLES, requireViewer, type RequestContext, type Viewer } from "@cix/core";

/**
 * Selecting parties by a name, an identifier or a nationality is itself a nominal read: it needs a role that
 * may read nominal data and a stated purpose (MODEL.md "Who may see what").
 */
export function requireNominalCriteria(ctx: RequestContext, criterion: string): Viewer {
  const viewer = requireViewer(ctx.viewer);
  if (!hasRole(viewer, ...NOMINAL_READER_ROLES)) {
    throw forbidden(`Selecting by ${criterion} is a nominal read: your role may not make it.`);
  }
  if (!viewer.purpose) {
    throw forbidden(`Selecting by ${criterion} is a nominal read: state its purpose (x-cix-purpose header with a case or operation reference).`);
  }
  return viewer;
}
