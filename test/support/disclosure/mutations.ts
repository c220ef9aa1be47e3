import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from "graphql";
import { s10 } from "../ecommerce.js";
import { randomTag } from "./canaries.js";
import { literal } from "./plan.js";
import type { PlantedRecord, RecordKind } from "./plant.js";
import { DEFAULT_SELECTION, fits, SelectionBuilder, toRequest, type FieldSel } from "./selection.js";

/**
 * Writes that reference the planted records, generated from the Mutation type: every mutation with an ID argument
 * (or an ID field in its input) is sent with planted ids in it, and, where it links two records, once more with the
 * caller's own record first. Inputs are built from the schema (required fields, and fields naming records or
 * identifiers) with valid values; identifiers are the planted persons' own, so a write by another agency meets the
 * planted identifier nodes. Each answer selects what the mutation returns, as deep as the limits allow.
 */

export interface PlantedValues {
  phone: string;
  email: string;
  iban: string;
  documentNumber: string;
  street: string;
  postcode: string;
  reference: string;
  registrationNumber: string;
}

export interface MutationContext {
  records: PlantedRecord[];
  values: PlantedValues;
  /** An operation the caller may name (led by the caller's agency or another one). */
  operationId: string;
  /** The caller's own records, once written (used for "own record first" variants). */
  own: Partial<Record<RecordKind, string>>;
}

export interface MutationProbe {
  mutation: string;
  label: string;
  /** The request: arguments as variables, so every caller's probe of one mutation is one document. */
  query: string;
  variables: Record<string, unknown>;
  /** Which kind of record the answer describes (to remember the caller's own records). */
  returns: string;
}

const PNG_1X1 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

/** Order in which mutations run: writes of own records (0, 1), links (2), sharing (3), reviews (4), removals (5). */
export function phase(name: string): number {
  if (/^upsert/.test(name)) return /Person|Company/.test(name) ? 0 : 1;
  if (/^(link|confirm|reject)/.test(name)) return 2;
  if (/Operation|Members/.test(name)) return 3;
  if (/^(unlink|undo)/.test(name)) return 5;
  return 4;
}

/** Mutation names in the order they are probed. */
export function probedMutations(schema: GraphQLSchema): string[] {
  return Object.values(schema.getMutationType()?.getFields() ?? {})
    .sort((a, b) => phase(a.name) - phase(b.name))
    .map((f) => f.name);
}

/** The probes of one mutation (or of all), built with the caller's own records known so far. */
export function mutationProbes(schema: GraphQLSchema, ctx: MutationContext, only?: string): MutationProbe[] {
  const mutationType = schema.getMutationType();
  if (!mutationType) return [];
  const fields = Object.values(mutationType.getFields())
    .filter((f) => !only || f.name === only)
    .sort((a, b) => phase(a.name) - phase(b.name));
  const probes: MutationProbe[] = [];
  for (const field of fields) {
    const refs = countRefs(field);
    const identifierInput = field.args.some((a) => hasIdentifierFields(a.type));
    if (refs === 0 && !identifierInput) continue;
    const modes: Array<"planted" | "own"> = refs >= 2 || (refs === 1 && /^upsert/.test(field.name) === false && /Person|Party|Company|Match|Associat|Role|Identifier/.test(field.name)) ? ["planted", "own"] : ["planted"];
    for (const mode of modes) {
      const builder = new Builder(ctx, field.name, mode);
      const args: Record<string, string> = {};
      for (const arg of field.args) {
        const value = builder.value(arg.type, arg.name, isNonNullType(arg.type) && arg.defaultValue === undefined);
        if (value !== undefined) args[arg.name] = literal(value);
      }
      if (mode === "own" && !builder.usedOwn) continue;
      const type = getNamedType(field.type);
      let root: FieldSel = { kind: "field", name: field.name, args, children: [] };
      if (!isScalarType(type) && !isEnumType(type)) {
        for (const maxLevels of [3, 2, 1]) {
          root = { ...root, children: new SelectionBuilder(schema, { ...DEFAULT_SELECTION, maxLevels }).build(type as GraphQLCompositeType) };
          if (fits(schema, "mutation", [root])) break;
        }
      } else root = { kind: "field", name: field.name, args };
      const text = Object.entries(args).map(([k, v]) => `${k}: ${v}`).join(", ");
      probes.push({ mutation: field.name, label: `${field.name}(${text})${mode === "own" ? " [own record first]" : ""}`, ...toRequest(schema, "mutation", root), returns: type.name });
    }
  }
  return probes;
}

function countRefs(field: GraphQLField<unknown, unknown>): number {
  let n = 0;
  const visit = (type: GraphQLInputType, seen: Set<string>) => {
    const named = getNamedType(type);
    if (isScalarType(named) && named.name === "ID") n += 1;
    if (isInputObjectType(named) && !seen.has(named.name)) for (const f of Object.values(named.getFields())) visit(f.type, new Set(seen).add(named.name));
  };
  for (const arg of field.args) visit(arg.type, new Set());
  return n;
}

const IDENTIFIER_FIELDS = ["phones", "emails", "addresses", "bankAccounts", "identityDocuments", "phone", "email", "address", "bankAccount", "identityDocument"];

function hasIdentifierFields(type: GraphQLInputType): boolean {
  const named = getNamedType(type);
  return isInputObjectType(named) && Object.keys(named.getFields()).some((f) => IDENTIFIER_FIELDS.includes(f));
}

class Builder {
  usedOwn = false;

  constructor(
    readonly ctx: MutationContext,
    readonly mutation: string,
    readonly mode: "planted" | "own",
  ) {}

  private first(kind: RecordKind, n = 0): string {
    return this.ctx.records.filter((r) => r.kind === kind)[n]?.id ?? "00000000-0000-4000-8000-000000000000";
  }

  /** A planted id for an ID argument or field, by its name; in "own" mode the first party or seizure is the caller's. */
  private id(name: string): string | string[] {
    const own = (kind: RecordKind): string | undefined => {
      if (this.mode !== "own" || this.usedOwn || !this.ctx.own[kind]) return undefined;
      this.usedOwn = true;
      return this.ctx.own[kind];
    };
    if (/offender/i.test(name)) return [this.first("Person"), this.first("Company")];
    if (/record/i.test(name)) return this.ctx.records.filter((r) => r.kind !== "ImportJob").map((r) => r.id);
    if (/identifier/i.test(name)) return this.first("Phone");
    if (/associate|candidate/i.test(name)) return this.first("Person", 1);
    if (/person|party|buyer|consignee/i.test(name)) return own("Person") ?? this.first("Person");
    if (/company|seller|consignor/i.test(name)) return own("Company") ?? this.first("Company");
    if (/seizure/i.test(name)) return own("Seizure") ?? this.first("Seizure");
    if (/order/i.test(name)) return this.first("Order");
    if (/payment/i.test(name)) return this.first("Payment");
    if (/shipment/i.test(name)) return this.first("Shipment");
    if (/Operation|Members/.test(this.mutation)) return this.ctx.operationId;
    if (/Seizure/.test(this.mutation)) return own("Seizure") ?? this.first("Seizure");
    return own("Person") ?? this.first("Person");
  }

  private scalar(name: string, scalar: string): unknown {
    const v = this.ctx.values;
    switch (scalar) {
      case "ID":
        return this.id(name);
      case "PhoneNumber":
        return v.phone;
      case "EmailAddress":
        return v.email;
      case "IBAN":
        return v.iban;
      case "DateTime":
        return "2024-05-03T10:00:00Z";
      case "Date":
        return "2024-05-03";
      case "CountryCode":
        return "NL";
      case "CurrencyCode":
        return "EUR";
      case "HSCode":
        return "240220";
      case "UNLocode":
        return "NLRTM";
      case "AirlineCode":
        return "KL";
      case "Int":
        return 1;
      case "Float":
        return 1.5;
      case "Boolean":
        return false;
    }
    if (/trackingNumber/i.test(name)) return s10();
    if (/caseNumber|orderNumber|transactionId/i.test(name)) return `PRB${randomTag(8).toUpperCase()}`;
    if (/phone/i.test(name)) return v.phone;
    if (/email/i.test(name)) return v.email;
    if (/iban/i.test(name)) return v.iban;
    if (/contentBase64/i.test(name)) return PNG_1X1;
    if (/mimeType/i.test(name)) return "image/png";
    if (/registrationNumber/i.test(name)) return v.registrationNumber;
    if (/reference/i.test(name)) return v.reference;
    if (/^number$/i.test(name)) return v.documentNumber;
    if (/street/i.test(name)) return v.street;
    if (/postcode/i.test(name)) return v.postcode;
    if (/city/i.test(name)) return "Rotterdam";
    if (/agenc/i.test(name)) return `PROBE-${randomTag(4).toUpperCase()}`;
    return `probe ${randomTag(4)}`;
  }

  /** A value for an input of `type` named `name`; undefined leaves an optional one out. */
  value(type: GraphQLInputType, name: string, required: boolean): unknown {
    const nullable = getNullableType(type) as GraphQLInputType;
    const named = getNamedType(type);
    const hinted =
      IDENTIFIER_FIELDS.includes(name) ||
      /Id$|Ids$|^(buyer|seller|consignor|consignee|payer|payee|registrationNumber|registrationCountry|reference|iban|street|postcode|city|country|fullName|name)$/.test(name);
    if (!required && !hinted) return undefined;
    if (isListType(nullable)) {
      if (isScalarType(named) && named.name === "ID") {
        const ids = this.id(name);
        return Array.isArray(ids) ? ids : [ids];
      }
      const item = this.value(nullable.ofType as GraphQLInputType, name, true);
      return item === undefined ? [] : [item];
    }
    if (isEnumType(named)) return { enum: named.getValues()[0]!.name };
    if (isScalarType(named)) return this.scalar(name, named.name);
    if (isInputObjectType(named)) {
      const out: Record<string, unknown> = {};
      // Inputs that take exactly one of several identifiers (linkIdentifier) get the first of them only.
      let identifierGiven = false;
      const single = /^Link/.test(named.name);
      for (const f of Object.values(named.getFields())) {
        if (IDENTIFIER_FIELDS.includes(f.name) && single) {
          if (identifierGiven) continue;
          identifierGiven = true;
        }
        const v = this.value(f.type, f.name, isNonNullType(f.type) && f.defaultValue === undefined);
        if (v !== undefined) out[f.name] = v;
      }
      return out;
    }
    return undefined;
  }
}
