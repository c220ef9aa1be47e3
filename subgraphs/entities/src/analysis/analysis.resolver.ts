import { badUserInput, DateTimeScalar, type RequestContext } from "@cix/core";
import { Arg, Ctx, Float, ID, Int, Query, Resolver } from "type-graphql";
import { CentralityMeasure, CommunityAlgorithm, PathMode, RelationshipType } from "./analysis.enums.js";
import { analysisSettings } from "./analysis.settings.js";
import { communityProfiles } from "./communities.js";
import { exploreBetween, exploreNetwork } from "./explore.js";
import { IDENTIFIER_LABELS, OWNERSHIP_RELATIONSHIPS } from "./graph.model.js";
import { centrality, clusters, DEFAULT_RESOLUTION, RESOLUTION_RANGE, toGraphology } from "./metrics.js";
import { Centrality, Communities } from "./metrics.types.js";
import { Network, NetworkScopeInput } from "./network.types.js";
import { exploreOwnership, ultimateOwners } from "./ownership.js";
import { OwnershipChains } from "./ownership.types.js";
import { connectingTree, shortestPaths, timeOrderedPaths, type FoundPath } from "./path.search.js";
import { ConnectingNetwork, PathResult, type Path } from "./path.types.js";
import { Presenter } from "./presenter.js";
import { checkHops, checkIds, checkTypes, checkWindow, requireAnalysisReader, traversalOptions, validScope } from "./scope.js";
import { findSharedLinks, type Route } from "./shared.js";
import { SharedIdentifiers } from "./shared.types.js";

const MAX_PATHS = 100;
const MAX_CHAINS = 500;
const MAX_TERMINALS = 20;
const MAX_TOP = 100;
const NO_WINDOW = { since: null, until: null };

function presentPath(presenter: Presenter, path: FoundPath): Path {
  const dates = path.edges.flatMap((e) => (e.at ? [e.at] : []));
  return {
    length: path.edges.length,
    nodes: path.nodes.map((eid) => presenter.nodeOf(eid)),
    edges: path.edges.map((e) => presenter.edge(e)),
    startsAt: dates[0] ?? null,
    endsAt: dates.at(-1) ?? null,
  };
}

function checkRange(value: number, field: string, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max) throw badUserInput(field, `an integer from 1 to ${max}`);
  return value;
}

/**
 * Link analysis over the one graph: networks, paths, connecting networks, shared identifiers, centrality and
 * communities. Every query is bounded (hops, nodes, relationships, super-nodes) and runs in one read
 * transaction; what it returns passes the Presenter, which pseudonymises what the caller may not read.
 */
@Resolver()
export class AnalysisResolver {
  @Query(() => Network, {
    description:
      "The neighbourhood of one or more records up to `hops` relationships away, as nodes and relationships. Persons, " +
      "companies and identifiers you may not read are pseudonyms (analysts see only pseudonyms). Super-nodes are returned " +
      "but not expanded (see `cut`); limits set `truncated`. Analysts, investigators and supervisors.",
  })
  async network(
    @Arg("from", () => [ID], {
      description:
        "Ids of the starting records: seizures, persons, companies, identifiers, orders, payments, shipments (1 to 50). " +
        "Pseudonyms cannot be looked up: start from records you know.",
    })
    from: string[],
    @Arg("hops", () => Int, { defaultValue: 2, description: "How many relationships away to go (1 to CIX_MAX_HOPS, default 5)." }) hops: number,
    @Arg("relationshipTypes", () => [RelationshipType], { nullable: true, description: "Only follow these relationships (default: all)." })
    relationshipTypes: RelationshipType[] | null,
    @Arg("since", () => DateTimeScalar, { nullable: true, description: "Leave out dated relationships that ended or happened before this." })
    since: string | null,
    @Arg("until", () => DateTimeScalar, { nullable: true, description: "Leave out dated relationships that began or happened after this." })
    until: string | null,
    @Arg("limit", () => Int, { defaultValue: 200, description: "Most nodes to return (1 to CIX_ANALYSIS_MAX_NODES, default 2000)." }) limit: number,
    @Ctx() ctx: RequestContext,
  ): Promise<Network> {
    const { reader } = requireAnalysisReader(ctx);
    const scope = validScope({ from, hops, relationshipTypes, since, until, limit }, "");
    const graph = await ctx.db.readTransaction((tx) => exploreNetwork(tx, traversalOptions(reader, scope), scope.ids, scope.hops, "from"));
    return new Presenter(ctx, graph).network();
  }

  @Query(() => PathResult, {
    description:
      "Paths between two records of at most `maxHops` relationships: one shortest path, every shortest path, or the paths " +
      "whose dated relationships happened in order (TIME_ORDERED). Paths never run through super-nodes.",
  })
  async paths(
    @Arg("from", () => ID, { description: "The record the paths start at." }) from: string,
    @Arg("to", () => ID, { description: "The record the paths end at." }) to: string,
    @Arg("maxHops", () => Int, { defaultValue: 4, description: "Longest path, in relationships (1 to CIX_MAX_HOPS, default 5)." }) maxHops: number,
    @Arg("relationshipTypes", () => [RelationshipType], { nullable: true, description: "Only follow these relationships (default: all)." })
    relationshipTypes: RelationshipType[] | null,
    @Arg("mode", () => PathMode, { defaultValue: PathMode.SHORTEST, description: "Which paths." }) mode: PathMode,
    @Arg("limit", () => Int, { defaultValue: 10, description: `Most paths to return (1 to ${MAX_PATHS}).` }) limit: number,
    @Ctx() ctx: RequestContext,
  ): Promise<PathResult> {
    const { reader } = requireAnalysisReader(ctx);
    if (from === to) throw badUserInput("to", "another record than from");
    checkHops(maxHops, "maxHops");
    checkRange(limit, "limit", MAX_PATHS);
    const types = checkTypes(relationshipTypes, "relationshipTypes");
    const opts = traversalOptions(reader, { types, window: NO_WINDOW, limit: analysisSettings().maxNodes });
    const { graph, search } = await ctx.db.readTransaction(async (tx) => {
      const found = await exploreBetween(tx, opts, from, to, maxHops, mode !== PathMode.TIME_ORDERED);
      const [a, b] = [found.from.eid, found.to.eid];
      const result =
        mode === PathMode.TIME_ORDERED
          ? timeOrderedPaths(found.graph, a, b, maxHops, limit)
          : shortestPaths(found.graph, a, b, maxHops, mode === PathMode.SHORTEST ? 1 : limit);
      return { graph: found.graph, search: result };
    });
    const presenter = new Presenter(ctx, graph);
    return {
      paths: search.paths.map((p) => presentPath(presenter, p)),
      truncated: graph.truncated || (mode !== PathMode.SHORTEST && search.more),
      cut: presenter.cut(),
    };
  }

  @Query(() => OwnershipChains, {
    description:
      "Who ultimately owns a company: its shareholders, beneficial owners and nominee shareholders, their owners and so on up to " +
      "`maxHops` links (companies owning companies), with the share held through each chain (the product of the percentages " +
      "along it) and in all. Persons and companies you may not read are pseudonyms. Analysts, investigators and supervisors.",
  })
  async ownershipChain(
    @Arg("companyId", () => ID, { description: "The company whose owners to find." }) companyId: string,
    @Arg("maxHops", () => Int, { defaultValue: 4, description: "Longest chain, in links (1 to CIX_MAX_HOPS, default 5)." }) maxHops: number,
    @Arg("at", () => DateTimeScalar, {
      nullable: true,
      description: "Ownership at this instant: links that had ended or not yet begun then are left out (default: every link recorded).",
    })
    at: string | null,
    @Arg("limit", () => Int, { defaultValue: 20, description: `Most chains to return (1 to ${MAX_CHAINS}); \`truncated\` says when there were more.` }) limit: number,
    @Ctx() ctx: RequestContext,
  ): Promise<OwnershipChains> {
    const { reader } = requireAnalysisReader(ctx);
    checkHops(maxHops, "maxHops");
    checkRange(limit, "limit", MAX_CHAINS);
    const opts = traversalOptions(reader, { types: [...OWNERSHIP_RELATIONSHIPS], window: checkWindow(at, at, ""), limit: analysisSettings().maxNodes });
    const { graph, company } = await ctx.db.readTransaction((tx) => exploreOwnership(tx, opts, companyId, maxHops));
    const found = ultimateOwners(graph, company.eid, limit);
    const presenter = new Presenter(ctx, graph);
    return {
      company: presenter.nodeOf(company.eid),
      owners: found.owners.map((owner) => ({
        owner: presenter.nodeOf(owner.eid),
        effectiveShare: owner.effectiveShare,
        depth: owner.chains[0]!.edges.length,
        ownersNotSearched: owner.ownersNotSearched,
        chains: owner.chains.map((chain) => ({ share: chain.share, path: presentPath(presenter, chain) })),
      })),
      truncated: graph.truncated || found.more,
      cut: presenter.cut(),
    };
  }

  @Query(() => ConnectingNetwork, {
    description:
      "The smallest network found that ties a set of records together (who ties these seizures together?): shortest paths " +
      "between the records, joined by a minimum spanning tree (a Steiner tree approximation). Paths never run through super-nodes.",
  })
  async connectingNetwork(
    @Arg("ids", () => [ID], { description: `The records to connect (2 to ${MAX_TERMINALS}).` }) ids: string[],
    @Arg("maxHops", () => Int, { defaultValue: 4, description: "Longest path between two of them (1 to CIX_MAX_HOPS, default 5)." }) maxHops: number,
    @Arg("relationshipTypes", () => [RelationshipType], { nullable: true, description: "Only follow these relationships (default: all)." })
    relationshipTypes: RelationshipType[] | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ConnectingNetwork> {
    const { reader } = requireAnalysisReader(ctx);
    const terminals = checkIds(ids, "ids", MAX_TERMINALS);
    if (terminals.length < 2) throw badUserInput("ids", `2 to ${MAX_TERMINALS} different record ids`);
    checkHops(maxHops, "maxHops");
    const types = checkTypes(relationshipTypes, "relationshipTypes");
    const opts = traversalOptions(reader, { types, window: NO_WINDOW, limit: analysisSettings().maxNodes });
    // Each record's neighbourhood to half the path length: any path of at most maxHops between two of them meets in the middle.
    const graph = await ctx.db.readTransaction((tx) => exploreNetwork(tx, opts, terminals, Math.ceil(maxHops / 2), "ids"));
    const terminalEids = terminals.map((id) => [...graph.nodes.values()].find((n) => n.hop === 0 && n.id === id)!.eid);
    const tree = connectingTree(graph, terminalEids, maxHops);
    const presenter = new Presenter(ctx, graph);
    const nodes = new Set([...terminalEids, ...tree.paths.flatMap((p) => p.nodes)]);
    const edges = new Map(tree.paths.flatMap((p) => p.edges).map((e) => [e.rid, e]));
    return {
      nodes: [...nodes].map((eid) => presenter.nodeOf(eid)),
      edges: [...edges.values()].map((e) => presenter.edge(e)),
      unconnected: tree.unconnected.map((eid) => presenter.nodeOf(eid)),
      truncated: graph.truncated,
      cut: presenter.cut(),
    };
  }

  @Query(() => SharedIdentifiers, {
    description:
      "Hidden relationships: records tied to the given ones by the same phone, e-mail, address, bank account, identity " +
      "document, tracking number or company, each with the shared identifier and how both records reach it (e.g. seizure " +
      "OFFENDER person USES phone, and order DECLARED phone). Reaches through a record's own circle (a seizure's offenders " +
      "and shipments) and to the other records' cases and orders. Super-nodes are not followed.",
  })
  async sharedIdentifiers(
    @Arg("ids", () => [ID], { description: `The records to start from (1 to ${MAX_TERMINALS}).` }) ids: string[],
    @Ctx() ctx: RequestContext,
  ): Promise<SharedIdentifiers> {
    const { reader } = requireAnalysisReader(ctx);
    const starts = checkIds(ids, "ids", MAX_TERMINALS);
    const opts = traversalOptions(reader, { types: checkTypes(null, "relationshipTypes"), window: NO_WINDOW, limit: analysisSettings().maxNodes });
    const { graph, links } = await ctx.db.readTransaction((tx) => findSharedLinks(tx, opts, starts));
    const presenter = new Presenter(ctx, graph);
    const route = (r: Route) => ({
      record: presenter.nodeOf(r.record),
      steps: r.steps.map((e) => presenter.edge(e)),
    });
    return {
      links: links.map((link) => ({
        via: link.via,
        identifier: link.identifier ? presenter.nodeOf(link.identifier) : null,
        trackingNumber: link.trackingNumber,
        from: route(link.from),
        to: route(link.to),
      })),
      truncated: graph.truncated,
      cut: presenter.cut(),
    };
  }

  @Query(() => Centrality, {
    description: "The most central nodes of a bounded network (super-nodes left out). Analysts, investigators and supervisors.",
  })
  async centrality(
    @Arg("scope", () => NetworkScopeInput, { description: "The network to measure (as for `network`)." }) scopeInput: NetworkScopeInput,
    @Arg("measure", () => CentralityMeasure, { description: "How to measure." }) measure: CentralityMeasure,
    @Arg("top", () => Int, { defaultValue: 20, description: `How many nodes to return (1 to ${MAX_TOP}).` }) top: number,
    @Ctx() ctx: RequestContext,
  ): Promise<Centrality> {
    const { reader } = requireAnalysisReader(ctx);
    const scope = validScope(scopeInput, "scope.");
    checkRange(top, "top", MAX_TOP);
    const graph = await ctx.db.readTransaction((tx) => exploreNetwork(tx, traversalOptions(reader, scope), scope.ids, scope.hops, "scope.from"));
    const g = toGraphology(graph);
    const ranked = Object.entries(centrality(g, measure))
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, top);
    const presenter = new Presenter(ctx, graph);
    return {
      measure,
      scores: ranked.map(([eid, score], i) => ({ rank: i + 1, node: presenter.nodeOf(eid), score })),
      nodeCount: g.order,
      truncated: graph.truncated,
      cut: presenter.cut(),
    };
  }

  @Query(() => Communities, {
    description:
      "The clusters of a bounded network (super-nodes left out), each with its members and the seizures, commodity " +
      "categories and UN/LOCODEs that characterise it. Analysts, investigators and supervisors.",
  })
  async communities(
    @Arg("scope", () => NetworkScopeInput, { description: "The network to cluster (as for `network`)." }) scopeInput: NetworkScopeInput,
    @Arg("algorithm", () => CommunityAlgorithm, { defaultValue: CommunityAlgorithm.LOUVAIN, description: "How to cluster." })
    algorithm: CommunityAlgorithm,
    @Arg("resolution", () => Float, {
      defaultValue: DEFAULT_RESOLUTION,
      description:
        `Louvain only: lower gives fewer, larger communities, higher more and smaller ones (${RESOLUTION_RANGE.min} to ${RESOLUTION_RANGE.max}; ` +
        `the default ${DEFAULT_RESOLUTION} keeps each planted ring of the demo whole and apart from the others).`,
    })
    resolution: number,
    @Ctx() ctx: RequestContext,
  ): Promise<Communities> {
    const { reader } = requireAnalysisReader(ctx);
    if (!(resolution >= RESOLUTION_RANGE.min && resolution <= RESOLUTION_RANGE.max)) {
      throw badUserInput("resolution", `a number from ${RESOLUTION_RANGE.min} to ${RESOLUTION_RANGE.max}`);
    }
    const scope = validScope(scopeInput, "scope.");
    const { graph, clustering, profiles } = await ctx.db.readTransaction(async (tx) => {
      const subgraph = await exploreNetwork(tx, traversalOptions(reader, scope), scope.ids, scope.hops, "scope.from");
      const result = clusters(toGraphology(subgraph), algorithm, (eid) => IDENTIFIER_LABELS.includes(subgraph.nodes.get(eid)!.label), resolution);
      return { graph: subgraph, clustering: result, profiles: await communityProfiles(tx, subgraph, result.clusters) };
    });
    const presenter = new Presenter(ctx, graph);
    return {
      algorithm,
      communities: clustering.clusters.map((members, i) => ({
        id: i,
        size: members.length,
        members: members.map((eid) => presenter.nodeOf(eid)),
        ...profiles[i]!,
      })),
      modularity: clustering.modularity,
      truncated: graph.truncated,
      cut: presenter.cut(),
    };
  }
}
