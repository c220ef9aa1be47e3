import { createLogger, TokenService } from "@cix/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { developmentIde } from "../../gateway/src/ide/graphiql.js";
import { isLoopbackAddress } from "@cix/core";
import { devTokenRoutes } from "../../gateway/src/ide/dev-token.js";
import { expectNoInternals, post, send, type Reply } from "../support/edge.js";
import { startProductionStack, type ProductionStack } from "../support/production.js";
import { startTestStack, unique, type TestStack } from "../support/stack.js";

/**
 * Issue 20 item 6: GraphiQL served by the hub itself in development (no CDN, strict Content-Security-Policy), its
 * demo login minting development tokens for loopback callers only, and none of it in production.
 */

/** What a browser sends when the developer types the URL into the address bar. */
const BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

interface DemoLogins {
  roles: string[];
  agencies: string[];
  purpose: string;
  default: { role: string; agency: string };
}

interface DevToken {
  token: string;
  sub: string;
  purpose: string;
  expiresInSeconds: number;
}

function expectEdgeError(reply: Reply, status: number, code: string): void {
  expect(reply.status, reply.text).toBe(status);
  expect(reply.headers.get("content-type")).toMatch(/^application\/json/);
  expect(reply.body.errors?.[0]?.extensions?.code).toBe(code);
  expectNoInternals(reply.text);
}

/** The page's `src` and `href` attributes: everything a browser loads for it. */
function referencesOf(html: string): string[] {
  return [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((match) => match[1]!);
}

describe("the GraphiQL IDE in development", () => {
  let stack: TestStack;
  let origin: string;
  const ide = (path = "") => `${origin}/graphiql${path}`;
  const requestToken = (login: unknown, headers: Record<string, string> = {}) => post(ide("/dev-token"), login, headers);

  beforeAll(async () => {
    // Proxy headers trusted as behind a reverse proxy, so that a check reading `req.ip` would see the forged address.
    stack = await startTestStack({ CIX_TRUST_PROXY: "true" });
    origin = new URL(stack.gatewayUrl).origin;
  });

  afterAll(async () => {
    await stack.stop();
  });

  it("serves the page with a Content-Security-Policy that allows this origin only and no inline code", async () => {
    const page = await send(ide(), { headers: { accept: BROWSER_ACCEPT } });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(page.text).toContain('<div id="graphiql">');

    const policy = page.headers.get("content-security-policy") ?? "";
    const directives = new Map(policy.split(";").map((directive) => {
      const [name, ...sources] = directive.trim().split(/\s+/);
      return [name!, sources] as const;
    }));
    expect(directives.get("default-src")).toEqual(["'self'"]);
    expect(directives.get("object-src")).toEqual(["'none'"]);
    expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
    // No 'unsafe-inline' or 'unsafe-eval', no host, scheme or wildcard that would let a third party's code in.
    const sources = [...directives.values()].flat();
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect(["'self'", "'none'", "data:"]).toContain(source);
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");

    // The policy blocks inline code, so the page must have none for it to work.
    expect(page.text).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(page.text).not.toMatch(/<style|\sstyle=|\son\w+=/i);
  });

  it("loads every script and stylesheet of the page from this origin, with the right content type", async () => {
    const page = await send(ide());
    const references = referencesOf(page.text);
    const scripts = [...page.text.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((match) => match[1]!);
    const stylesheets = [...page.text.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((match) => match[1]!);
    // React, ReactDOM, GraphiQL and the bootstrap; GraphiQL's stylesheet and ours.
    expect(scripts).toHaveLength(4);
    expect(stylesheets).toHaveLength(2);
    expect(references.sort()).toEqual([...scripts, ...stylesheets].sort());

    for (const reference of references) {
      const url = new URL(reference, ide());
      expect(url.origin, reference).toBe(origin);
      const file = await send(url.href);
      expect(file.status, reference).toBe(200);
      expect(file.headers.get("content-type"), reference).toMatch(scripts.includes(reference) ? /^(text|application)\/javascript/ : /^text\/css/);
      expect(file.headers.get("x-content-type-options"), reference).toBe("nosniff");
      // What a stylesheet loads itself (GraphiQL's fonts and icons) is inline data or same-origin too.
      if (stylesheets.includes(reference)) {
        expect(file.text, reference).not.toMatch(/@import/);
        for (const [, target] of file.text.matchAll(/url\(\s*["']?([^"')]+)/g)) {
          if (!target!.startsWith("data:")) expect(new URL(target!, url).origin, `${reference}: ${target}`).toBe(origin);
        }
      }
    }
    // The page's own script calls the hub by path only, never another host.
    const bootstrap = await send(new URL(scripts.find((script) => script.endsWith("graphiql-bootstrap.js"))!, ide()).href);
    expect(bootstrap.text).not.toMatch(/https?:\/\//);
  });

  it("sends a browser opening /graphql to the IDE, and API clients on to GraphQL", async () => {
    const opened = await fetch(stack.gatewayUrl, { headers: { accept: BROWSER_ACCEPT }, redirect: "manual" });
    expect(opened.status).toBe(302);
    expect(opened.headers.get("location")).toBe("/graphiql");
    const followed = await send(stack.gatewayUrl, { headers: { accept: BROWSER_ACCEPT } });
    expect(followed.status).toBe(200);
    expect(followed.text).toContain('<div id="graphiql">');

    // Not Apollo's landing page (Apollo Sandbox from a CDN): a client asking for JSON gets GraphQL's own answer.
    const apiClient = await send(stack.gatewayUrl, { headers: { accept: "application/json" }, redirect: "manual" });
    expect(apiClient.status).not.toBe(302);
    expect(apiClient.headers.get("content-type")).toMatch(/json/);
    expect(apiClient.text).not.toMatch(/<html|apollographql|embeddable-sandbox|cdn\./i);
    // A GET with a query is a GraphQL request, whatever the browser accepts.
    const withQuery = await send(`${stack.gatewayUrl}?query=${encodeURIComponent("{ __typename }")}`, {
      headers: { accept: BROWSER_ACCEPT, "apollo-require-preflight": "true" },
      redirect: "manual",
    });
    expect(withQuery.status).not.toBe(302);
    expect(withQuery.text).not.toMatch(/<html/i);
  });

  it("signs in a demo login whose token and purpose open a nominal read through the gateway", async () => {
    const logins = await send(ide("/demo-logins"));
    expect(logins.status).toBe(200);
    const offer = JSON.parse(logins.text) as DemoLogins;
    expect(offer.roles).toContain(offer.default.role);
    expect(offer.agencies).toContain(offer.default.agency);

    const signedIn = await requestToken(offer.default);
    expect(signedIn.status, signedIn.text).toBe(200);
    expect(signedIn.headers.get("cache-control")).toBe("no-store");
    const login = JSON.parse(signedIn.text) as DevToken;
    expect(login.sub).toBe(`${offer.default.role}@${offer.default.agency}`);
    expect(login.purpose).toBe(offer.purpose);

    // The headers the page puts into GraphiQL's editor.
    const headers = { authorization: `Bearer ${login.token}`, "x-cix-purpose": login.purpose };
    const reference = unique("IDE");
    const fullName = `Ide Demo ${reference}`;
    const created = await stack.query<{ upsertPerson: { id: string } }>(
      "mutation($input: PersonInput!) { upsertPerson(input: $input) { id } }",
      { input: { reference, fullName } },
      headers,
    );
    expect(created.errors).toBeUndefined();
    const id = created.data!.upsertPerson.id;
    try {
      const read = "query($id: ID!) { person(id: $id) { fullName } }";
      const withPurpose = await stack.query<{ person: { fullName: string | null } }>(read, { id }, headers);
      expect(withPurpose.errors).toBeUndefined();
      expect(withPurpose.data?.person?.fullName).toBe(fullName);
      // The purpose header is what opens the nominal field: the same token without it is refused.
      const withoutPurpose = await stack.query<{ person: { fullName: string | null } | null }>(read, { id }, { authorization: headers.authorization });
      expect(withoutPurpose.data?.person?.fullName ?? null).toBeNull();
      expect(withoutPurpose.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    } finally {
      await stack.db.write("MATCH (p:Person { id: $id }) DETACH DELETE p", { id });
    }
  });

  it.each([
    ["a login that is not JSON (a cross-site form)", () => requestToken("role=admin&agency=NL-CUSTOMS", { "content-type": "application/x-www-form-urlencoded" }), 415],
    ["an agency outside the demo", () => requestToken({ role: "admin", agency: "ELSEWHERE" }), 400],
    ["a claim the login does not take", () => requestToken({ role: "admin", agency: "NL-CUSTOMS", operations: ["OP-1"] }), 400],
  ])("refuses %s with BAD_REQUEST", async (_name, request, status) => {
    const reply = await request();
    expectEdgeError(reply, status, "BAD_REQUEST");
    expect(reply.text).not.toMatch(/"token"/);
  });

  // A test over loopback cannot open a socket from another machine, so the address rule is asserted on the function
  // that decides (below). Over loopback: a request relayed by a proxy on this machine (it carries a forwarding
  // header, whatever address it names) is someone else's, so no token, even though the gateway trusts those headers
  // for req.ip (CIX_TRUST_PROXY).
  it.each([
    ["X-Forwarded-For naming loopback", { "x-forwarded-for": "127.0.0.1" }],
    ["Forwarded naming loopback", { forwarded: "for=127.0.0.1" }],
    ["X-Forwarded-For and Forwarded naming another host", { "x-forwarded-for": "203.0.113.7", forwarded: "for=203.0.113.7" }],
  ])("refuses a request relayed by a proxy (%s) with FORBIDDEN", async (_name, forwarding) => {
    const reply = await requestToken({ role: "analyst", agency: "BE-CUSTOMS" }, forwarding);
    expectEdgeError(reply, 403, "FORBIDDEN");
    expect(reply.text).not.toMatch(/"token"/);
  });
});

describe("which callers get a development token", () => {
  it.each(["127.0.0.1", "127.0.0.2", "::1", "::ffff:127.0.0.1"])("a socket from %s (this machine)", (address) => {
    expect(isLoopbackAddress(address)).toBe(true);
  });

  it.each([
    "10.0.0.5",
    "192.168.1.20",
    "203.0.113.7",
    "::ffff:203.0.113.7",
    "2001:db8::1",
    "0.0.0.0",
    "::",
    // What a forwarding header holds is not a socket address.
    "127.0.0.1, 203.0.113.7",
    "localhost",
    "",
    undefined,
  ])("none from %s", (address) => {
    expect(isLoopbackAddress(address)).toBe(false);
  });
});

describe("the GraphiQL IDE in production", () => {
  let stack: ProductionStack;
  let origin: string;

  beforeAll(async () => {
    stack = await startProductionStack();
    origin = new URL(stack.gatewayUrl).origin;
  });

  afterAll(async () => {
    await stack.stop();
  });

  it.each([
    ["GET /graphiql", "/graphiql", {}],
    ["GET /graphiql/graphiql-bootstrap.js", "/graphiql/graphiql-bootstrap.js", {}],
    ["GET /graphiql/vendor/graphiql.min.js", "/graphiql/vendor/graphiql.min.js", {}],
    ["GET /graphiql/demo-logins", "/graphiql/demo-logins", {}],
    [
      "POST /graphiql/dev-token",
      "/graphiql/dev-token",
      { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ role: "admin", agency: "NL-CUSTOMS" }) },
    ],
  ])("%s is 404 NOT_FOUND", async (_name, path, init: RequestInit) => {
    const reply = await send(`${origin}${path}`, init);
    expectEdgeError(reply, 404, "NOT_FOUND");
    expect(reply.headers.get("content-security-policy")).toBeNull();
  });

  it("refuses to build the IDE or the demo login with the production configuration", () => {
    const tokens = new TokenService(stack.config);
    const log = createLogger("test", "silent");
    expect(() => devTokenRoutes(stack.config.production, tokens, log)).toThrow(/development profile only/);
    expect(() => developmentIde(stack.config.production, tokens, log)).toThrow(/development profile only/);
  });

  it("does not send a browser opening /graphql anywhere, nor answer it a page", async () => {
    const opened = await send(stack.gatewayUrl, { headers: { accept: BROWSER_ACCEPT }, redirect: "manual" });
    expect(opened.status).not.toBe(302);
    expect(opened.headers.get("location")).toBeNull();
    expect(opened.headers.get("content-type")).toMatch(/json/);
    expect(opened.text).not.toMatch(/<html|graphiql/i);
  });
});
