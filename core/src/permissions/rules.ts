import {
  getNamedType,
  GraphQLError,
  isInterfaceType,
  isObjectType,
  type GraphQLField,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from "graphql";
import { applyMiddleware, type IMiddleware, type IMiddlewareFunction } from "graphql-middleware";
import { deny, rule, shield } from "graphql-shield";
import type { IRules } from "graphql-shield";
import { ErrorCode } from "../errors.js";
import type { RequestContext } from "../graphql/context.js";
import { NOMINAL_DIRECTIVE } from "../graphql/nominal.js";
import { decideNominal, envelopesOf, type AccessCarrier } from "./envelope.js";

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

/** Any verified caller (the subgraph context already refused everyone else). */
const isAuthenticated = rule({ cache: "contextual" })((_parent, _args, ctx: RequestContext) =>
  ctx.viewer ? true : forbidden("Authentication required."),
);

/** Federation's own fields: only for calls whose gateway credential was verified. */
const isGatewayCall = rule({ cache: "contextual" })((_parent, _args, ctx: RequestContext) =>
  ctx.viewer && ctx.gatewayVerified ? true : forbidden("Not available."),
);

/** A nominal field: allowed if ANY envelope of the parent allows it; each allowed read is audited. */
const canReadNominal = rule({ cache: "no_cache" })((parent: AccessCarrier, _args, ctx: RequestContext, info: GraphQLResolveInfo) => {
  const envelopes = envelopesOf(parent);
  if (envelopes.length === 0) return forbidden(REASONS["no-envelope"]!);
  let reason = "no-envelope";
  for (const envelope of envelopes) {
    const decision = decideNominal(ctx.viewer, envelope);
    if (decision.allowed) {
      ctx.audit.nominalRead(envelope.recordId, `${info.parentType.name}.${info.fieldName}`, decision.operationId, envelope.ownerAgency);
      return true;
    }
    reason = decision.reason;
  }
  return forbidden(REASONS[reason] ?? REASONS["no-envelope"]!);
});

function isNominal(field: GraphQLField<unknown, unknown>): boolean {
  return !!field.astNode?.directives?.some((d) => d.name.value === NOMINAL_DIRECTIVE);
}

/**
 * The graphql-shield rule tree, generated from the schema's `@nominal` marking (the single source): nominal
 * fields get the nominal rule, every other field needs a verified caller, the federation fields need the
 * gateway, and anything not in the tree is denied.
 */
export function permissionRules(schema: GraphQLSchema): IRules {
  const tree: Record<string, Record<string, unknown>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    const fields: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (type === schema.getQueryType() && FEDERATION_FIELDS.has(field.name)) fields[field.name] = isGatewayCall;
      else if (type.name === "_Service") fields[field.name] = isGatewayCall;
      else fields[field.name] = isNominal(field) ? canReadNominal : isAuthenticated;
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
  return applyMiddleware(schema, generated as IMiddleware, inheritAccessMiddleware(schema));
}
