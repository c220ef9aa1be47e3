import { badUserInput, type Tx } from "@cix/core";
import type { RelationshipType } from "./analysis.enums.js";
import { isNominal } from "./graph.model.js";
import { findStarts, incidentEdges, nodeAccess, nodeDetails, type NodeDetails, type Reader } from "./traversal.repository.js";
import { Subgraph, type GraphEdge, type GraphNode } from "./subgraph.js";

/** Dated relationships outside the window are not followed; undated ones always are. */
export interface TimeWindow {
  since: number | null;
  until: number | null;
}

export interface TraversalOptions {
  types: readonly RelationshipType[];
  window: TimeWindow;
  maxNodes: number;
  maxEdges: number;
  superDegree: number;
  reader: Reader;
}

/** Most relationship rows one hop reads, whatever the frontier (a last guard behind the degree limit). */
const MAX_ROWS_PER_HOP = 100_000;

const DAY_MS = 24 * 60 * 60 * 1000;

export function inWindow(edge: GraphEdge, window: TimeWindow): boolean {
  const { since, until } = window;
  if (since === null && until === null) return true;
  if (edge.at !== null) {
    const at = Date.parse(edge.at);
    return (since === null || at >= since) && (until === null || at <= until);
  }
  // A period link overlaps the window; `until` is a date, so it holds to the end of that day.
  const starts = edge.since === null ? null : Date.parse(edge.since);
  const ends = edge.until === null ? null : Date.parse(edge.until) + DAY_MS;
  return (since === null || ends === null || ends > since) && (until === null || starts === null || starts <= until);
}

/** What one hop found: nodes added to the subgraph, and every neighbour reached (new or already known). */
export interface HopResult {
  added: GraphNode[];
  reached: string[];
}

/**
 * A bounded traversal inside one read transaction, hop by hop: each hop reads the relationships of a frontier
 * in one `UNWIND` query, skips super-nodes (more than `superDegree` relationships: returned, listed as cut, never
 * expanded), and stops adding nodes and relationships at the limits (marking the subgraph truncated).
 */
export class Traversal {
  readonly graph = new Subgraph();

  constructor(
    private readonly tx: Tx,
    private readonly opts: TraversalOptions,
  ) {}

  /** The starting records; BAD_USER_INPUT naming the argument (and index) of an id that is no network node. */
  async start(ids: readonly string[], paths: readonly string[]): Promise<GraphNode[]> {
    const found = await findStarts(this.tx, ids);
    const byId = new Map(found.map((row) => [row.id, row]));
    const missing = ids.findIndex((id) => !byId.has(id));
    if (missing >= 0) {
      throw badUserInput(paths[missing] ?? `ids[${missing}]`, "the id of a seizure, person, company, identifier, order, payment or shipment");
    }
    this.keepNodes(found, 0);
    return ids.map((id) => this.graph.nodes.get(byId.get(id)!.eid)!);
  }

  /** Adds nodes by element id at `hop` (their details in one query); returns them in the order given. */
  async add(eids: readonly string[], hop: number): Promise<GraphNode[]> {
    const fresh = eids.filter((eid) => !this.graph.nodes.has(eid));
    this.keepNodes(await nodeDetails(this.tx, fresh), hop);
    return eids.flatMap((eid) => this.graph.nodes.get(eid) ?? []);
  }

  private keepNodes(rows: readonly NodeDetails[], hop: number): void {
    for (const row of rows) {
      if (this.graph.nodes.has(row.eid)) continue;
      const node: GraphNode = { ...row, access: [], hop, expanded: false };
      this.graph.nodes.set(node.eid, node);
      if (node.degree > this.opts.superDegree) this.graph.cut.set(node.eid, node);
    }
  }

  /**
   * Reads, in one query at the end, who may see each person, company and identifier found; nothing for readers
   * who may read no nominal data at all (they get pseudonyms whatever the envelopes say).
   */
  async resolveAccess(): Promise<void> {
    const nominal = [...this.graph.nodes.values()].filter((n) => isNominal(n.label));
    for (const { eid, access } of await nodeAccess(this.tx, nominal.map((n) => n.eid), this.opts.reader)) {
      this.graph.nodes.get(eid)!.access = access;
    }
  }

  /**
   * One hop from `frontier` over `types` (default: the traversal's), or only over relationships pointing at the
   * frontier when `inbound` (a company's holders, not its holdings). New neighbours are added at `hop`, best
   * connected to the frontier first while the node limit lasts; every relationship between two nodes of the
   * subgraph is kept.
   */
  async expand(frontier: readonly GraphNode[], hop: number, types: readonly RelationshipType[] = this.opts.types, inbound = false): Promise<HopResult> {
    const expandable = frontier.filter((n) => !this.graph.cut.has(n.eid));
    if (expandable.length === 0) return { added: [], reached: [] };
    for (const node of expandable) node.expanded = true;
    const rowCap = Math.min(expandable.length * (this.opts.superDegree + 1), MAX_ROWS_PER_HOP);
    const rows = await incidentEdges(this.tx, expandable.map((n) => n.eid), types, rowCap, null, inbound);
    if (rows.length >= rowCap) this.graph.truncated = true;
    const edges = rows.filter((e) => inWindow(e, this.opts.window));
    const from = new Set(expandable.map((n) => n.eid));
    const links = new Map<string, number>();
    const reached = new Set<string>();
    const note = (eid: string) => {
      reached.add(eid);
      if (!this.graph.nodes.has(eid)) links.set(eid, (links.get(eid) ?? 0) + 1);
    };
    for (const edge of edges) {
      if (from.has(edge.start)) note(edge.end);
      if (from.has(edge.end)) note(edge.start);
    }
    let candidates = [...links.keys()];
    const room = Math.max(0, this.opts.maxNodes - this.graph.nodes.size);
    if (candidates.length > room) {
      candidates.sort((a, b) => links.get(b)! - links.get(a)! || a.localeCompare(b));
      candidates = candidates.slice(0, room);
      this.graph.truncated = true;
    }
    const added = await this.add(candidates, hop);
    for (const edge of edges) this.keep(edge);
    return { added, reached: [...reached].filter((eid) => this.graph.nodes.has(eid)) };
  }

  /** Relationships among nodes already found that no hop read (e.g. between two nodes of the last hop). */
  async close(): Promise<void> {
    const open = [...this.graph.nodes.values()].filter((n) => !n.expanded && !this.graph.cut.has(n.eid));
    if (open.length === 0) return;
    const rowCap = Math.min(open.length * (this.opts.superDegree + 1), MAX_ROWS_PER_HOP);
    const rows = await incidentEdges(this.tx, open.map((n) => n.eid), this.opts.types, rowCap, [...this.graph.nodes.keys()]);
    for (const edge of rows) if (inWindow(edge, this.opts.window)) this.keep(edge);
  }

  private keep(edge: GraphEdge): void {
    if (this.graph.edges.has(edge.rid) || !this.graph.nodes.has(edge.start) || !this.graph.nodes.has(edge.end)) return;
    if (this.graph.edges.size >= this.opts.maxEdges) {
      this.graph.truncated = true;
      return;
    }
    this.graph.addEdge(edge);
  }
}
