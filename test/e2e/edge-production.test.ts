import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoInternals, healthz, post, send, type Reply } from "../support/edge.js";
import { startProductionStack, type ProductionStack } from "../support/production.js";
import { unique } from "../support/stack.js";

/**
 * The OWASP GraphQL attacks and careless clients against the gateway in the production profile: each is refused
 * before execution with a clear 4xx, says nothing about the hub's insides, writes nothing, and the gateway stays up.
 */
describe("the public edge in production", () => {
  let stack: ProductionStack;
  let as: Record<string, string>;
  const agency = unique("EDGE");
  const caseNumber = unique("EDGE-CASE");
  const write = `upsertSeizure(input: { caseNumber: "${caseNumber}", seizedAt: "2024-03-01T10:00:00Z", commodity: TOBACCO }) { id }`;

  /** Everything this suite's agency owns or did, audit entries included. */
  const recordsOfAgency = async () =>
    (await stack.db.read<{ n: number }>(
      "MATCH (n) WHERE n.ownerAgency = $agency OR n.reportingAgency = $agency OR n.agency = $agency RETURN count(n) AS n",
      { agency },
    ))[0]!.n;

  const gql = (body: unknown, headers: Record<string, string> = {}) => post(stack.gatewayUrl, body, { ...as, ...headers });

  /** Selections exactly `levels` deep from a Seizure, a Party or a SeizureConnection (offenders → seizures → nodes → …). */
  const fromSeizure = (levels: number): string =>
    levels === 1 ? "id" : levels === 2 ? "markings { tlp }" : `offenders { ${fromParty(levels - 1)} }`;
  const fromParty = (levels: number): string =>
    levels === 1 ? "id" : levels === 2 ? "markings { tlp }" : `seizures(first: 1) { ${fromConnection(levels - 1)} }`;
  const fromConnection = (levels: number): string => (levels === 2 ? "pageInfo { hasNextPage }" : `nodes { ${fromSeizure(levels - 1)} }`);

  beforeAll(async () => {
    stack = await startProductionStack();
    as = await stack.headers({ role: "investigator", agency, country: "NL", purpose: "CASE-EDGE-1" });
  });

  afterAll(async () => {
    await stack.db.write(
      "MATCH (s:Seizure { reportingAgency: $agency }) OPTIONAL MATCH (s)-[:HAS_GOODS|HAS_PHOTO]->(x) DETACH DELETE s, x",
      { agency },
    );
    await stack.stop();
  });

  const attacks: Array<[string, () => Promise<Reply>, number, string, RegExp]> = [
    ["introspection (__schema)", () => gql({ query: "{ __schema { types { name fields { name } } } }" }), 400, "GRAPHQL_VALIDATION_FAILED", /Introspection .* disabled/],
    ["introspection (__type)", () => gql({ query: '{ __type(name: "Seizure") { fields { name } } }' }), 400, "GRAPHQL_VALIDATION_FAILED", /Introspection .* disabled/],
    ["a subgraph's _service through the gateway", () => gql({ query: "{ _service { sdl } }" }), 400, "GRAPHQL_VALIDATION_FAILED", /Cannot query field "_service"/],
    [
      "a subgraph's _entities through the gateway",
      () => gql({ query: '{ _entities(representations: [{ __typename: "Seizure", id: "x" }]) { __typename } }' }),
      400,
      "GRAPHQL_VALIDATION_FAILED",
      /Cannot query field "_entities"/,
    ],
    ["a misspelt field (no suggestion)", () => gql({ query: "{ seizurez(first: 1) { nodes { id } } }" }), 400, "GRAPHQL_VALIDATION_FAILED", /^Cannot query field "seizurez" on type "Query"\.$/],
    [
      "a misspelt enum value in variables (no suggestion)",
      () => gql({ query: "query($f: SeizureFilter) { seizures(filter: $f) { nodes { id } } }", variables: { f: { commodity: "TOBACO" } } }),
      400,
      "BAD_USER_INPUT",
      /does not exist in "CommodityCategory" enum\.$/,
    ],
    ["a query 13 levels deep", () => gql({ query: `{ seizures(first: 1) { ${fromConnection(12)} } }` }), 400, "GRAPHQL_VALIDATION_FAILED", /depth limit of 12 exceeded, found 13/],
    ["a mutation 13 levels deep", () => gql({ query: `mutation { ${write.replace("{ id }", `{ ${fromSeizure(12)} }`)} }` }), 400, "GRAPHQL_VALIDATION_FAILED", /depth limit of 12 exceeded, found 13/],
    [
      "31 aliased copies of a mutation",
      () => gql({ query: `mutation { ${Array.from({ length: 31 }, (_, i) => `w${i}: ${write}`).join(" ")} }` }),
      400,
      "GRAPHQL_VALIDATION_FAILED",
      /Aliases limit of 30 exceeded, found 31/,
    ],
    [
      "31 __typename aliases",
      () => gql({ query: `{ ${Array.from({ length: 31 }, (_, i) => `t${i}: __typename`).join(" ")} }` }),
      400,
      "GRAPHQL_VALIDATION_FAILED",
      /Aliases limit of 30 exceeded, found 31/,
    ],
    [
      "21 directives",
      () => gql({ query: `mutation { ${write} ${Array.from({ length: 21 }, () => "__typename @include(if: true)").join(" ")} }` }),
      400,
      "GRAPHQL_VALIDATION_FAILED",
      /Directives limit of 20 exceeded, found 21/,
    ],
    ["over 5000 tokens", () => gql({ query: `mutation { ${write} ${"a ".repeat(5100)}}` }), 400, "GRAPHQL_PARSE_FAILED", /more than 5000 tokens, the limit/],
    [
      "a 40 kB document",
      () => gql({ query: `mutation { ${write} } # ${"x".repeat(40_000)}` }),
      413,
      "BAD_REQUEST",
      /document is \d+ bytes; the maximum is 32768 \(\d+ over\)/,
    ],
    [
      "an expensive query (500 × 10 × 500)",
      () => gql({ query: "{ seizures(first: 500) { nodes { offenders { seizures(first: 500) { nodes { id offenders { id } } } } } } }" }),
      400,
      "GRAPHQL_VALIDATION_FAILED",
      /cost limit of 50000 exceeded, found \d+ \(\d+ over\)/,
    ],
    [
      "an expensive query whose page sizes are variables",
      () =>
        gql({
          query: "query($n: Int!) { seizures(first: $n) { nodes { offenders { seizures(first: $n) { nodes { id } } } } } }",
          variables: { n: 400 },
        }),
      400,
      "GRAPHQL_VALIDATION_FAILED",
      /cost limit of 50000 exceeded/,
    ],
    ["a page size over the maximum", () => gql({ query: "{ seizures(first: 501) { nodes { id } } }" }), 400, "BAD_USER_INPUT", /first: 501 .* over the maximum of 500/],
    [
      "first: 1e309 as a variable",
      () => gql('{"query":"query($n: Int!) { seizures(first: $n) { nodes { id } } }","variables":{"n":1e309}}'),
      400,
      "BAD_USER_INPUT",
      /over the maximum of 500/,
    ],
    ["first: 1e309 in the document", () => gql({ query: "{ seizures(first: 1e309) { nodes { id } } }" }), 400, "GRAPHQL_VALIDATION_FAILED", /Int cannot represent/],
    ["a batch of two mutations", () => gql([{ query: `mutation { ${write} }` }, { query: `mutation { ${write} }` }]), 400, "BAD_REQUEST", /batching/i],
    [
      "a mutation over GET",
      () => send(`${stack.gatewayUrl}?query=${encodeURIComponent(`mutation { ${write} }`)}`, { headers: { ...as, "apollo-require-preflight": "true" } }),
      405,
      "BAD_REQUEST",
      /GET requests only support query operations/,
    ],
    [
      "a cross-site POST (content-type text/plain)",
      () => gql(JSON.stringify({ query: `mutation { ${write} }` }), { "content-type": "text/plain" }),
      400,
      "BAD_REQUEST",
      /Cross-Site Request Forgery/,
    ],
    [
      "a cross-site GET (no preflight header)",
      () => send(`${stack.gatewayUrl}?query=${encodeURIComponent("{ seizures(first: 1) { nodes { id } } }")}`, { headers: as }),
      400,
      "BAD_REQUEST",
      /Cross-Site Request Forgery/,
    ],
    ["an empty body", () => gql(""), 400, "BAD_REQUEST", /body missing/],
    ["invalid JSON", () => gql('{"query": "mutation {'), 400, "BAD_REQUEST", /not valid JSON/],
    ["a JSON scalar as the body", () => gql("1"), 400, "BAD_REQUEST", /not valid JSON/],
    ["XML", () => gql(`<query>mutation { ${write} }</query>`, { "content-type": "application/xml" }), 400, "BAD_REQUEST", /body missing, invalid Content-Type/],
    ["query: 1", () => gql({ query: 1 }), 400, "BAD_REQUEST", /must be strings/],
    ["variables that are not an object", () => gql({ query: "{ __typename }", variables: "x" }), 400, "BAD_REQUEST", /variables/],
    [
      "variables nested 100 000 levels deep",
      () => gql(`{"query":"mutation { ${write.replaceAll('"', '\\"')} }","variables":{"a":${"[".repeat(100_000)}${"]".repeat(100_000)}}}`),
      400,
      "BAD_REQUEST",
      /nested more than 20 levels deep/,
    ],
    ["variables nested 21 levels deep", () => gql({ query: "{ __typename }", variables: { a: JSON.parse(`${"[".repeat(20)}${"]".repeat(20)}`) } }), 400, "BAD_REQUEST", /the maximum is 20/],
    [
      "a 10 MB body",
      () => gql({ query: `mutation($x: String) { ${write} }`, variables: { x: "x".repeat(10 * 1024 * 1024) } }),
      413,
      "BAD_REQUEST",
      /Request body too large: the maximum is 2097152 bytes/,
    ],
    ["a huge string as the document", () => gql({ query: `{ seizure(id: "${"x".repeat(1_000_000)}") { id } }` }), 413, "BAD_REQUEST", /the maximum is 32768/],
  ];

  it.each(attacks)("refuses %s: clear 4xx, no internals, nothing written, still healthy", async (_what, attack, status, code, message) => {
    const before = await recordsOfAgency();
    const reply = await attack();
    expect(reply.status).toBe(status);
    expect(reply.body.data ?? null).toBeNull();
    expect(reply.body.errors?.[0]?.extensions?.code).toBe(code);
    expect(reply.body.errors?.[0]?.message).toMatch(message);
    expectNoInternals(reply.text);
    expect(await recordsOfAgency()).toBe(before);
    expect(await healthz(stack.gatewayUrl)).toBe(200);
  });

  it("lets realistic operations through: 12 levels deep, 30 aliases, 20 directives, a page of 100 with nested lists", async () => {
    const queries = [
      `{ seizures(first: 1) { ${fromConnection(11)} } }`,
      `{ ${Array.from({ length: 30 }, (_, i) => `t${i}: __typename`).join(" ")} }`,
      `{ ${Array.from({ length: 20 }, () => "__typename @include(if: true)").join(" ")} }`,
      "{ seizures(first: 100) { pageInfo { hasNextPage endCursor } nodes { id caseNumber goods { hsCode } offenders { id } shipments { trackingNumber } } } }",
    ];
    for (const query of queries) {
      const reply = await gql({ query });
      // Executed: at most field-level permission refusals on other agencies' records, no edge refusal.
      expect(reply.body.errors?.filter((e) => e.extensions?.code !== "FORBIDDEN") ?? [], query.slice(0, 60)).toEqual([]);
      expect(reply.status).toBe(200);
    }
  });

  it("still writes a valid mutation (the record counter above does see writes)", async () => {
    const reply = await gql({ query: `mutation { ${write} }` });
    expect(reply.body.errors).toBeUndefined();
    expect(await recordsOfAgency()).toBeGreaterThan(0);
  });

  it("serves no landing page or IDE to a browser", async () => {
    for (const accept of ["text/html", "text/html,application/xhtml+xml"]) {
      const reply = await send(stack.gatewayUrl, { headers: { accept } });
      expect(reply.headers.get("content-type") ?? "").not.toMatch(/html/);
      expect(reply.text).not.toMatch(/<html|sandbox|embeddable/i);
    }
  });

  it("answers application/graphql-response+json when the client asks for it, also for refusals", async () => {
    const ok = await gql({ query: "{ __typename }" }, { accept: "application/graphql-response+json" });
    expect(ok.headers.get("content-type")).toMatch(/^application\/graphql-response\+json/);
    const refused = await gql({ query: `{ seizure(id: "${"x".repeat(40_000)}") { id } }` }, { accept: "application/graphql-response+json" });
    expect(refused.status).toBe(413);
    expect(refused.headers.get("content-type")).toMatch(/^application\/graphql-response\+json/);
  });
});
