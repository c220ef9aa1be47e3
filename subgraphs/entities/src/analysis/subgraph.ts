import type { AccessEnvelope } from "@cix/core";
import type { RelationshipType } from "./analysis.enums.js";
import type { NodeLabel } from "./graph.model.js";

/** A node found by a traversal. `eid` is Neo4j's element id: internal, valid in the traversal's transaction, never returned. */
export interface GraphNode {
  eid: string;
  id: string;
  label: NodeLabel;
  /** Analysis relationships of the node in the whole graph. */
  degree: number;
  /** Envelopes that may let the reader see the node's identity (empty when the reader may read no nominal data). */
  access: AccessEnvelope[];
  /** Hops from the nearest starting node. */
  hop: number;
  /** Whether its relationships were fetched. */
  expanded: boolean;
  /** Seizures' commodity and place, shipments' tracking number: what communities and shared links report. */
  commodity: string | null;
  placeLocode: string | null;
  trackingNumber: string | null;
}

/** A relationship found by a traversal, as stored: from its start node to its end node (element ids). */
export type GraphEdge = {
  rid: string;
  type: RelationshipType;
  start: string;
  end: string;
  role: string | null;
  /** Owner roles: the percentage of the company's shares held, if recorded. */
  sharePercentage: number | null;
  since: string | null;
  until: string | null;
  /** When the event it stands for happened (ISO date-time), if it is one. */
  at: string | null;
  ownerAgency: string | null;
  source: string | null;
  createdAt: string | null;
};

/** The nodes and relationships a traversal collected, with what it left out. */
export class Subgraph {
  readonly nodes = new Map<string, GraphNode>();
  readonly edges = new Map<string, GraphEdge>();
  /** Super-nodes: returned but not expanded. */
  readonly cut = new Map<string, GraphNode>();
  /** Some nodes or relationships were left out to stay within the limits. */
  truncated = false;
  private adjacency: Map<string, GraphEdge[]> | null = null;

  addEdge(edge: GraphEdge): void {
    this.edges.set(edge.rid, edge);
    this.adjacency = null;
  }

  /** The relationships of a node, in a stable order (type, then element id). */
  edgesOf(eid: string): GraphEdge[] {
    if (!this.adjacency) {
      const adjacency = new Map<string, GraphEdge[]>();
      const sorted = [...this.edges.values()].sort((a, b) => a.type.localeCompare(b.type) || a.rid.localeCompare(b.rid));
      for (const edge of sorted) {
        for (const end of [edge.start, edge.end]) {
          const list = adjacency.get(end);
          if (list) list.push(edge);
          else adjacency.set(end, [edge]);
        }
      }
      this.adjacency = adjacency;
    }
    return this.adjacency.get(eid) ?? [];
  }

  /** Whether a path may pass through the node (super-nodes are ends, never steps). */
  passable(eid: string): boolean {
    return !this.cut.has(eid);
  }
}

export function otherEnd(edge: GraphEdge, eid: string): string {
  return edge.start === eid ? edge.end : edge.start;
}
