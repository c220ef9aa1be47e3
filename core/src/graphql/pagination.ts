import { Directive, Field, ObjectType, type ClassType } from "type-graphql";
import { badUserInput } from "../errors.js";

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

/** Cursors are opaque to clients: base64url of the sort key values of the last item. */
export function encodeCursor(sortKey: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(sortKey)).toString("base64url");
}

export function decodeCursor(cursor: string | null | undefined, argName = "after"): unknown[] | null {
  if (cursor === null || cursor === undefined) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value)) return value;
  } catch {
    // fall through to the error below
  }
  throw badUserInput(argName, "a cursor returned as endCursor by an earlier page");
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
 * exists).
 */
export function toConnection<T>(rows: readonly T[], first: number, sortKeyOf: (row: T) => readonly unknown[]): ConnectionShape<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ cursor: encodeCursor(sortKeyOf(node)), node }));
  return {
    edges,
    nodes: page,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
