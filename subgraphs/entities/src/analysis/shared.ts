import type { Tx } from "@cix/core";
import { LinkKind } from "./analysis.enums.js";
import { IDENTIFIER_LABELS, LINK_KIND_OF_LABEL, LINK_RELATIONSHIPS, PARTY_RELATIONSHIPS, RECORD_RELATIONSHIPS, sharesThrough } from "./graph.model.js";
import { otherEnd, type GraphEdge, type GraphNode, type Subgraph } from "./subgraph.js";
import { Traversal, type TraversalOptions } from "./traversal.js";
import { sameTrackingNumber } from "./traversal.repository.js";

/** One side of a shared link: a record and the relationships from it to the shared identifier. */
export interface Route {
  record: string;
  steps: GraphEdge[];
}

export interface RawLink {
  via: LinkKind;
  /** The shared identifier or company (element id); null for a tracking number. */
  identifier: string | null;
  trackingNumber: string | null;
  from: Route;
  to: Route;
}

/** Most links one query returns. */
const MAX_LINKS = 1000;

/**
 * Records tied to the given ones through something they share, in four bounded hops:
 * 1. each given record's own circle: itself and the records one relationship away (a seizure's offenders and
 *    shipments, an order's buyer, seller, payment and shipment, a person's cases and orders…);
 * 2. what the circle holds, declares or names: phones, e-mails, addresses, accounts, documents, the companies its
 *    people work for and its records name (a parcel's consignee, a case's offending company), and (for shipments)
 *    its tracking number;
 * 3. the other records holding, declaring or naming the same (super-nodes are cut: they tie everybody to everybody);
 * 4. the records one relationship away from those (their cases, orders, shipments).
 */
export async function findSharedLinks(tx: Tx, opts: TraversalOptions, ids: string[]): Promise<{ graph: Subgraph; links: RawLink[] }> {
  const traversal = new Traversal(tx, opts);
  const graph = traversal.graph;
  const starts = await traversal.start(ids, ids.map((_, i) => `ids[${i}]`));
  const circle = [...starts, ...nodesOf(graph, (await traversal.expand(starts, 1, RECORD_RELATIONSHIPS)).reached)];
  const isShareable = (n: GraphNode) => n.label === "Company" || IDENTIFIER_LABELS.includes(n.label);
  const held = nodesOf(graph, (await traversal.expand(circle, 2, [...LINK_RELATIONSHIPS, ...PARTY_RELATIONSHIPS])).reached).filter(isShareable);
  const shipments = circle.filter((n) => n.label === "Shipment");
  const twins = await sameTrackingNumber(tx, shipments.map((n) => n.eid), opts.maxNodes);
  const twinsOf = new Map<string, string[]>();
  for (const { from, other } of twins) twinsOf.set(from, [...(twinsOf.get(from) ?? []), other]);
  const twinNodes = await traversal.add([...new Set(twins.map((t) => t.other))], 2);
  const sharers = nodesOf(graph, (await traversal.expand(held, 3, [...LINK_RELATIONSHIPS, ...PARTY_RELATIONSHIPS])).reached).filter(
    (n) => !IDENTIFIER_LABELS.includes(n.label),
  );
  await traversal.expand([...sharers, ...twinNodes], 4, RECORD_RELATIONSHIPS);
  await traversal.resolveAccess();

  const links = new Links();
  for (const start of starts) {
    const routes = new Map<string, GraphEdge[]>([[start.eid, []]]);
    for (const edge of graph.edgesOf(start.eid)) {
      const other = otherEnd(edge, start.eid);
      if (RECORD_RELATIONSHIPS.includes(edge.type) && !routes.has(other)) routes.set(other, [edge]);
    }
    const own = new Set(routes.keys());
    /** The record `sharer` (reaching the identifier by `last`) and the records one relationship from it. */
    const addSharer = (sharer: string, via: LinkKind, identifier: string | null, trackingNumber: string | null, from: Route, last: GraphEdge[]) => {
      links.add({ via, identifier, trackingNumber, from, to: { record: sharer, steps: last } });
      if (!graph.passable(sharer)) return;
      for (const edge of graph.edgesOf(sharer)) {
        const record = otherEnd(edge, sharer);
        if (RECORD_RELATIONSHIPS.includes(edge.type) && !own.has(record)) {
          links.add({ via, identifier, trackingNumber, from, to: { record, steps: [edge, ...last] } });
        }
      }
    };
    for (const [member, route] of routes) {
      for (const held of graph.edgesOf(member)) {
        const identifier = held.end;
        const label = graph.nodes.get(identifier)!.label;
        const via = LINK_KIND_OF_LABEL[label];
        // The member must hold or name it (a person directs the company, not the other way round), and super-nodes link nobody.
        if (held.start !== member || !via || !sharesThrough(held.type, label) || !graph.passable(identifier)) continue;
        const from = { record: start.eid, steps: [...route, held] };
        for (const shared of graph.edgesOf(identifier)) {
          if (shared.end !== identifier || !sharesThrough(shared.type, label) || own.has(shared.start)) continue;
          addSharer(shared.start, via, identifier, null, from, [shared]);
        }
      }
      const trackingNumber = graph.nodes.get(member)!.trackingNumber;
      for (const twin of twinsOf.get(member) ?? []) {
        if (!own.has(twin)) addSharer(twin, LinkKind.TRACKING_NUMBER, null, trackingNumber, { record: start.eid, steps: route }, []);
      }
    }
  }
  if (links.overflow) graph.truncated = true;
  return { graph, links: links.list() };
}

function nodesOf(graph: Subgraph, eids: readonly string[]) {
  return eids.flatMap((eid) => graph.nodes.get(eid) ?? []);
}

/** Links by (given record, other record, what they share), keeping the shortest routes. */
class Links {
  private readonly byKey = new Map<string, RawLink>();
  overflow = false;

  add(link: RawLink): void {
    if (link.to.record === link.from.record) return;
    const key = [link.from.record, link.to.record, link.identifier ?? `#${link.trackingNumber}`].join(" ");
    const known = this.byKey.get(key);
    const length = (l: RawLink) => l.from.steps.length + l.to.steps.length;
    if (known && length(known) <= length(link)) return;
    if (!known && this.byKey.size >= MAX_LINKS) {
      this.overflow = true;
      return;
    }
    this.byKey.set(key, link);
  }

  list(): RawLink[] {
    const length = (l: RawLink) => l.from.steps.length + l.to.steps.length;
    return [...this.byKey.values()].sort((a, b) => length(a) - length(b));
  }
}
