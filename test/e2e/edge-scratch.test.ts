import { afterAll, beforeAll, it } from "vitest";
import { auditServer } from "graphql-http";
import { startTestStack } from "../support/stack.js";
import { authHeaders } from "../support/auth.js";
import type { ProductionStack } from "../support/production.js";

let stack: ProductionStack;
beforeAll(async () => { stack = (await startTestStack()) as ProductionStack; });
afterAll(async () => { await stack.stop(); });

it("audits", async () => {
  const h = await authHeaders({ role: "investigator", agency: "NL-CUSTOMS", purpose: "CASE-1" });
  const fetchFn = (input: RequestInfo | URL, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    for (const [k, v] of Object.entries(h)) headers.set(k, v);
    return fetch(input, { ...init, headers });
  };
  const results = await auditServer({ url: stack.gatewayUrl, fetchFn });
  for (const r of results) {
    if (r.status !== "ok") console.error(r.status, r.id, r.name, r.reason, r.response ? `${r.response.status} ${await r.response.text().catch(() => "")}`.slice(0, 300) : "");
  }
  console.error("ok:", results.filter((r) => r.status === "ok").length, "of", results.length);
});
