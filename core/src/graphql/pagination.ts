import { Directive, Field, ObjectType, type ClassType } from "type-graphql";
import { loadConfig } from "../config.js";
import { badUserInput } from "../errors.js";
import { openCursor, sealCursor, type CursorScope } from "./cursors.js";

@Directive("@shareable")
@ObjectType({ description: "Where a page of a connection sits in the whole list (Relay cursor pagination)." })
export class PageInfo {
  @Field(() => Boolean, { description: "Whether more items follow this page." })
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: "Cursor of the last item; pass it as `after` for the next page." })
  endCursor: string | null;
}

export interface ConnectionShape<T> {
  edges: Array<{ cursor: string; node: T }>;
  nodes: T[];
  pageInfo: PageInfo;
}

/**
 * A Relay connection type (`<Name>Connection` with `<Name>Edge`) for a node class. Every list in the hub is
 * one of these, so clients page the same way everywhere.
 */
export function Connection<T extends object>(name: string, nodeClass: ClassType<T>): ClassType<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a page, with its cursor.` })
  class Edge {
    @Field(() => String, { description: "Opaque cursor of this item." })
    cursor: string;

    @Field(() => nodeClass, { description: `The ${name}.` })
    node: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items.` })
  class ConnectionClass {
    @Field(() => [Edge], { description: "The items of this page with their cursors." })
    edges: Edge[];

    @Field(() => [nodeClass], { description: "The items of this page (shortcut for edges.node)." })
    nodes: T[];

    @Field(() => PageInfo, { description: "Paging information." })
    pageInfo: PageInfo;
  }
  return ConnectionClass;
}

/** Validates a `first` argument against the hard maximum page size. */
export function pageSize(first: number, max: number, argName = "first"): number {
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw badUserInput(argName, `an integer from 1 to ${max}`);
  }
  return first;
}

/**
 * Builds a connection from rows fetched with `LIMIT first + 1` (the extra row only tells whether a next page
 * exists), its cursors sealed for the list's scope.
 */
export function toConnection<T>(
  rows: readonly T[],
  first: number,
  sortKeyOf: (row: T) => readonly unknown[],
  scope: CursorScope,
): ConnectionShape<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ cursor: sealCursor(sortKeyOf(node), scope), node }));
  return {
    edges,
    nodes: page,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

let maxPageSize: number | undefined;

/** `first`, checked against the hub's hard maximum (CIX_MAX_PAGE_SIZE). */
export function checkedFirst(first: number, argName = "first"): number {
  maxPageSize ??= loadConfig().CIX_MAX_PAGE_SIZE;
  return pageSize(first, maxPageSize, argName);
}

/** Where the previous page ended in a newest-first list: the sort instant and id of its last item (null: first page). */
export interface Keyset {
  afterAt: string | null;
  afterId: string | null;
}

/** Opens an `after` cursor made by `toConnection(rows, first, (r) => [r.<sortAt>, r.id], scope)`. */
export function keysetAfter(after: string | null | undefined, scope: CursorScope, argName = "after"): Keyset {
  const cursor = openCursor(after, scope, argName);
  if (!cursor) return { afterAt: null, afterId: null };
  const [at, id] = cursor;
  if (typeof at !== "string" || Number.isNaN(Date.parse(at)) || typeof id !== "string") {
    throw badUserInput(argName, "a cursor returned as endCursor by an earlier page");
  }
  return { afterAt: at, afterId: id };
}

/**
 * Cypher condition for "after the cursor" in `ORDER BY <v>.<prop> DESC, <v>.id` order, reading `$afterAt` and
 * `$afterId` (true on the first page). `variable` and `property` are constants of the calling repository.
 */
export function afterKeyset(variable: string, property: string): string {
  const key = `${variable}.${property}`;
  return `($afterAt IS NULL OR ${key} < datetime($afterAt) OR (${key} = datetime($afterAt) AND ${variable}.id > $afterId))`;
}
