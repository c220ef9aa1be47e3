import { Directive } from "type-graphql";
import type { Role } from "../auth/viewer.js";

export const ROLES_DIRECTIVE = "roles";

/**
 * The roles that may call a field, printed into the SDL as `@roles(anyOf: [...])` and composed into the supergraph,
 * so the schema says who may write what. The permission layer (core/src/permissions/rules.ts) enforces it, and
 * every mutation must carry one: a mutation without `@roles` is refused to everyone (writes are deny-by-default).
 */
export function Roles(...roles: [Role, ...Role[]]): MethodDecorator & PropertyDecorator {
  return Directive(`@${ROLES_DIRECTIVE}(anyOf: [${roles.map((r) => JSON.stringify(r)).join(", ")}])`) as MethodDecorator & PropertyDecorator;
}
