import { badUserInput, hasRole, NOMINAL_READER_ROLES, requireRole, type RequestContext, type Viewer } from "@cix/core";
import type { RelationshipType } from "./analysis.enums.js";
import { analysisSettings } from "./analysis.settings.js";
import { ALL_RELATIONSHIPS } from "./graph.model.js";
import type { TimeWindow, TraversalOptions } from "./traversal.js";
import type { Reader } from "./traversal.repository.js";

/** Most starting records of one query. */
export const MAX_START_IDS = 50;
/** Relationships returned per node allowed, on average, before a network is truncated. */
const EDGES_PER_NODE = 10;

/**
 * Link analysis is for analysts (pseudonyms only), investigators and supervisors; partners and administrators
 * get no network structure (MODEL.md "Who may see what").
 */
export function requireAnalysisReader(ctx: RequestContext): { viewer: Viewer; reader: Reader } {
  const viewer = requireRole(ctx.viewer, "analyst", "investigator", "supervisor");
  return { viewer, reader: { agency: viewer.agency, withAccess: hasRole(viewer, ...NOMINAL_READER_ROLES) && !!viewer.purpose } };
}

export function checkHops(hops: number, field: string): number {
  const max = analysisSettings().maxHops;
  if (!Number.isInteger(hops) || hops < 1 || hops > max) throw badUserInput(field, `an integer from 1 to ${max} (CIX_MAX_HOPS)`);
  return hops;
}

export function checkLimit(limit: number, field: string): number {
  const max = analysisSettings().maxNodes;
  if (!Number.isInteger(limit) || limit < 1 || limit > max) throw badUserInput(field, `an integer from 1 to ${max} (CIX_ANALYSIS_MAX_NODES)`);
  return limit;
}

export function checkIds(ids: readonly string[], field: string, max = MAX_START_IDS): string[] {
  if (ids.length === 0 || ids.length > max) throw badUserInput(field, `1 to ${max} record ids`);
  return [...new Set(ids)];
}

/** The relationship types to follow: all analysis relationships by default; a given list must be non-empty. */
export function checkTypes(types: readonly RelationshipType[] | null | undefined, field: string): RelationshipType[] {
  if (types === null || types === undefined) return [...ALL_RELATIONSHIPS];
  if (types.length === 0) throw badUserInput(field, "at least one relationship type (or leave it out for all)");
  types.forEach((type, i) => {
    // The enum already refused anything else; this keeps the promise that only known types reach Cypher.
    if (!ALL_RELATIONSHIPS.includes(type)) throw badUserInput(`${field}[${i}]`, "a RelationshipType");
  });
  return [...new Set(types)];
}

export function checkWindow(since: string | null | undefined, until: string | null | undefined, prefix: string): TimeWindow {
  const from = since ? Date.parse(since) : null;
  const to = until ? Date.parse(until) : null;
  if (from !== null && to !== null && to < from) throw badUserInput(`${prefix}until`, "an instant on or after since");
  return { since: from, until: to };
}

/** Traversal options for a validated scope. */
export function traversalOptions(
  reader: Reader,
  scope: { types: RelationshipType[]; window: TimeWindow; limit: number },
): TraversalOptions {
  return {
    types: scope.types,
    window: scope.window,
    maxNodes: scope.limit,
    maxEdges: scope.limit * EDGES_PER_NODE,
    superDegree: analysisSettings().superDegree,
    reader,
  };
}

export interface ScopeArgs {
  from: string[];
  hops: number;
  relationshipTypes?: RelationshipType[] | null;
  since?: string | null;
  until?: string | null;
  limit: number;
}

export interface ValidScope {
  ids: string[];
  hops: number;
  types: RelationshipType[];
  window: TimeWindow;
  limit: number;
}

/** Validates the arguments of `network` (prefix "") or a `scope` input (prefix "scope."), before anything is read. */
export function validScope(args: ScopeArgs, prefix: string): ValidScope {
  return {
    ids: checkIds(args.from, `${prefix}from`),
    hops: checkHops(args.hops, `${prefix}hops`),
    types: checkTypes(args.relationshipTypes, `${prefix}relationshipTypes`),
    window: checkWindow(args.since, args.until, prefix),
    limit: checkLimit(args.limit, `${prefix}limit`),
  };
}
