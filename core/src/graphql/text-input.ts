import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import {
  coerceInputValue,
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  GraphQLError,
  isInputObjectType,
  isInputType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  typeFromAST,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type VariableDefinitionNode,
} from "graphql";
import { Directive } from "type-graphql";
import { ErrorCode } from "../errors.js";

/**
 * Text hygiene: the one rule for every String value the hub accepts, in every GraphQL input (arguments and
 * input-object fields, inline literals and variables, lists at any depth) and in every import row.
 *
 * Refused in every string:
 * - C0 and C1 control characters, U+0000–U+001F and U+007F–U+009F (NUL, BEL, ESC and the terminal escape
 *   sequences it starts, NEL…), except TAB, LF and CR in free text;
 * - the bidirectional embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069 (the "Trojan Source"
 *   characters: they reorder how text is displayed, so what an officer reads is not what is stored);
 * - unpaired UTF-16 surrogates (U+D800–U+DFFF alone are not characters; JSON can carry them, Neo4j cannot store them
 *   faithfully).
 *
 * Refused as well in single-line strings (everything that is not marked `@multiline`: names, references, case
 * numbers, codes, identifiers, search text):
 * - TAB, LF and CR, and the Unicode LINE SEPARATOR and PARAGRAPH SEPARATOR U+2028/U+2029;
 * - the invisible bidirectional marks U+200E (LRM), U+200F (RLM) and U+061C (ALM). They cannot reorder text, so free
 *   text may use them for mixed-direction prose; in a name or key they only make two values that look identical
 *   compare different (a second "identical" case number, a name entity resolution cannot match).
 *
 * Everything else is kept, so letters of every script are welcome: Arabic, Cyrillic, CJK, Devanagari and other
 * scripts with combining marks, and ZERO WIDTH NON-JOINER / JOINER (U+200C/U+200D), which Persian and Indic names
 * need to be spelled correctly.
 *
 * Free text (multi-line) is a marking, not a list of names: the `@multiline` directive on an input field or argument
 * (`@Multiline()` in type-graphql). It is in the subgraph SDL, composed into the supergraph, and carried into the
 * import row types, so the schema says which fields take several lines and one place decides it.
 */

/** The directive that marks an input field or argument as free text (several lines). */
export const MULTILINE_DIRECTIVE = "multiline";

/** Its definition, for the subgraphs' SDL (see `graphql/federation.ts`). */
export const MULTILINE_DIRECTIVE_SDL = `"""Free text: the value may span several lines (TAB, LF, CR, U+2028/U+2029 and the bidirectional marks U+200E, U+200F, U+061C are allowed). Every other String input is a single line without them. No String input may contain other control characters (U+0000-U+001F, U+007F-U+009F), bidirectional embeddings, overrides or isolates (U+202A-U+202E, U+2066-U+2069) or unpaired surrogates."""
directive @${MULTILINE_DIRECTIVE} on INPUT_FIELD_DEFINITION | ARGUMENT_DEFINITION
`;

/**
 * Marks an input field (`@Field`) or an argument (`@Arg`) as free text: notes, descriptions, captions, reasons.
 * Every other String input is a single line.
 */
export function Multiline(): PropertyDecorator & ParameterDecorator {
  return Directive(`@${MULTILINE_DIRECTIVE}`);
}

/** Decides whether an input field or argument is free text. */
export type MultilinePolicy = (definition: GraphQLInputField | GraphQLArgument) => boolean;

/** Free text is what carries the `@multiline` directive (subgraphs, import row types). */
export const multilineByMarking: MultilinePolicy = (definition) =>
  definition.astNode?.directives?.some((d) => d.name.value === MULTILINE_DIRECTIVE) ?? false;

/**
 * Every string is treated as free text: only what no string may hold is refused. For a schema without the marking
 * (the gateway's API schema); the subgraphs then refuse line breaks in single-line fields.
 */
export const everyStringMultiline: MultilinePolicy = () => true;

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN_ALWAYS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/u;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN_IN_LINE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/u;

/** What the refused value should have been, for `extensions.expected`. */
export const TEXT_EXPECTED = {
  line:
    "a single line of text (letters of any script, digits, spaces, punctuation) without control characters, tabs, " +
    "line breaks, bidirectional controls or marks",
  multiline: "text (tabs and line breaks allowed) without other control characters, bidirectional overrides or isolates",
} as const;

/** Names of the characters most often found, for messages (others are named by their class). */
const NAMES: Record<number, string> = {
  0x00: "NULL",
  0x07: "BELL",
  0x08: "BACKSPACE",
  0x09: "CHARACTER TABULATION",
  0x0a: "LINE FEED",
  0x0b: "LINE TABULATION",
  0x0c: "FORM FEED",
  0x0d: "CARRIAGE RETURN",
  0x1b: "ESCAPE",
  0x7f: "DELETE",
  0x85: "NEXT LINE",
  0x9b: "CONTROL SEQUENCE INTRODUCER",
  0x061c: "ARABIC LETTER MARK",
  0x200e: "LEFT-TO-RIGHT MARK",
  0x200f: "RIGHT-TO-LEFT MARK",
  0x2028: "LINE SEPARATOR",
  0x2029: "PARAGRAPH SEPARATOR",
  0x202a: "LEFT-TO-RIGHT EMBEDDING",
  0x202b: "RIGHT-TO-LEFT EMBEDDING",
  0x202c: "POP DIRECTIONAL FORMATTING",
  0x202d: "LEFT-TO-RIGHT OVERRIDE",
  0x202e: "RIGHT-TO-LEFT OVERRIDE",
  0x2066: "LEFT-TO-RIGHT ISOLATE",
  0x2067: "RIGHT-TO-LEFT ISOLATE",
  0x2068: "FIRST STRONG ISOLATE",
  0x2069: "POP DIRECTIONAL ISOLATE",
};

/** A refused character in a string: which one, where (1-based, in characters) and why. */
export interface ForbiddenCharacter {
  codePoint: number;
  position: number;
  /** The character as `U+XXXX (NAME)`, never the character itself. */
  label: string;
  /** Why it is refused, e.g. "a control character". */
  reason: string;
}

/** `U+001B`, four hex digits at least. */
export function codePointLabel(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
}

function reasonFor(codePoint: number): string {
  if (codePoint === 0x09 || codePoint === 0x0a || codePoint === 0x0d || codePoint === 0x2028 || codePoint === 0x2029) {
    return "a tab or line break, allowed only in free-text fields (notes, descriptions, captions, reasons)";
  }
  if (codePoint <= 0x1f || (codePoint >= 0x7f && codePoint <= 0x9f)) return "a control character";
  if (codePoint === 0x200e || codePoint === 0x200f || codePoint === 0x061c) {
    return "an invisible bidirectional mark, allowed only in free-text fields";
  }
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return "an unpaired UTF-16 surrogate, which is not a character";
  return "an invisible bidirectional control";
}

/** The first character the rule refuses in `value`, or undefined when the value is clean. */
export function findForbiddenCharacter(value: string, multiline: boolean): ForbiddenCharacter | undefined {
  const match = (multiline ? FORBIDDEN_ALWAYS : FORBIDDEN_IN_LINE).exec(value);
  if (!match) return undefined;
  const codePoint = value.codePointAt(match.index)!;
  const name = NAMES[codePoint];
  return {
    codePoint,
    position: [...value.slice(0, match.index)].length + 1,
    label: name ? `${codePointLabel(codePoint)} (${name})` : codePointLabel(codePoint),
    reason: reasonFor(codePoint),
  };
}

/** A refused string value of an input: its field path and the character. */
export interface TextProblem {
  /** Field path, e.g. `input.goods[0].description` (or `goods[0].description` in an import row). */
  field: string;
  multiline: boolean;
  found: ForbiddenCharacter;
}

export function textProblemMessage(problem: TextProblem): string {
  const { field, found, multiline } = problem;
  return `Invalid value for ${field}: it contains ${found.label}, ${found.reason}, at character ${found.position}; expected ${TEXT_EXPECTED[multiline ? "multiline" : "line"]}.`;
}

/** The BAD_USER_INPUT error for a refused string: field path, expected form, the character as U+XXXX. */
export function textProblemError(problem: TextProblem): GraphQLError {
  return new GraphQLError(textProblemMessage(problem), {
    extensions: {
      code: ErrorCode.BAD_USER_INPUT,
      field: problem.field,
      expected: TEXT_EXPECTED[problem.multiline ? "multiline" : "line"],
      character: codePointLabel(problem.found.codePoint),
    },
  });
}

function join(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return path === "" ? key : `${path}.${key}`;
}

/**
 * Walks a coerced input value along its type and collects the strings the rule refuses (at most `limit`).
 * `multiline` applies to the value itself (a String argument or field); fields of input objects are decided by
 * `policy`. Non-string leaves (numbers, enums, dates as objects) are skipped; custom scalars are checked on the
 * value they produced when that is a string.
 */
export function findTextProblems(
  type: GraphQLInputType,
  value: unknown,
  path: string,
  multiline: boolean,
  policy: MultilinePolicy = multilineByMarking,
  limit = 1,
): TextProblem[] {
  const problems: TextProblem[] = [];
  const walk = (t: GraphQLInputType, v: unknown, p: string, free: boolean): void => {
    if (v === null || v === undefined || problems.length >= limit) return;
    const nullable = getNullableType(t);
    if (isListType(nullable)) {
      const item = nullable.ofType as GraphQLInputType;
      if (Array.isArray(v)) v.forEach((entry, i) => walk(item, entry, join(p, i), free));
      else walk(item, v, p, free);
      return;
    }
    if (isInputObjectType(nullable)) {
      if (typeof v !== "object") return;
      for (const field of Object.values(nullable.getFields())) {
        const child = (v as Record<string, unknown>)[field.name];
        if (child !== undefined) walk(field.type, child, join(p, field.name), policy(field));
      }
      return;
    }
    if (typeof v !== "string") return;
    const found = findForbiddenCharacter(v, free);
    if (found) problems.push({ field: p, multiline: free, found });
  };
  walk(type, value, path, multiline);
  return problems;
}

/** The first refused string of an argument or input value, as the GraphQL error; undefined when clean. */
export function checkInputText(
  type: GraphQLInputType,
  value: unknown,
  path: string,
  multiline: boolean,
  policy: MultilinePolicy = multilineByMarking,
): GraphQLError | undefined {
  const [problem] = findTextProblems(type, value, path, multiline, policy, 1);
  return problem ? textProblemError(problem) : undefined;
}

/**
 * A variable a custom scalar refused, as graphql-js words it (`Variable "$i" got invalid value "XXX" at
 * "i.goods[0].currency"; CurrencyCode "XXX" is …`) but keeping what graphql-js drops: the scalar's `expected`, and
 * the path as `extensions.field`. Other coercion problems (missing or mistyped values) are left to the execution.
 */
function scalarRefusalOfVariables(
  schema: GraphQLSchema,
  definitions: readonly VariableDefinitionNode[],
  inputs: Record<string, unknown>,
): GraphQLError | undefined {
  for (const definition of definitions) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type);
    if (!type || !isInputType(type) || !Object.prototype.hasOwnProperty.call(inputs, name)) continue;
    let refusal: GraphQLError | undefined;
    coerceInputValue(inputs[name], type, (path, invalid, error) => {
      if (refusal || error.extensions?.code !== ErrorCode.BAD_USER_INPUT) return;
      const field = path.reduce<string>((p, key) => join(p, key), name);
      const shown = typeof invalid === "string" ? JSON.stringify(invalid) : String(JSON.stringify(invalid) ?? invalid);
      const at = path.length > 0 ? ` at "${field}"` : "";
      refusal = new GraphQLError(`Variable "$${name}" got invalid value ${shown}${at}; ${error.message}`, {
        nodes: definition,
        extensions: { ...error.extensions, code: ErrorCode.BAD_USER_INPUT, field },
      });
    });
    if (refusal) return refusal;
  }
  return undefined;
}

/**
 * Checks every argument of every field the operation selects (through fragments too) with its coerced value,
 * inline literals and variables alike: the first refused string, or the first variable a scalar refused, as a
 * BAD_USER_INPUT error with `field` and `expected`. Problems graphql-js itself reports (missing variables, wrong
 * types) are left to the execution, which reports them as it always has.
 */
export function checkOperationInput(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  policy: MultilinePolicy = multilineByMarking,
): GraphQLError | undefined {
  const definitions = operation.variableDefinitions ?? [];
  const inputs = variables ?? {};
  const coerced = getVariableValues(schema, definitions, inputs, { maxErrors: 50 });
  if (coerced.errors) return scalarRefusalOfVariables(schema, definitions, inputs);
  const values = coerced.coerced;

  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const visited = new Set<string>();

  const visit = (parent: GraphQLNamedType | undefined, selectionSet: SelectionSetNode): GraphQLError | undefined => {
    for (const selection of selectionSet.selections) {
      let error: GraphQLError | undefined;
      if (selection.kind === Kind.FIELD) {
        const fieldDef = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[selection.name.value] : undefined;
        if (!fieldDef) continue;
        if (fieldDef.args.length > 0) {
          let args: Record<string, unknown>;
          try {
            args = getArgumentValues(fieldDef, selection, values);
          } catch {
            continue; // graphql-js reports it when it executes
          }
          for (const arg of fieldDef.args) {
            error = checkInputText(arg.type, args[arg.name], arg.name, policy(arg), policy);
            if (error) return error;
          }
        }
        if (selection.selectionSet) error = visit(getNamedType(fieldDef.type), selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        error = visit(type, selection.selectionSet);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || visited.has(name)) continue;
        visited.add(name);
        error = visit(schema.getType(fragment.typeCondition.name.value), fragment.selectionSet);
      }
      if (error) return error;
    }
    return undefined;
  };
  return visit(schema.getRootType(operation.operation) ?? undefined, operation.selectionSet);
}

export interface TextInputPluginOptions {
  /** Which inputs are free text (default: the `@multiline` marking). */
  policy?: MultilinePolicy;
  /**
   * HTTP status of a refusal. The gateway answers 400; a subgraph answers 200 so that the gateway hands the error
   * (code, field, expected) to the client instead of a generic subgraph failure.
   */
  status?: number;
}

/**
 * Apollo Server plugin: once the operation is known and before any resolver runs, every argument of the operation
 * passes the text rule (see the top of this file). A refusal answers with one BAD_USER_INPUT error and executes
 * nothing, so nothing is stored.
 */
export function textInputPlugin<TContext extends BaseContext>(options: TextInputPluginOptions = {}): ApolloServerPlugin<TContext> {
  const policy = options.policy ?? multilineByMarking;
  const status = options.status ?? 400;
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const error = checkOperationInput(schema, document, operation, request.variables, policy);
          if (error) {
            throw new GraphQLError(error.message, { nodes: error.nodes, extensions: { ...error.extensions, http: { status } } });
          }
        },
      };
    },
  };
}
