import { readFileSync } from "node:fs";
import { Supergraph } from "@apollo/federation-internals";
import {
  getNamedType,
  getNullableType,
  isAbstractType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  parseValue,
  valueFromASTUntyped,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from "graphql";

/**
 * Selection trees generated from the client-facing API schema (the committed supergraph's API schema, what the
 * gateway serves), and the gateway's request limits applied to them (depth, aliases, cost, document size), so a
 * generated selection can be split into requests the gateway accepts.
 */

/** The API schema clients see, built from the committed supergraph. */
export function loadApiSchema(): GraphQLSchema {
  const sdl = readFileSync(new URL("../../../schema/supergraph.graphql", import.meta.url), "utf8");
  return Supergraph.build(sdl).apiSchema().toGraphQLJSSchema();
}

export interface FieldSel {
  kind: "field";
  name: string;
  alias?: string;
  /** Argument name → GraphQL literal text (already printed). */
  args?: Record<string, string>;
  children?: Sel[];
}

export interface FragSel {
  kind: "frag";
  on: string;
  children: Sel[];
}

export type Sel = FieldSel | FragSel;

export interface SelectionOptions {
  /** Levels of records (types with an id, interfaces, unions); values, connections, edges and PageInfo do not count. */
  maxLevels: number;
  /** Deepest field nesting, the root field being 1 (the gateway's depth limit counts the same way). */
  maxFieldDepth: number;
  /** How often one type may occur on one path (2: Person → Association → Person, but no further). */
  maxTypeRepeats: number;
  /** `first` of every nested connection. */
  pageSize: number;
  /** How often one relationship (Type.field to a record type) is expanded in full in one tree. */
  maxEdgeExpansions: number;
}

export const DEFAULT_SELECTION: SelectionOptions = { maxLevels: 4, maxFieldDepth: 12, maxTypeRepeats: 2, pageSize: 2, maxEdgeExpansions: 1 };

const PAGE_SIZE_ARGS = ["first", "last"];
/** Other list sizes: link analysis `limit` and `top`. */
const BOUND_ARGS = ["limit", "top"];

/** Connections, their edges and PageInfo are wrappers: they do not count as a level of records. */
export function isWrapperType(type: GraphQLNamedType): boolean {
  return /Connection$|Edge$/.test(type.name) || type.name === "PageInfo";
}

/** A record: a type with an id, or an interface or union of them. Other object types are values held by a record. */
export function isRecordType(type: GraphQLNamedType): boolean {
  if (isWrapperType(type)) return false;
  if (isAbstractType(type)) return true;
  return isObjectType(type) && Boolean(type.getFields().id);
}

/** A field can be selected without arguments of our own (every required argument has a default, or is a page size). */
function selectable(field: GraphQLField<unknown, unknown>): boolean {
  return field.args.every((a) => !isNonNullType(a.type) || a.defaultValue !== undefined || PAGE_SIZE_ARGS.includes(a.name));
}

function pageArgs(field: GraphQLField<unknown, unknown>, pageSize: number): Record<string, string> | undefined {
  const arg = field.args.find((a) => PAGE_SIZE_ARGS.includes(a.name));
  return arg ? { [arg.name]: String(pageSize) } : undefined;
}

interface Walk {
  levels: number;
  depth: number;
  seen: Map<string, number>;
}

interface Pending {
  type: GraphQLCompositeType;
  walk: Walk;
  /** Where the built selection goes. */
  into: Sel[];
}

/**
 * Every field of `type` reachable within the bounds, with inline fragments on every possible type of interfaces and
 * unions. The walk is breadth first, and each relationship (Type.field to a record type) is expanded in full at most
 * `maxEdgeExpansions` times per tree, at the shallowest places it occurs (where the data is); elsewhere, and where a
 * bound stops the walk, a record is still selected by its id (or __typename), so links stay visible.
 */
export class SelectionBuilder {
  /** Schema coordinates (Type.field) the built selections contain. */
  readonly covered = new Set<string>();
  /** Schema coordinates left out because they need arguments the walk cannot fill. */
  readonly unfillable = new Set<string>();

  constructor(
    readonly schema: GraphQLSchema,
    readonly options: SelectionOptions = DEFAULT_SELECTION,
  ) {}

  /** The selection under a field whose named type is `type`, the field itself being at `depth`. */
  build(type: GraphQLCompositeType, depth = 1): Sel[] {
    const expansions = new Map<string, number>();
    const root: Sel[] = [];
    const queue: Pending[] = [{ type, walk: { levels: 0, depth, seen: new Map() }, into: root }];
    while (queue.length) {
      const item = queue.shift()!;
      item.into.push(...this.composite(item.type, item.walk, expansions, queue));
    }
    return root;
  }

  private composite(type: GraphQLCompositeType, walk: Walk, expansions: Map<string, number>, queue: Pending[]): Sel[] {
    const record = isRecordType(type);
    const levels = record ? walk.levels + 1 : walk.levels;
    const repeats = (walk.seen.get(type.name) ?? 0) + (isWrapperType(type) ? 0 : 1);
    const deeper = levels <= this.options.maxLevels && repeats <= this.options.maxTypeRepeats && walk.depth < this.options.maxFieldDepth;
    if (!deeper) return this.minimal(type, walk.depth);
    const seen = new Map(walk.seen).set(type.name, repeats);
    const next: Walk = { levels, depth: walk.depth, seen };
    if (isAbstractType(type)) {
      const possible = this.schema.getPossibleTypes(type);
      return [{ kind: "field", name: "__typename" }, ...aliasConflicts(possible.map((t): FragSel => ({ kind: "frag", on: t.name, children: this.objectFields(t, next, expansions, queue) })), this.schema)];
    }
    if (/Edge$/.test(type.name) && type.getFields().node) return this.edgeFields(type, next);
    return this.objectFields(type, next, expansions, queue);
  }

  private objectFields(type: GraphQLObjectType, walk: Walk, expansions: Map<string, number>, queue: Pending[]): Sel[] {
    const out: Sel[] = [];
    for (const field of Object.values(type.getFields())) {
      const coordinate = `${type.name}.${field.name}`;
      if (!selectable(field)) {
        this.unfillable.add(coordinate);
        continue;
      }
      this.covered.add(coordinate);
      const named = getNamedType(field.type);
      const args = pageArgs(field, this.options.pageSize);
      if (isLeafType(named)) {
        out.push({ kind: "field", name: field.name, ...(args ? { args } : {}) });
        continue;
      }
      const composite = named as GraphQLCompositeType;
      // Past the last level a record's relationships are left out (its own values are selected above).
      if (isRecordType(composite) && walk.levels >= this.options.maxLevels) continue;
      const children: Sel[] = [];
      out.push({ kind: "field", name: field.name, ...(args ? { args } : {}), children });
      const expanded = expansions.get(coordinate) ?? 0;
      // Value objects (no id: markings, places, declared parties…) are always expanded: they are the record's own data.
      const relationship = isRecordType(composite);
      if (relationship && expanded >= this.options.maxEdgeExpansions) {
        children.push(...this.minimal(composite, walk.depth + 1));
        continue;
      }
      if (relationship) expansions.set(coordinate, expanded + 1);
      queue.push({ type: composite, walk: { ...walk, depth: walk.depth + 1 }, into: children });
    }
    return out;
  }

  /** An edge: its own leaves (cursor, score) and its node by id; the node's fields come through `nodes`. */
  private edgeFields(type: GraphQLObjectType, walk: Walk): Sel[] {
    const out: Sel[] = [];
    for (const field of Object.values(type.getFields())) {
      this.covered.add(`${type.name}.${field.name}`);
      const named = getNamedType(field.type);
      if (isLeafType(named)) out.push({ kind: "field", name: field.name });
      else out.push({ kind: "field", name: field.name, children: this.minimal(named as GraphQLCompositeType, walk.depth + 1) });
    }
    return out;
  }

  /** The least selection that still names the record: its id, else __typename (fragments for abstract types). */
  minimal(type: GraphQLCompositeType, depth: number): Sel[] {
    if (isAbstractType(type)) {
      return [
        { kind: "field", name: "__typename" },
        ...this.schema.getPossibleTypes(type).filter((t) => t.getFields().id).map((t): Sel => ({ kind: "frag", on: t.name, children: [{ kind: "field", name: "id" }] })),
      ];
    }
    const fields = type.getFields();
    // A connection at the edge of the walk: whether it holds anything is itself information (a link, a count).
    if (fields.pageInfo && fields.nodes && depth + 2 <= this.options.maxFieldDepth) {
      this.covered.add(`${type.name}.pageInfo`);
      this.covered.add(`${type.name}.nodes`);
      const node = getNamedType(fields.nodes.type) as GraphQLCompositeType;
      return [
        { kind: "field", name: "pageInfo", children: [{ kind: "field", name: "hasNextPage" }, { kind: "field", name: "endCursor" }] },
        { kind: "field", name: "nodes", children: this.minimal(node, depth + 1) },
      ];
    }
    if (fields.id) {
      this.covered.add(`${type.name}.id`);
      return [{ kind: "field", name: "id" }];
    }
    return [{ kind: "field", name: "__typename" }];
  }
}

/**
 * Fragments on the possible types of one abstract type may not select one response name with different types
 * (`shipments` is a list on Seizure and a connection on Person): such fields get an alias naming their type.
 * Aliases are counted against the gateway's limit like any other.
 */
function aliasConflicts(frags: FragSel[], schema: GraphQLSchema): FragSel[] {
  const typeOf = (on: string, name: string) => (schema.getType(on) as GraphQLObjectType).getFields()[name]?.type.toString();
  const seen = new Map<string, Set<string>>();
  for (const frag of frags) {
    for (const sel of frag.children) {
      if (sel.kind !== "field" || sel.name.startsWith("__")) continue;
      const types = seen.get(sel.name) ?? new Set<string>();
      types.add(typeOf(frag.on, sel.name) ?? "");
      seen.set(sel.name, types);
    }
  }
  const conflicting = new Set([...seen].filter(([, types]) => types.size > 1).map(([name]) => name));
  if (conflicting.size === 0) return frags;
  return frags.map((frag) => ({
    ...frag,
    children: frag.children.map((sel) => (sel.kind === "field" && conflicting.has(sel.name) ? { ...sel, alias: `${frag.on}_${sel.name}` } : sel)),
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Printing and measuring

function key(sel: Sel): string {
  if (sel.kind === "frag") return `... on ${sel.on}`;
  return `${sel.alias ?? ""}:${sel.name}(${Object.entries(sel.args ?? {}).map(([k, v]) => `${k}:${v}`).join(",")})`;
}

export function printSel(sel: Sel): string {
  if (sel.kind === "frag") return `... on ${sel.on} { ${sel.children.map(printSel).join(" ")} }`;
  const args = sel.args && Object.keys(sel.args).length ? `(${Object.entries(sel.args).map(([k, v]) => `${k}: ${v}`).join(", ")})` : "";
  const head = `${sel.alias ? `${sel.alias}: ` : ""}${sel.name}${args}`;
  return sel.children?.length ? `${head} { ${sel.children.map(printSel).join(" ")} }` : head;
}

export function printOperation(operation: "query" | "mutation", roots: Sel[]): string {
  return `${operation} { ${roots.map(printSel).join(" ")} }`;
}

/**
 * One root field as a request whose root arguments are variables: requests that differ only in their arguments
 * then share one document, which the gateway plans once (planning a large federated query costs seconds).
 */
export function toRequest(schema: GraphQLSchema, operation: "query" | "mutation", sel: FieldSel): { query: string; variables: Record<string, unknown> } {
  const root = operation === "query" ? schema.getQueryType()! : schema.getMutationType()!;
  const def = root.getFields()[sel.name];
  const definitions: string[] = [];
  const variables: Record<string, unknown> = {};
  const args: Record<string, string> = {};
  for (const [name, text] of Object.entries(sel.args ?? {})) {
    const argDef = def?.args.find((a) => a.name === name);
    if (!argDef || text.startsWith("$")) {
      args[name] = text;
      continue;
    }
    definitions.push(`$${name}: ${argDef.type.toString()}`);
    variables[name] = valueFromASTUntyped(parseValue(text));
    args[name] = `$${name}`;
  }
  const query = printOperation(operation, [{ ...sel, args }]);
  return { query: definitions.length ? query.replace(/^(query|mutation) \{/, `$1(${definitions.join(", ")}) {`) : query, variables };
}

/** Two selections of the same field merged (children united recursively). */
export function mergeSels(a: Sel[], b: Sel[]): Sel[] {
  const out = a.map((s) => ({ ...s }) as Sel);
  for (const sel of b) {
    const i = out.findIndex((s) => key(s) === key(sel));
    if (i < 0) {
      out.push(sel);
      continue;
    }
    const existing = out[i]!;
    if (existing.kind === "frag" && sel.kind === "frag") out[i] = { ...existing, children: mergeSels(existing.children, sel.children) };
    else if (existing.kind === "field" && sel.kind === "field" && (existing.children || sel.children)) {
      out[i] = { ...existing, children: mergeSels(existing.children ?? [], sel.children ?? []) };
    }
  }
  return out;
}

export interface Limits {
  maxCost: number;
  maxBytes: number;
  maxTokens: number;
  maxAliases: number;
  maxDepth: number;
  defaultListSize: number;
  /** Largest `limit`/`top` the cost counts (CIX_ANALYSIS_MAX_NODES). */
  maxListSize: number;
  hopFactor: number;
}

/** The gateway's defaults (README "Limits and how to tune them"), with some room below each. */
export const GATEWAY_LIMITS: Limits = { maxCost: 40_000, maxBytes: 28_000, maxTokens: 4_200, maxAliases: 28, maxDepth: 12, defaultListSize: 10, maxListSize: 2000, hopFactor: 10 };

/**
 * The gateway's cost estimate (README "The cost estimate"): an object field costs 1, a list multiplies what it holds
 * by its `first` (or its connection's page size, or the default list size), `hops`/`maxHops` add hopFactor^hops.
 */
export function estimateCost(schema: GraphQLSchema, operation: "query" | "mutation", roots: Sel[], limits: Limits = GATEWAY_LIMITS): number {
  const root = operation === "query" ? schema.getQueryType()! : schema.getMutationType()!;
  const measure = (sels: Sel[], type: GraphQLCompositeType, pageSize: number | undefined): number => {
    let total = 0;
    for (const sel of sels) {
      if (sel.kind === "frag") {
        total += measure(sel.children, schema.getType(sel.on) as GraphQLCompositeType, pageSize);
        continue;
      }
      if (sel.name.startsWith("__") || (!isObjectType(type) && !isInterfaceType(type))) continue;
      const def = type.getFields()[sel.name];
      if (!def) continue;
      const own = listSize(def, sel.args ?? {}, limits);
      const isList = isListType(getNullableType(def.type));
      const length = isList ? (own ?? pageSize ?? limits.defaultListSize) : 1;
      const named = getNamedType(def.type);
      const hopsText = sel.args?.hops ?? sel.args?.maxHops ?? /hops:\s*(\d+)/.exec(sel.args?.scope ?? "")?.[1];
      const hopsDefault = def.args.find((a) => a.name === "hops" || a.name === "maxHops")?.defaultValue ?? (def.args.some((a) => a.name === "scope") ? 2 : undefined);
      const hops = hopsText !== undefined ? Number(hopsText) : typeof hopsDefault === "number" ? hopsDefault : 0;
      const traversal = hops > 0 ? limits.hopFactor ** hops : 0;
      const children = sel.children && !isLeafType(named) ? measure(sel.children, named as GraphQLCompositeType, isList ? undefined : own) : 0;
      total += traversal + length * ((isLeafType(named) ? 0 : 1) + children);
    }
    return total;
  };
  return measure(roots, root, undefined);
}

/**
 * The list size a field asks for: `first`/`last`, else `limit`/`top` (at most the analysis node limit), else such a
 * field of an input-object argument (`scope: { limit }`), each from the request or the argument's default.
 */
function listSize(def: GraphQLField<unknown, unknown>, args: Record<string, string>, limits: Limits): number | undefined {
  const fromArg = (names: string[]) => {
    for (const name of names) {
      const argDef = def.args.find((a) => a.name === name);
      if (!argDef) continue;
      const given = args[name];
      const value = given !== undefined ? Number(given) : argDef.defaultValue;
      if (typeof value === "number" && !Number.isNaN(value)) return value;
    }
    return undefined;
  };
  const page = fromArg(PAGE_SIZE_ARGS);
  if (page !== undefined) return page;
  const bound = fromArg(BOUND_ARGS);
  if (bound !== undefined) return Math.min(bound, limits.maxListSize);
  let largest: number | undefined;
  for (const argDef of def.args) {
    const input = getNamedType(argDef.type);
    if (!isInputObjectType(input)) continue;
    for (const field of Object.values(input.getFields()).filter((f) => [...PAGE_SIZE_ARGS, ...BOUND_ARGS].includes(f.name))) {
      const given = new RegExp(`\\b${field.name}:\\s*(\\d+)`).exec(args[argDef.name] ?? "")?.[1];
      const value = given !== undefined ? Number(given) : field.defaultValue;
      if (typeof value === "number") largest = Math.max(largest ?? value, Math.min(value, limits.maxListSize));
    }
  }
  return largest;
}

export function depthOf(sels: Sel[]): number {
  return Math.max(0, ...sels.map((s) => (s.kind === "frag" ? depthOf(s.children) : 1 + depthOf(s.children ?? []))));
}

export function aliasesOf(sels: Sel[]): number {
  return sels.reduce((n, s) => n + (s.kind === "field" && s.alias ? 1 : 0) + aliasesOf(s.kind === "frag" ? s.children : (s.children ?? [])), 0);
}

export function tokensOf(text: string): number {
  return (text.match(/\.\.\.|"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|[A-Za-z_][A-Za-z0-9_]*|[{}():!$@[\]=|&]/g) ?? []).length;
}

export function fits(schema: GraphQLSchema, operation: "query" | "mutation", roots: Sel[], limits: Limits = GATEWAY_LIMITS): boolean {
  const text = printOperation(operation, roots);
  return (
    Buffer.byteLength(text) <= limits.maxBytes &&
    tokensOf(text) <= limits.maxTokens &&
    aliasesOf(roots) <= limits.maxAliases &&
    depthOf(roots) <= limits.maxDepth &&
    estimateCost(schema, operation, roots, limits) <= limits.maxCost
  );
}

/**
 * Splits one root field's selection into pieces that each fit the limits: leaves stay in every piece, object
 * children are split recursively, and pieces are merged again greedily while they fit. Every field of the input is
 * in at least one piece.
 */
export function splitToFit(schema: GraphQLSchema, operation: "query" | "mutation", root: FieldSel, limits: Limits = GATEWAY_LIMITS): FieldSel[] {
  const wrapRoot = (r: FieldSel) => [r];
  const pieces = split(root, wrapRoot);
  const merged: FieldSel[] = [];
  let batch: FieldSel | undefined;
  for (const piece of pieces) {
    if (!batch) {
      batch = piece;
      continue;
    }
    const candidate = { ...batch, children: mergeSels(batch.children ?? [], piece.children ?? []) };
    if (fits(schema, operation, [candidate], limits)) batch = candidate;
    else {
      merged.push(batch);
      batch = piece;
    }
  }
  if (batch) merged.push(batch);
  return merged;

  function split<T extends FieldSel | FragSel>(node: T, wrap: (n: T) => Sel[]): T[] {
    if (fits(schema, operation, wrap(node), limits)) return [node];
    const children = (node.kind === "frag" ? node.children : node.children) ?? [];
    const leaves = children.filter((c) => c.kind === "field" && !c.children);
    const inner = children.filter((c) => !(c.kind === "field" && !c.children));
    if (inner.length === 0) return [node];
    const withChildren = (list: Sel[]) => ({ ...node, children: list }) as T;
    const out: T[] = [];
    for (const child of inner) {
      const childPieces = split(child, (piece) => wrap(withChildren([...leaves, piece])));
      for (const piece of childPieces) out.push(withChildren([...leaves, piece]));
    }
    return out;
  }
}

/** Every selected field as a response-shaped path ("person.associates.person.fullName"), fragments marked. */
export function fieldPaths(sels: Sel[], prefix = ""): string[] {
  return sels.flatMap((s) => {
    if (s.kind === "frag") return fieldPaths(s.children, `${prefix}<${s.on}>`);
    const here = `${prefix}${prefix && !prefix.endsWith(">") ? "." : prefix.endsWith(">") ? "." : ""}${s.name}`;
    return s.children ? fieldPaths(s.children, here) : [here];
  });
}

/** The named type of a root (Query or Mutation) field. */
export function rootFieldType(schema: GraphQLSchema, operation: "query" | "mutation", name: string): GraphQLNamedType {
  const root = operation === "query" ? schema.getQueryType()! : schema.getMutationType()!;
  return getNamedType(root.getFields()[name]!.type);
}

