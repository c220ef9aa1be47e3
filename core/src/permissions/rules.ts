import {
  getNamedType,
  GraphQLError,
  isObjectType,
  type GraphQLField,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from "graphql";
import { applyMiddleware, type IMiddlewareFunction } from "graphql-middleware";
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
  const returned = getNamedType(info.returnType);
  const isEntity = returned.astNode?.directives?.some((d) => d.name.value === "key");
  if (isEntity || !("getFields" in returned)) return result;
  for (const item of Array.isArray(result) ? result : [result]) {
    if (item && typeof item === "object" && !("__access" in item)) {
      Object.defineProperty(item, "__access", { value: access, enumerable: false });
    }
  }
  return result;
};

/** The schema with access inheritance and the shield applied. */
export function protectSchema(schema: GraphQLSchema): GraphQLSchema {
  const permissions = shield(permissionRules(schema), {
    fallbackRule: deny,
    allowExternalErrors: true,
    fallbackError: () => forbidden("Not allowed."),
  });
  return applyMiddleware(schema, permissions, inheritAccess);
}
