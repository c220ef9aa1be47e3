import {
  getNamedType,
  GraphQLError,
  Kind,
  isAbstractType,
  isInterfaceType,
  isObjectType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from "graphql";
import { applyMiddleware, type IMiddleware, type IMiddlewareFunction } from "graphql-middleware";
import { and, deny, rule, shield } from "graphql-shield";
import type { IRules } from "graphql-shield";
import { ErrorCode } from "../errors.js";
import type { RequestContext } from "../graphql/context.js";
import { NOMINAL_DIRECTIVE } from "../graphql/nominal.js";
import { ROLES_DIRECTIVE } from "../graphql/roles.js";
import { hasRole, ROLES, type Role, type Viewer } from "../auth/viewer.js";
import { callerRefusal, decideNominal, envelopesOf, type AccessCarrier } from "./envelope.js";

const FEDERATION_FIELDS = new Set(["_entities", "_service"]);

/** A denial is an answer, not a failure: no stack trace is captured (it is the hot path for unentitled readers). */
function forbidden(message: string): GraphQLError {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN } });
  } finally {
    Error.stackTraceLimit = limit;
  }
}

const REASONS: Record<string, string> = {
  role: "Nominal data: your role may not read it.",
  purpose: "Nominal data: state the purpose of your request (x-cix-purpose header with a case or operation reference).",
  tlp: "Nominal data: the owner's marking keeps it inside the owner agency.",
  "not-shared": "Nominal data: this record is not yours and not shared with your agency in an open operation.",
  "no-envelope": "Nominal data: access to this record cannot be established.",
};

/**
 * Before a root field finds a record by its owner's natural key (a reference, a registration number: guessable),
 * the caller half of the nominal rule (`callerRefusal`): a caller whose role or missing purpose lets them read no
 * nominal data gets the FORBIDDEN that `person(id)` gives, whether or not the record exists. Returns the viewer.
 */
export function requireNominalReader(viewer: Viewer | null): Viewer {
  const refused = callerRefusal(viewer);
  if (refused || !viewer) throw forbidden(REASONS[refused ?? "role"]!);
  return viewer;
}

/**
 * Whether a root field names its record by hub id (an `id` argument). Such a lookup of a record the caller may not
 * read answers FORBIDDEN and why: a random id tells nothing. A root field that finds a record by its owner's natural
 * key answers as for a missing record instead (null, no error), so it cannot say that the record exists.
 */
export function isLookupById(field: GraphQLField<unknown, unknown>): boolean {
  return field.args.some((a) => a.name === "id");
}

/** Any verified caller (the subgraph context already refused everyone else). */
const isAuthenticated = rule({ cache: "contextual" })((_parent, _args, ctx: RequestContext) =>
  ctx.viewer ? true : forbidden("Authentication required."),
);

const roleRules = new Map<string, ReturnType<ReturnType<typeof rule>>>();

/** A field marked `@roles(anyOf: [...])`: only for callers holding one of the roles (one rule per set: shield wants unique names). */
function hasAnyRole(roles: Role[]) {
  const name = `roles:${roles.join(",")}`;
  let found = roleRules.get(name);
  if (!found) {
    found = rule(name, { cache: "contextual" })((_parent, _args, ctx: RequestContext) =>
      hasRole(ctx.viewer, ...roles) ? true : forbidden(`This needs one of the roles: ${roles.join(", ")}.`),
    );
    roleRules.set(name, found);
  }
  return found;
}

/** The roles a field's `@roles` marking names, or null when it has none. */
export function rolesOf(field: GraphQLField<unknown, unknown>): Role[] | null {
  const marking = field.astNode?.directives?.find((d) => d.name.value === ROLES_DIRECTIVE);
  const list = marking?.arguments?.find((a) => a.name.value === "anyOf")?.value;
  if (!list) return null;
  if (list.kind !== Kind.LIST) throw new Error(`@roles on ${field.name} needs a list of roles`);
  return list.values.map((v) => {
    if (v.kind !== Kind.STRING || !(ROLES as readonly string[]).includes(v.value)) throw new Error(`@roles on ${field.name}: unknown role`);
    return v.value as Role;
  });
}

/** A mutation without `@roles`: writes are deny-by-default, like reads. */
const noWriteRule = rule({ cache: "contextual" })(() => forbidden("Not allowed: this mutation has no role rule."));

/** Federation's own fields: only for calls whose gateway credential was verified. */
const isGatewayCall = rule({ cache: "contextual" })((_parent, _args, ctx: RequestContext) =>
  ctx.viewer && ctx.gatewayVerified ? true : forbidden("Not available."),
);

/**
 * Whether the caller may read the nominal data of the record `carrier` holds the envelope(s) of (any envelope will
 * do: a shared identifier is readable through any record linked to it). An allowed read is audited under `field`;
 * a refusal says why, in the words of `REASONS`.
 */
function readNominal(carrier: unknown, ctx: RequestContext, field: string): { allowed: true } | { allowed: false; reason: string } {
  let reason = "no-envelope";
  for (const envelope of envelopesOf(carrier)) {
    const decision = decideNominal(ctx.viewer, envelope);
    if (decision.allowed) {
      ctx.audit.nominalRead(envelope.recordId, field, decision.operationId, envelope.ownerAgency);
      return { allowed: true };
    }
    reason = decision.reason;
  }
  return { allowed: false, reason };
}

/** A nominal field: allowed if the caller may read the nominal data of the record it belongs to; audited. */
const canReadNominal = rule({ cache: "no_cache" })((parent: AccessCarrier, _args, ctx: RequestContext, info: GraphQLResolveInfo) => {
  const read = readNominal(parent, ctx, `${info.parentType.name}.${info.fieldName}`);
  return read.allowed ? true : forbidden(REASONS[read.reason] ?? REASONS["no-envelope"]!);
});

function hasNominalMarking(node: { astNode?: { directives?: ReadonlyArray<{ name: { value: string } }> } | null }): boolean {
  return !!node.astNode?.directives?.some((d) => d.name.value === NOMINAL_DIRECTIVE);
}

export function isNominal(field: GraphQLField<unknown, unknown>): boolean {
  return hasNominalMarking(field);
}

/** A type marked `@nominal` (or an object type implementing a marked interface): its objects are about persons. */
export function isNominalType(type: GraphQLNamedType | null | undefined): boolean {
  if (!type || !(isObjectType(type) || isInterfaceType(type))) return false;
  return hasNominalMarking(type) || (isObjectType(type) && type.getInterfaces().some((i) => hasNominalMarking(i)));
}

/**
 * The graphql-shield rule tree, generated from the schema's markings (the single source): `@nominal` fields get
 * the nominal rule, `@roles` fields the role rule (both, if both), every other field needs a verified caller, a
 * mutation without `@roles` is denied, the federation fields need the gateway, and anything not in the tree is
 * denied.
 */
export function permissionRules(schema: GraphQLSchema): IRules {
  const tree: Record<string, Record<string, unknown>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    const fields: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      const roles = rolesOf(field);
      const byRole = roles ? hasAnyRole(roles) : null;
      if (type === schema.getQueryType() && FEDERATION_FIELDS.has(field.name)) fields[field.name] = isGatewayCall;
      else if (type.name === "_Service") fields[field.name] = isGatewayCall;
      else if (isNominal(field)) fields[field.name] = byRole ? and(byRole, canReadNominal) : canReadNominal;
      else if (byRole) fields[field.name] = byRole;
      else fields[field.name] = type === schema.getMutationType() ? noWriteRule : isAuthenticated;
    }
    tree[type.name] = fields;
  }
  return tree as IRules;
}

/** Value objects (no @key) inherit the access envelope of the record they belong to; entities never do. */
const inheritAccess: IMiddlewareFunction = async (resolve, parent, args, ctx, info) => {
  const result: unknown = await resolve(parent, args, ctx, info);
  const access = (parent as AccessCarrier | null)?.__access;
  if (!access || result === null || typeof result !== "object") return result;
  for (const item of Array.isArray(result) ? result : [result]) {
    if (item && typeof item === "object" && !("__access" in item)) {
      Object.defineProperty(item, "__access", { value: access, enumerable: false });
    }
  }
  return result;
};

/** `inheritAccess` on exactly the fields that return value objects (types without @key): the only ones it changes. */
function inheritAccessMiddleware(schema: GraphQLSchema): IMiddleware {
  const map: Record<string, Record<string, IMiddlewareFunction>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      const returned = getNamedType(field.type);
      const isEntity = returned.astNode?.directives?.some((d) => d.name.value === "key");
      if ((isObjectType(returned) || isInterfaceType(returned)) && !isEntity) (map[type.name] ??= {})[field.name] = inheritAccess;
    }
  }
  return map;
}

/**
 * Links to personal data, decided in one place: a field whose value is an object of a `@nominal` type (a person,
 * company or identifier, from any subgraph, in any direction: offenders, buyers, holders, associates, reverse
 * fields) returns it only if the caller may read that object's own nominal data, which its envelope decides.
 * Otherwise the object is left out of a list, or the field is null: the link is absent, with no error that would
 * tell it exists, except on a root query field that asked for that record by id (`isLookupById`), which says
 * FORBIDDEN and why. An object without an envelope is never disclosed. Mutations return the writer's own record unchecked.
 */
function discloseLinksMiddleware(schema: GraphQLSchema): IMiddleware {
  const queryType = schema.getQueryType();
  const map: Record<string, Record<string, IMiddlewareFunction>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__") || type === schema.getMutationType()) continue;
    for (const field of Object.values(type.getFields())) {
      if (type === queryType && FEDERATION_FIELDS.has(field.name)) continue;
      const returned = getNamedType(field.type);
      const nominalItem = itemClassifier(schema, returned);
      if (!nominalItem) continue;
      const rootLookup = type === queryType && isLookupById(field);
      (map[type.name] ??= {})[field.name] = async (resolve, parent, args, ctx: RequestContext, info) => {
        const result: unknown = await resolve(parent, args, ctx, info);
        if (result === null || result === undefined) return result;
        const label = `${info.parentType.name}.${info.fieldName}`;
        const disclosed = (item: unknown) => item === null || item === undefined || !nominalItem(item) || readNominal(item, ctx, label).allowed;
        if (Array.isArray(result)) return result.filter(disclosed);
        if (disclosed(result)) return result;
        if (rootLookup) throw forbidden(REASONS[refusal(result, ctx)] ?? REASONS["no-envelope"]!);
        return null;
      };
    }
  }
  return map;
}

/** Why the caller may not read an object's nominal data (for the error of a root lookup). */
function refusal(carrier: unknown, ctx: RequestContext): string {
  const reasons = envelopesOf(carrier).map((e) => decideNominal(ctx.viewer, e)).flatMap((d) => (d.allowed ? [] : [d.reason]));
  return reasons[0] ?? "no-envelope";
}

/**
 * How to tell whether a value returned as `type` is a nominal object: always, for a nominal type; by its
 * `__typename` for an interface or union that has nominal members (without one it counts as nominal); never
 * otherwise (null: the field needs no check).
 */
function itemClassifier(schema: GraphQLSchema, type: GraphQLNamedType): ((item: unknown) => boolean) | null {
  if (isNominalType(type)) return () => true;
  if (!isAbstractType(type)) return null;
  const nominalMembers = new Set(schema.getPossibleTypes(type).filter((t) => isNominalType(t)).map((t) => t.name));
  if (nominalMembers.size === 0) return null;
  return (item) => {
    const typename = (item as { __typename?: unknown }).__typename;
    return typeof typename !== "string" || nominalMembers.has(typename);
  };
}

/**
 * Federation's entity resolution (`_entities`, the gateway's way into a subgraph) follows the same rule: a
 * reference to a nominal object the caller may not read resolves to null, whoever asks for it.
 */
function guardNominalReferences(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    const entity = type as GraphQLNamedType & { resolveReference?: (ref: unknown, ctx: RequestContext, info: GraphQLResolveInfo) => unknown };
    if (!isNominalType(type) || typeof entity.resolveReference !== "function") continue;
    const resolveReference = entity.resolveReference;
    entity.resolveReference = async (ref, ctx, info) => {
      const resolved: unknown = await resolveReference(ref, ctx, info);
      return resolved && readNominal(resolved, ctx, `${type.name}.id`).allowed ? resolved : null;
    };
  }
}

/**
 * The schema with access inheritance and the shield applied. graphql-shield generates a wrapper for every field of
 * the schema from the rule tree (fallback: deny). A plain field of a record (not nominal, not a root or federation
 * field) has the rule "a verified caller", which the request's root field has already checked and which cannot
 * change within the request, so its wrapper is left out: it was half the resolver calls of a page of records.
 */
export function protectSchema(schema: GraphQLSchema): GraphQLSchema {
  const rules = permissionRules(schema) as Record<string, Record<string, unknown>>;
  const generated = shield(rules as IRules, {
    fallbackRule: deny,
    allowExternalErrors: true,
    fallbackError: () => forbidden("Not allowed."),
  }).generate(schema) as Record<string, Record<string, unknown>>;
  const roots = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name, schema.getSubscriptionType()?.name]);
  for (const [typeName, fields] of Object.entries(rules)) {
    if (roots.has(typeName)) continue;
    for (const [fieldName, fieldRule] of Object.entries(fields)) if (fieldRule === isAuthenticated) delete generated[typeName]![fieldName];
  }
  const protectedSchema = applyMiddleware(schema, generated as IMiddleware, inheritAccessMiddleware(schema), discloseLinksMiddleware(schema));
  guardNominalReferences(protectedSchema);
  return protectedSchema;
}
