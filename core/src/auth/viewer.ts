import { GraphQLError } from "graphql";
import { ErrorCode } from "../errors.js";

export const ROLES = ["partner", "analyst", "investigator", "supervisor", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** The verified caller of a request: who, for which agency, in which roles and operations, and why. */
export interface Viewer {
  sub: string;
  agency: string;
  /** ISO 3166-1 alpha-2 country of the agency. */
  country: string;
  roles: Role[];
  /** Ids of operations the caller's agency takes part in (from the token). */
  operations: string[];
  /** The stated purpose of this request (a case or operation reference), from the `x-cix-purpose` header. */
  purpose?: string;
}

export function hasRole(viewer: Viewer | null | undefined, ...roles: Role[]): boolean {
  return !!viewer && viewer.roles.some((r) => roles.includes(r));
}

/** The caller, or an UNAUTHENTICATED error: every operation of the hub needs a verified caller. */
export function requireViewer(viewer: Viewer | null | undefined): Viewer {
  if (!viewer) throw new GraphQLError("Authentication required.", { extensions: { code: ErrorCode.UNAUTHENTICATED } });
  return viewer;
}

/** The caller if it holds one of `roles`, else a FORBIDDEN error. */
export function requireRole(viewer: Viewer | null | undefined, ...roles: Role[]): Viewer {
  const v = requireViewer(viewer);
  if (!hasRole(v, ...roles)) {
    throw new GraphQLError(`This needs one of the roles: ${roles.join(", ")}.`, { extensions: { code: ErrorCode.FORBIDDEN } });
  }
  return v;
}
