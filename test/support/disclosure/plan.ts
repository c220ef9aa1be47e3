import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  parse,
  validate,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLSchema,
} from "graphql";
import { NOMINAL_KINDS, unknownId, type Planted, type PlantedRecord, type RecordKind } from "./plant.js";
import { DEFAULT_SELECTION, fieldPaths, fits, isWrapperType, printOperation, SelectionBuilder, splitToFit, type FieldSel, type Sel } from "./selection.js";

/**
 * Requests generated from the API schema for every root Query field: arguments filled from the planted world
 * (every ID argument with each planted id of a fitting kind, filters and search arguments with canary values and
 * the owner agency, every value of enum arguments), each with a selection of everything reachable (see
 * selection.ts), split into requests the gateway accepts.
 */

export interface Variant {
  /** Printed arguments, name → literal. */
  args: Record<string, string>;
  /** Readable form for reports, with planted ids and canaries replaced by their labels. */
  label: string;
  /** Does an argument select by a canary value (a name, an identifier)? */
  byCanary: boolean;
  /** Does an argument select by the owner agency? */
  byOwner: boolean;
  /** The first variant of a field, which gets the full selection; the others get a lighter one. */
  full: boolean;
}

export interface PlannedRequest {
  root: string;
  /** The root field's name and readable arguments, e.g. `person(id: P1 (person, TLP AMBER))`. */
  label: string;
  variantKey: string;
  piece: number;
  pieces: number;
  query: string;
  /** Root field returns a connection: a second page follows with its endCursor. */
  connection: boolean;
  /** The answer's root is a list that must be empty (selected by a canary, or parties selected by the owner agency). */
  membership: boolean;
  /** For second pages: the root selection to repeat with another `after`. */
  sel: FieldSel;
}

export interface Plan {
  schema: GraphQLSchema;
  requests: PlannedRequest[];
  /** Light selections of connection roots by variant, for second pages, replayed and forged cursors. */
  pagers: Array<{ root: string; variantKey: string; label: string; membership: boolean; sel: FieldSel }>;
  /** Distinct response paths (root field to leaf) the generated requests select. */
  fieldPaths: number;
  /** Root fields and why they could not be filled, if any. */
  skipped: string[];
  /** Generated requests graphql-js finds invalid against the schema (a generator bug: they are not sent). */
  invalid: string[];
  /** Schema coordinates (Type.field) of object types the requests select, of all in the API schema. */
  coveredCoordinates: number;
  totalCoordinates: number;
  /** Schema coordinates (Type.field) of the API schema no generated request selects. */
  uncovered: string[];
  /** Fields left out because they need arguments the walk cannot fill. */
  unfillable: string[];
}

const LIGHT = { ...DEFAULT_SELECTION, maxLevels: 1 };
/**
 * Most requests, and most document text, one root field's full selection may take; deeper walks are cut a level at
 * a time until it fits. The gateway plans every new document (seconds for a large federated one), so the text is
 * what the run time is made of.
 */
const MAX_PIECES = 6;
const MAX_BYTES = 26_000;
const PARTY_TYPES = new Set(["Party", "Person", "Company"]);
const SIZE_ARGS = ["first", "last", "limit", "top", "hops", "maxHops"];

export function literal(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
  if (value && typeof value === "object" && "enum" in value) return String((value as { enum: string }).enum);
  return `{ ${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}: ${literal(v)}`).join(", ")} }`;
}

export class Planner {
  /** Levels of records each root field's full selection reaches. */
  readonly levels = new Map<string, number>();

  constructor(
    readonly schema: GraphQLSchema,
    readonly planted: Planted,
  ) {}

  /** Readable text of an argument value: planted ids and canaries by their labels. */
  describe(text: string): string {
    let out = text;
    for (const r of this.planted.records) out = out.split(r.id).join(r.label.split(" (")[0]!);
    for (const c of this.planted.book.canaries) out = out.split(c.value).join(`<${c.kind} of ${c.record.split(" (")[0]}>`);
    return out.split(this.planted.agency).join("<owner agency>");
  }

  private ofKind(...kinds: RecordKind[]): PlantedRecord[] {
    return this.planted.records.filter((r) => kinds.includes(r.kind));
  }

  /**
   * One record of each kind, every person and company, and one identifier (for arguments that take any record:
   * analysis starts and ends, audit look-ups).
   */
  private representatives(): PlantedRecord[] {
    const seen = new Set<string>();
    const out: PlantedRecord[] = [];
    for (const r of this.planted.records) {
      const group = NOMINAL_KINDS.has(r.kind) && r.kind !== "Person" && r.kind !== "Company" ? "identifier" : r.kind;
      if (r.kind === "ImportJob" || (seen.has(group) && r.kind !== "Person" && r.kind !== "Company")) continue;
      seen.add(group);
      out.push(r);
    }
    return out;
  }

  /** Planted ids that fit an ID argument, by the field's type and the argument's name. */
  idsFor(field: GraphQLField<unknown, unknown>, name: string): string[] {
    const returns = getNamedType(field.type).name;
    const byName: Array<[RegExp, RecordKind[]]> = [
      [/^(party|partyId|candidateId)$/i, ["Person", "Company"]],
      [/person|associate/i, ["Person"]],
      [/company/i, ["Company"]],
      [/seizure|offender/i, ["Seizure"]],
      [/order/i, ["Order"]],
      [/payment/i, ["Payment"]],
      [/shipment/i, ["Shipment"]],
      [/identifier/i, ["Phone", "Email", "Address", "BankAccount", "IdentityDocument"]],
      [/job/i, ["ImportJob"]],
    ];
    if (name === "id") {
      if (returns === "Party") return this.ofKind("Person", "Company").map((r) => r.id);
      const own = this.ofKind(returns as RecordKind);
      if (own.length) return own.map((r) => r.id);
      if (/Seizure/.test(field.name)) return this.ofKind("Seizure").map((r) => r.id);
      return [unknownId()];
    }
    for (const [pattern, kinds] of byName) if (pattern.test(name)) return this.ofKind(...kinds).map((r) => r.id);
    return this.representatives().map((r) => r.id);
  }

  /** Groups of ids for list arguments (`from`, `ids`): one record of each kind together, each party alone, the identifiers. */
  private idGroups(): string[][] {
    const reps = this.representatives();
    const records = this.planted.records.filter((r) => r.kind !== "ImportJob");
    const groups: string[][] = [reps.map((r) => r.id).slice(0, 20)];
    for (const r of this.ofKind("Person", "Company")) groups.push([r.id]);
    groups.push(records.filter((r) => NOMINAL_KINDS.has(r.kind) && r.kind !== "Person" && r.kind !== "Company").map((r) => r.id).slice(0, 20));
    return groups.filter((g) => g.length > 0);
  }

  /** Candidate values of a string argument or filter field, by its name: canaries, the owner agency, case numbers. */
  private stringsFor(name: string): string[] {
    const { names, declaredNames, identifiers } = this.planted.search;
    if (/agency/i.test(name)) return [this.planted.agency];
    if (/caseNumber/i.test(name)) return this.planted.caseNumbers;
    if (/identifier|number|phone|email|iban|account|document|reference/i.test(name)) return identifiers;
    if (/buyer|seller|consign|payer|payee|holder|declared/i.test(name)) return declaredNames;
    if (/name/i.test(name)) return names;
    // Any other text: a canary name, so a filter on it that answers anything shows what the filter matched.
    return names.slice(0, 1);
  }

  /** Values to try for one argument; `undefined` means "leave it out". The first value is the base. */
  private argValues(field: GraphQLField<unknown, unknown>, arg: GraphQLArgument | GraphQLInputField, prefix = ""): Array<unknown> | null {
    const type = arg.type as GraphQLInputType;
    const required = isNonNullType(type) && arg.defaultValue === undefined;
    const named = getNamedType(type);
    const list = isListType(getNullableType(type));
    const path = `${prefix}${arg.name}`;
    if (["first", "last"].includes(arg.name)) return [2];
    // Traversals two relationships deep: the records planted are within two of each other, and each hop multiplies cost by 10.
    if (["hops", "maxHops"].includes(arg.name)) return [2];
    // Enough nodes for the planted world two hops around any record, few enough to keep the cost down.
    if (["limit", "top"].includes(arg.name) && typeof arg.defaultValue === "number") return [Math.min(arg.defaultValue, 60)];
    if (arg.name === "after" || arg.name === "before") return [undefined];
    if (isScalarType(named) && named.name === "ID") {
      if (list) return this.idGroups();
      const ids = this.idsFor(field, arg.name);
      return required ? ids : [...ids, undefined];
    }
    if (isEnumType(named)) {
      // Every value of an argument (orderBy, measure, mode…); inside a filter one value is enough to exercise it.
      const values = named.getValues().map((v) => ({ enum: v.name })).slice(0, prefix ? 1 : undefined);
      const dflt = arg.defaultValue;
      const ordered = dflt !== undefined ? [...values.filter((v) => v.enum === dflt), ...values.filter((v) => v.enum !== dflt)] : values;
      return list ? (required ? [ordered.map((v) => v)] : [undefined]) : required || dflt !== undefined ? ordered : [undefined, ...ordered];
    }
    if (isScalarType(named) && named.name === "String") {
      const strings = this.stringsFor(path);
      if (required) return strings;
      // Selecting by the owner agency is the base (the caller's view of that agency); any other text is tried alone.
      return /agency/i.test(arg.name) ? [...strings, undefined] : [undefined, ...strings];
    }
    if (isScalarType(named) && named.name === "CountryCode") return required ? ["NL"] : [undefined, "NL"];
    if (isInputObjectType(named)) {
      // Required fields at their first value; then the owner agency alone, each other field's values alone, and
      // each of those within the owner agency (a selection by a nominal value as a caller would page it).
      const fields = Object.values(named.getFields());
      const perField = new Map(fields.map((f) => [f.name, this.argValues(field, f, `${path}.`)]));
      if ([...perField.values()].some((v) => v === null)) return null;
      const isRequired = (f: GraphQLInputField) => isNonNullType(f.type) && f.defaultValue === undefined;
      const base: Record<string, unknown> = {};
      // Required fields, and list sizes and hops (kept small for cost), at their first value.
      for (const f of fields.filter((f) => isRequired(f) || SIZE_ARGS.includes(f.name))) {
        const first = perField.get(f.name)![0];
        if (first !== undefined) base[f.name] = first;
      }
      const agencyField = fields.find((f) => /agency/i.test(f.name) && !isRequired(f));
      const variants: Array<Record<string, unknown>> = [];
      if (agencyField) variants.push({ ...base, [agencyField.name]: this.planted.agency });
      for (const f of fields) {
        if (f === agencyField) continue;
        perField.get(f.name)!.filter((v) => v !== undefined).forEach((value, i) => {
          variants.push({ ...base, [f.name]: value });
          if (agencyField && i === 0) variants.push({ ...base, [f.name]: value, [agencyField.name]: this.planted.agency });
        });
      }
      if (variants.length === 0) variants.push(base);
      const chosen: unknown[] = [...new Map(variants.map((v) => [JSON.stringify(v), v])).values()];
      if (!required) chosen.push(undefined);
      return chosen;
    }
    if (isScalarType(named) && ["Int", "Float", "Boolean", "DateTime", "Date"].includes(named.name)) {
      if (required) return arg.defaultValue !== undefined ? [arg.defaultValue] : null;
      return [undefined];
    }
    return required ? null : [undefined];
  }

  /** Argument variants of a root field: the base, then each argument varied on its own. */
  variants(field: GraphQLField<unknown, unknown>): Variant[] | null {
    const values = new Map<string, unknown[]>();
    for (const arg of field.args) {
      const v = this.argValues(field, arg);
      if (v === null) return null;
      values.set(arg.name, v);
    }
    const make = (choice: Record<string, unknown>, full: boolean): Variant => {
      const args: Record<string, string> = {};
      for (const [k, v] of Object.entries(choice)) if (v !== undefined) args[k] = literal(v);
      const text = Object.entries(args).map(([k, v]) => `${k}: ${v}`).join(", ");
      const canaryTexts = this.planted.book.canaries.map((c) => c.value);
      return {
        args,
        label: `${field.name}(${this.describe(text)})`,
        byCanary: canaryTexts.some((c) => text.includes(c)),
        byOwner: text.includes(JSON.stringify(this.planted.agency)),
        full,
      };
    };
    const base: Record<string, unknown> = {};
    for (const [k, v] of values) base[k] = v[0];
    const out = [make(base, true)];
    for (const [k, v] of values) {
      // Two ends of one path: the same record at both is not a question worth asking.
      const same = (value: unknown) => typeof value === "string" && Object.entries(base).some(([other, b]) => other !== k && b === value && typeof b === "string" && field.args.find((a) => a.name === other)?.type.toString().startsWith("ID"));
      for (const value of v.slice(1).filter((value) => !same(value))) out.push(make({ ...base, [k]: value }, ID_ROOTS.test(k) && !isListType(getNullableType(field.args.find((a) => a.name === k)!.type))));
    }
    return [...new Map(out.map((v) => [JSON.stringify(v.args), v])).values()];
  }

  plan(): Plan {
    const queryType = this.schema.getQueryType()!;
    const covered = new Set<string>(Object.keys(queryType.getFields()).map((f) => `Query.${f}`));
    const unfillable = new Set<string>();
    const requests: PlannedRequest[] = [];
    const pagers: Plan["pagers"] = [];
    const skipped: string[] = [];
    const invalid: string[] = [];
    const paths = new Set<string>();
    for (const field of Object.values(queryType.getFields())) {
      const variants = this.variants(field);
      if (!variants) {
        skipped.push(`${field.name}: an argument the generator cannot fill (${field.args.map((a) => `${a.name}: ${a.type}`).join(", ")})`);
        continue;
      }
      const type = getNamedType(field.type) as GraphQLCompositeType;
      // As deep as the request budget allows: the most levels (at most 4) whose base request splits into few pieces.
      const tooBig = (sel: Sel[]) => {
        const pieces = splitToFit(this.schema, "query", { kind: "field", name: field.name, args: variants[0]!.args, children: sel });
        return pieces.length > MAX_PIECES || pieces.reduce((n, p) => n + printOperation("query", [p]).length, 0) > MAX_BYTES;
      };
      let levels = DEFAULT_SELECTION.maxLevels;
      let fullBuilder = new SelectionBuilder(this.schema, DEFAULT_SELECTION);
      let fullSel = fullBuilder.build(type);
      while (levels > 1 && tooBig(fullSel)) {
        levels -= 1;
        fullBuilder = new SelectionBuilder(this.schema, { ...DEFAULT_SELECTION, maxLevels: levels });
        fullSel = fullBuilder.build(type);
      }
      this.levels.set(field.name, levels);
      const lightBuilder = new SelectionBuilder(this.schema, { ...LIGHT, maxLevels: Math.min(LIGHT.maxLevels, levels) });
      const lightSel = lightBuilder.build(type);
      for (const b of [fullBuilder, lightBuilder]) {
        for (const c of b.covered) covered.add(c);
        for (const c of b.unfillable) unfillable.add(c);
      }
      const connection = isWrapperType(type) && "getFields" in type && Boolean((type.getFields() as Record<string, unknown>).pageInfo);
      const nodeType = connection ? getNamedType((type.getFields() as Record<string, GraphQLField<unknown, unknown>>).nodes!.type).name : type.name;
      for (const variant of variants) {
        const root: FieldSel = { kind: "field", name: field.name, args: variant.args, children: variant.full ? fullSel : lightSel };
        const pieces = splitToFit(this.schema, "query", root);
        for (const p of fieldPaths([root])) paths.add(`${variant.full ? "" : "~"}${p}`);
        const membership = variant.byCanary || (variant.byOwner && PARTY_TYPES.has(nodeType));
        const variantKey = JSON.stringify([field.name, variant.args]);
        pieces.forEach((piece, i) => {
          const query = printOperation("query", [piece]);
          const errors = validate(this.schema, parse(query));
          if (errors.length) invalid.push(`${variant.label} [piece ${i + 1}]: ${errors.map((e) => e.message).join("; ")}`);
          else requests.push({ root: field.name, label: variant.label, variantKey, piece: i + 1, pieces: pieces.length, query, connection, membership, sel: piece });
        });
        if (connection) {
          const pagerSel: FieldSel = { kind: "field", name: field.name, args: variant.args, children: lightSel };
          const fitted = fits(this.schema, "query", [pagerSel]) ? pagerSel : splitToFit(this.schema, "query", pagerSel)[0]!;
          pagers.push({ root: field.name, variantKey, label: variant.label, membership, sel: fitted });
        }
      }
    }
    const all = new Set<string>();
    for (const type of Object.values(this.schema.getTypeMap())) {
      // Interfaces are selected through their implementations; mutations are covered by the mutation phase.
      if (type.name.startsWith("__") || !isObjectType(type) || type === this.schema.getMutationType()) continue;
      for (const f of Object.keys((type as { getFields(): Record<string, unknown> }).getFields())) all.add(`${type.name}.${f}`);
    }
    return {
      schema: this.schema,
      requests,
      pagers,
      skipped,
      coveredCoordinates: [...covered].filter((c) => all.has(c)).length,
      invalid,
      uncovered: [...all].filter((c) => !covered.has(c)).sort(),
      unfillable: [...unfillable].sort(),
      totalCoordinates: all.size,
      fieldPaths: new Set([...paths].map((p) => p.replace(/^~/, ""))).size,
    };
  }
}

/** Arguments that name one record: each planted record of a fitting kind gets the full selection. */
const ID_ROOTS = /^(id|partyId|recordId)$/;

/** The root selection with another `after`. */
export function withAfter(sel: FieldSel, after: string): FieldSel {
  return { ...sel, args: { ...sel.args, after: JSON.stringify(after) } };
}

export type { Sel };
