import { badUserInput } from "@cix/core";
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isCompositeType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  typeFromAST,
  valueFromASTUntyped,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from "graphql";

export interface CostOptions {
  /** Highest accepted cost of one operation. */
  maxCost: number;
  /** Hard maximum of any page-size argument (CIX_MAX_PAGE_SIZE); above it the operation is refused outright. */
  maxPageSize: number;
  /**
   * The most items a `limit`/`top` argument can ask for (CIX_ANALYSIS_MAX_NODES): a larger value is costed at this,
   * since the subgraph refuses it (with BAD_USER_INPUT naming the argument) and returns no more.
   */
  maxListSize: number;
  /** Assumed length of a list field that has no page-size argument (offenders, photos, route…). */
  defaultListSize: number;
  /** Each traversal hop multiplies the traversing field's own cost by this. */
  hopFactor: number;
}

export interface CostRequest {
  /** Raw request variables (not yet coerced): a page size given as `$first` counts with its value. */
  variables?: Record<string, unknown> | null;
  /** Only this operation of the document is measured (the one that will run). */
  operationName?: string | null;
}

/** Page sizes of connections: above CIX_MAX_PAGE_SIZE the request is refused here. */
const PAGE_SIZE_ARGS = ["first", "last"];
/** Other list sizes (link analysis: `network(limit)`, `paths(limit)`, `possibleMatches(limit)`, `centrality(top)`). */
const BOUND_ARGS = ["limit", "top"];
/** Every argument name that sizes the lists of a field, also as a field of an input-object argument (`scope.limit`). */
const LIST_SIZE_ARGS = [...PAGE_SIZE_ARGS, ...BOUND_ARGS];
const HOP_ARGS = ["hops", "maxHops"];

/**
 * Estimated cost of an operation, as a validation rule. graphql-armor's cost limit weighs every field alike and
 * cannot see that `first: 500` fetches 500 times what `first: 5` does; this one can:
 * - every object-typed field costs 1 (it is a fetch or a join), scalar fields cost 0;
 * - a list field multiplies the cost of everything under it by its length: its list-size argument `first`/`last`/
 *   `limit`/`top` (the argument's default when omitted; `limit`/`top` at most `maxListSize`), else such a field of an
 *   input-object argument (`scope: { limit: 500 }`), else the size given to the object-typed field it belongs to
 *   (a connection's `nodes`/`edges`, `network(limit) { nodes edges cut }`), else `defaultListSize`;
 * - a `hops`/`maxHops` argument, or such a field of an input-object argument (`scope: { hops: 3 }`), multiplies
 *   adds `hopFactor` to the power of the hops, once (graph traversals grow exponentially);
 * - a page size above the hard maximum is refused here, before any subgraph is asked.
 * The rule needs the request's variables, so it runs for every request (see cost-plugin.ts), not only when a
 * document is first validated.
 */
export function costLimitRule(options: CostOptions, request: CostRequest = {}): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      if (request.operationName && operation.name?.value !== request.operationName) return false;
      const root = context.getSchema().getRootType(operation.operation);
      if (!root) return false;
      const estimator = new CostEstimator(context, operation, options, request.variables ?? {});
      const cost = estimator.measure(operation.selectionSet, root, undefined);
      for (const error of estimator.pageSizeErrors.values()) context.reportError(error);
      if (cost > options.maxCost) {
        const found = Number.isFinite(cost) ? Math.ceil(cost) : Number.MAX_SAFE_INTEGER;
        context.reportError(
          new GraphQLError(
            `Query cost limit of ${options.maxCost} exceeded, found ${found} (${found - options.maxCost} over). ` +
              "A list multiplies the cost of what it contains: ask for fewer items (first, limit, top), fewer nested lists or fewer hops.",
            { nodes: [operation], extensions: { code: "GRAPHQL_VALIDATION_FAILED", limit: options.maxCost, found } },
          ),
        );
      }
      return false;
    },
  });
}

class CostEstimator {
  /** Page-size violations by message (a fragment reached twice reports once). */
  readonly pageSizeErrors = new Map<string, GraphQLError>();
  /** Fragment costs by name and inherited page size: without this, nested spreads grow exponentially. */
  private readonly fragmentCosts = new Map<string, number>();

  constructor(
    private readonly context: ValidationContext,
    private readonly operation: OperationDefinitionNode,
    private readonly options: CostOptions,
    private readonly variables: Record<string, unknown>,
  ) {}

  /** Cost of a selection set on `type`; `pageSize` is a connection's `first`, applied to its list fields. */
  measure(set: SelectionSetNode, type: GraphQLCompositeType, pageSize: number | undefined): number {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        total += this.field(selection, type, pageSize);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += this.measure(selection.selectionSet, this.narrow(selection.typeCondition, type), pageSize);
      } else {
        total += this.fragment(selection.name.value, pageSize);
      }
    }
    return total;
  }

  private fragment(name: string, pageSize: number | undefined): number {
    const key = `${name}\u0000${pageSize ?? ""}`;
    const known = this.fragmentCosts.get(key);
    if (known !== undefined) return known;
    const fragment = this.context.getFragment(name);
    if (!fragment) return 0;
    this.fragmentCosts.set(key, 0); // a cycle (already refused by validation) must not recurse forever
    const cost = this.measure(fragment.selectionSet, this.narrow(fragment.typeCondition, undefined), pageSize);
    this.fragmentCosts.set(key, cost);
    return cost;
  }

  private narrow(condition: Parameters<typeof typeFromAST>[1] | undefined, fallback: GraphQLCompositeType | undefined): GraphQLCompositeType {
    const type = condition ? typeFromAST(this.context.getSchema(), condition) : fallback;
    if (type && isCompositeType(type)) return type;
    return fallback ?? this.context.getSchema().getQueryType()!;
  }

  private field(node: FieldNode, parent: GraphQLCompositeType, inheritedPageSize: number | undefined): number {
    if (node.name.value.startsWith("__")) return 0;
    if (!isObjectType(parent) && !isInterfaceType(parent)) return 0;
    const def = parent.getFields()[node.name.value];
    if (!def) return 0;
    const pageSize = this.listSize(node, def, parent.name);
    const isList = isListType(getNullableType(def.type));
    const length = isList ? (pageSize ?? inheritedPageSize ?? this.options.defaultListSize) : 1;
    const named = getNamedType(def.type);
    const hops = this.hops(node, def);
    // The traversal runs once, however many items (communities, scores) its result lists.
    const traversal = hops > 0 ? this.options.hopFactor ** hops : 0;
    const own = isLeafType(named) ? 0 : 1;
    const children = node.selectionSet && isCompositeType(named) ? this.measure(node.selectionSet, named, isList ? undefined : pageSize) : 0;
    return traversal + length * (own + children);
  }

  /**
   * How many items the field's lists hold: a page size (`first`/`last`; one above the hard maximum is recorded as
   * an error and costed at the maximum), else a `limit`/`top` (at most `maxListSize`), else the largest list-size
   * field inside its input-object arguments (`scope.limit`); undefined when the field has none.
   */
  private listSize(node: FieldNode, def: GraphQLField<unknown, unknown>, parentName: string): number | undefined {
    const page = this.intArgument(node, def, PAGE_SIZE_ARGS);
    if (page) {
      const max = this.options.maxPageSize;
      if (Number.isFinite(page.value) && page.value <= max) return Math.max(0, page.value);
      const message = `Page size ${page.name}: ${page.value} on ${parentName}.${def.name} is over the maximum of ${max}.`;
      this.pageSizeErrors.set(message, badUserInput(page.name, `an integer from 1 to ${max}`, message));
      return max;
    }
    const bound = this.intArgument(node, def, BOUND_ARGS)?.value ?? this.inputObjectNumber(node, def, LIST_SIZE_ARGS);
    if (bound === undefined) return undefined;
    return Math.max(0, Math.min(bound, this.options.maxListSize));
  }

  /** The traversal depth a field asks for: its own `hops`/`maxHops`, else the deepest one inside its input-object arguments. */
  private hops(node: FieldNode, def: GraphQLField<unknown, unknown>): number {
    const own = this.intArgument(node, def, HOP_ARGS)?.value;
    if (own !== undefined) return own;
    return this.inputObjectNumber(node, def, HOP_ARGS) ?? 0;
  }

  /**
   * The largest value of a field named one of `names` inside the field's input-object arguments (as given, or the
   * input field's default), or undefined when no input-object argument has such a field.
   */
  private inputObjectNumber(node: FieldNode, def: GraphQLField<unknown, unknown>, names: string[]): number | undefined {
    let largest: number | undefined;
    for (const argDef of def.args) {
      const inputType = getNamedType(argDef.type);
      if (!isInputObjectType(inputType)) continue;
      const inputField = Object.values(inputType.getFields()).find((f) => names.includes(f.name));
      if (!inputField) continue;
      const given = this.argumentValue(node, argDef.name, argDef.defaultValue);
      const value = given && typeof given === "object" ? (given as Record<string, unknown>)[inputField.name] : undefined;
      const found = typeof value === "number" && !Number.isNaN(value) ? value : inputField.defaultValue;
      if (typeof found === "number") largest = Math.max(largest ?? found, found);
    }
    return largest;
  }

  /** An argument's value from a literal (variables inside it resolved) or a variable, else `fallback`. */
  private argumentValue(node: FieldNode, name: string, fallback: unknown): unknown {
    const given = node.arguments?.find((a) => a.name.value === name)?.value;
    if (!given) return fallback;
    const variables: Record<string, unknown> = { ...this.variables };
    for (const definition of this.operation.variableDefinitions ?? []) {
      const variable = definition.variable.name.value;
      if (variables[variable] === undefined && definition.defaultValue) variables[variable] = valueFromASTUntyped(definition.defaultValue);
    }
    return valueFromASTUntyped(given, variables);
  }

  /** A numeric argument from a literal, a variable (its value or default) or the argument's own default. */
  private intArgument(node: FieldNode, def: GraphQLField<unknown, unknown>, names: string[]): { name: string; value: number } | undefined {
    for (const name of names) {
      const argDef = def.args.find((a) => a.name === name);
      if (!argDef) continue;
      const given = node.arguments?.find((a) => a.name.value === name)?.value;
      let value: unknown = argDef.defaultValue;
      if (given?.kind === Kind.VARIABLE) {
        const variable = given.name.value;
        const definition = this.operation.variableDefinitions?.find((d) => d.variable.name.value === variable);
        value = this.variables[variable] ?? (definition?.defaultValue ? valueFromASTUntyped(definition.defaultValue) : argDef.defaultValue);
      } else if (given) {
        value = valueFromASTUntyped(given);
      }
      if (typeof value !== "number" || Number.isNaN(value)) value = argDef.defaultValue; // coercion will refuse it
      if (typeof value === "number") return { name, value };
    }
    return undefined;
  }
}
