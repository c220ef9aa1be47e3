import { GraphQLInputObjectType, isInputObjectType, type GraphQLSchema } from "graphql";
import type { ImportKind } from "./types.js";

const cache = new WeakMap<GraphQLSchema, Map<string, GraphQLInputObjectType>>();

/**
 * The row type of a kind: the GraphQL input type of its upsert mutation (taken from the subgraph's built schema, so
 * every scalar, enum and mandatory field is the mutation's), without the hub-id fields a file cannot know, plus the
 * kind's natural-key reference fields. It is the one definition the import validates against and templates come from.
 */
export function importRowType(schema: GraphQLSchema, kind: ImportKind): GraphQLInputObjectType {
  let perSchema = cache.get(schema);
  if (!perSchema) cache.set(schema, (perSchema = new Map()));
  const cached = perSchema.get(kind.name);
  if (cached) return cached;
  const base = schema.getType(kind.inputType);
  if (!isInputObjectType(base)) throw new Error(`Import kind ${kind.name}: the schema has no input type ${kind.inputType}`);
  const fields = { ...base.toConfig().fields };
  for (const omitted of kind.omitFields ?? []) delete fields[omitted];
  Object.assign(fields, kind.extraFields?.(schema) ?? {});
  const rowType = new GraphQLInputObjectType({
    name: `${base.name}ImportRow`,
    description: `One ${kind.name} record of an import file: ${base.name} with natural-key references instead of hub ids.`,
    fields,
  });
  perSchema.set(kind.name, rowType);
  return rowType;
}
