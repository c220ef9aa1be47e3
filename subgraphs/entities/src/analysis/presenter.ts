import { decideNominal, type RequestContext } from "@cix/core";
import { analysisSettings } from "./analysis.settings.js";
import { isNominal, LABEL_KIND, UNDIRECTED_RELATIONSHIPS } from "./graph.model.js";
import type { CutNode, NetworkEdge, NetworkNode } from "./network.types.js";
import { pseudonym } from "./pseudonym.js";
import type { GraphEdge, GraphNode, Subgraph } from "./subgraph.js";

/**
 * Turns a traversal's subgraph into what the caller may receive. Seizures, orders, payments and shipments keep
 * their ids (their own nominal fields are guarded by the subgraph that owns them). A person, company or
 * identifier keeps its id only if `decideNominal` lets the caller read it (for an identifier: any record linked
 * to it), and that read is audited; otherwise it becomes the caller's agency's pseudonym with no record. Edges
 * carry only their type, direction, role, dates and provenance, never names or values.
 */
export class Presenter {
  private readonly presented = new Map<string, NetworkNode>();

  constructor(
    private readonly ctx: RequestContext,
    private readonly graph: Subgraph,
  ) {}

  node(node: GraphNode): NetworkNode {
    let out = this.presented.get(node.eid);
    if (!out) {
      out = this.present(node);
      this.presented.set(node.eid, out);
    }
    return out;
  }

  nodeOf(eid: string): NetworkNode {
    return this.node(this.graph.nodes.get(eid)!);
  }

  edge(edge: GraphEdge): NetworkEdge {
    return {
      type: edge.type,
      source: this.nodeOf(edge.start).id,
      target: this.nodeOf(edge.end).id,
      directed: !UNDIRECTED_RELATIONSHIPS.includes(edge.type),
      role: edge.role,
      sharePercentage: edge.sharePercentage,
      since: edge.since,
      until: edge.until,
      at: edge.at,
      provenance: { ownerAgency: edge.ownerAgency, source: edge.source, createdAt: edge.createdAt },
    };
  }

  cut(): CutNode[] {
    const limit = analysisSettings().superDegree;
    return [...this.graph.cut.values()].map((node) => {
      const { id, kind } = this.node(node);
      return {
        id,
        kind,
        degree: node.degree,
        reason: `Super-node: ${node.degree} relationships, more than the limit of ${limit} (CIX_SUPERNODE_DEGREE); shown but not expanded.`,
      };
    });
  }

  /** Nodes (starting records first, then by hop) and every relationship among them. */
  network(): { nodes: NetworkNode[]; edges: NetworkEdge[]; truncated: boolean; cut: CutNode[] } {
    const nodes = [...this.graph.nodes.values()].sort((a, b) => a.hop - b.hop).map((n) => this.node(n));
    return { nodes, edges: [...this.graph.edges.values()].map((e) => this.edge(e)), truncated: this.graph.truncated, cut: this.cut() };
  }

  private present(node: GraphNode): NetworkNode {
    const base = { kind: LABEL_KIND[node.label], hop: node.hop, degree: node.degree };
    if (!isNominal(node.label)) return { ...base, id: node.id, pseudonymous: false, recordRef: { label: node.label, id: node.id } };
    for (const envelope of node.access) {
      const decision = decideNominal(this.ctx.viewer, envelope);
      if (decision.allowed) {
        this.ctx.audit.nominalRead(envelope.recordId, "NetworkNode.id", decision.operationId, envelope.ownerAgency);
        return { ...base, id: node.id, pseudonymous: false, recordRef: { label: node.label, id: node.id } };
      }
    }
    const agency = this.ctx.viewer?.agency ?? "";
    return { ...base, id: pseudonym(analysisSettings().pseudonymKey, agency, node.id), pseudonymous: true, recordRef: null };
  }
}
