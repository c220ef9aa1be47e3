import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authHeaders } from "../support/auth.js";
import { deleteEcommerceData } from "../support/ecommerce.js";
import { startTestStack, unique, type TestStack } from "../support/stack.js";
import { waitFor } from "../support/process.js";
import { deleteImportData } from "./import-fixtures.js";

/**
 * Two agencies import at the same time, through the gateway's upload endpoint, persons and orders that share
 * phones, e-mails and addresses (spelled differently by each agency). Small batches make many concurrent
 * transactions on the same identifier nodes. What must hold afterwards: one node per normalised identifier and
 * every link of every record of both agencies. What was lost: nothing.
 */

// Read by the subgraphs' import routes at start-up (this file runs in its own process).
process.env.CIX_IMPORT_BATCH_SIZE = "20";

const AGENCIES = [unique("NL-CONTEND"), unique("BE-CONTEND")].map((a) => a.replace(/[^A-Z0-9-]/g, ""));
const RUN = String(randomInt(100, 1000));
const POOL = 40;
const PERSONS = 300;
const ORDERS = 200;

let stack: TestStack;
let base: string;

beforeAll(async () => {
  stack = await startTestStack();
  base = stack.gatewayUrl.replace(/\/graphql$/, "");
});

afterAll(async () => {
  for (const agency of AGENCIES) {
    await deleteImportData(stack.db, agency);
    await deleteEcommerceData(stack.db, agency);
  }
  await stack.stop();
});

/** The shared identifiers: agency 0 and agency 1 write each one differently; the hub must see one. */
const phone = (i: number, agency: number) => {
  const local = `61${RUN}${String(i).padStart(4, "0")}`;
  return agency === 0 ? `+31 ${local.slice(0, 2)} ${local.slice(2, 5)} ${local.slice(5)}` : `0031${local}`;
};
const phoneKey = (i: number) => `+3161${RUN}${String(i).padStart(4, "0")}`;
const email = (i: number, agency: number) => (agency === 0 ? `shared.${RUN}.${i}@example.org` : ` SHARED.${RUN}.${i}@EXAMPLE.ORG `);
const emailKey = (i: number) => `shared.${RUN}.${i}@example.org`;
const address = (i: number, agency: number) =>
  agency === 0
    ? { street: `Contentiekade ${RUN} ${i}`, postcode: "1012 LG", city: "Amsterdam", country: "NL" }
    : { street: `CONTENTIEKADE ${RUN} ${i}`, postcode: "1012LG", city: "AMSTERDAM", country: "NL" };

/** Which pool entries record `n` of an agency uses: both agencies walk the pool in opposite directions. */
const picks = (n: number, agency: number) => {
  const a = agency === 0 ? n % POOL : POOL - 1 - (n % POOL);
  return { phones: [a, (a + 7) % POOL], email: (a + 3) % POOL, address: (a + 11) % POOL };
};

function personsOf(agency: number): string {
  return Array.from({ length: PERSONS }, (_, n) => {
    const p = picks(n, agency);
    return JSON.stringify({
      reference: `CONT-P-${n}`,
      fullName: `Contention Person ${n}`,
      phones: p.phones.map((i) => phone(i, agency)),
      emails: [email(p.email, agency)],
      addresses: [address(p.address, agency)],
    });
  }).join("\n");
}

function ordersOf(agency: number): string {
  return Array.from({ length: ORDERS }, (_, n) => {
    const p = picks(n + 5, agency);
    return JSON.stringify({
      platform: "ContentionShop",
      orderNumber: `CONT-O-${n}`,
      orderDate: "2024-03-01T10:00:00Z",
      buyer: { name: `Buyer ${n}`, phone: phone(p.phones[0]!, agency), email: email(p.email, agency), address: address(p.address, agency) },
      items: [{ description: "Watch", hsCode: "910211", quantity: 1, unitValue: 50 }],
      totalValue: 50,
      currency: "EUR",
    });
  }).join("\n");
}

type Link = { agency: string; id: string; rel: string; kind: string; key: string };
type Job = { id: string; status: string; totalRows: number; accepted: number; rejected: number; message: string | null };

async function upload(kind: string, body: string, agency: string): Promise<string> {
  const res = await fetch(`${base}/import/${kind}`, {
    method: "POST",
    headers: { "content-type": "application/x-ndjson", ...(await authHeaders({ role: "investigator", agency })) },
    body,
  });
  expect(res.status).toBe(202);
  return ((await res.json()) as { jobId: string }).jobId;
}

async function finished(id: string, agency: string): Promise<Job> {
  const headers = await authHeaders({ role: "investigator", agency });
  return waitFor(
    `import job ${id} to finish`,
    async () => {
      const res = await stack.query<{ importJob: Job }>(`query($id: ID!) { importJob(id: $id) { id status totalRows accepted rejected message } }`, { id }, headers);
      const job = res.data?.importJob;
      return job && job.status !== "RUNNING" ? job : null;
    },
    150_000,
    250,
  );
}

describe("two agencies importing overlapping identifiers at the same time", () => {
  it("end with one node per normalised identifier and every link of both agencies' records", async () => {
    // All four jobs start before any finishes: the uploads are small, the jobs run in the background.
    const started = await Promise.all(
      AGENCIES.flatMap((agency, a) => [
        upload("persons", personsOf(a), agency).then((id) => ({ id, agency, rows: PERSONS })),
        upload("orders", ordersOf(a), agency).then((id) => ({ id, agency, rows: ORDERS })),
      ]),
    );
    const jobs = await Promise.all(started.map(async (s) => ({ ...s, job: await finished(s.id, s.agency) })));
    for (const { job, rows } of jobs) expect(job).toMatchObject({ status: "COMPLETED", totalRows: rows, accepted: rows, rejected: 0, message: null });

    // One node per identifier, whoever wrote it first and however it was spelled.
    const pool = Array.from({ length: POOL }, (_, i) => i);
    const nodes = await stack.db.read<{ kind: string; keys: number; nodes: number }>(
      `UNWIND [['Phone', $phones], ['Email', $emails]] AS kind
       UNWIND kind[1] AS key
       OPTIONAL MATCH (n) WHERE kind[0] IN labels(n) AND n.key = key
       RETURN kind[0] AS kind, count(DISTINCT key) AS keys, count(n) AS nodes`,
      { phones: pool.map(phoneKey), emails: pool.map(emailKey) },
    );
    expect(nodes).toEqual([
      { kind: "Phone", keys: POOL, nodes: POOL },
      { kind: "Email", keys: POOL, nodes: POOL },
    ]);
    const [addresses] = await stack.db.read<{ nodes: number; keys: number }>(
      "MATCH (n:Address) WHERE n.key STARTS WITH $prefix RETURN count(n) AS nodes, count(DISTINCT n.key) AS keys",
      { prefix: `contentiekade ${RUN} ` },
    );
    expect(addresses).toEqual({ nodes: POOL, keys: POOL });

    // Every link each record was given, and no other.
    const expected = { Person: [] as Link[], Order: [] as Link[] };
    AGENCIES.forEach((agency, a) => {
      for (let n = 0; n < PERSONS; n++) {
        const p = picks(n, a);
        const id = `CONT-P-${n}`;
        for (const i of p.phones) expected.Person.push({ agency, id, rel: "USES", kind: "Phone", key: phoneKey(i) });
        expected.Person.push({ agency, id, rel: "USES", kind: "Email", key: emailKey(p.email) });
      }
      for (let n = 0; n < ORDERS; n++) {
        const p = picks(n + 5, a);
        const id = `CONT-O-${n}`;
        expected.Order.push({ agency, id, rel: "DECLARED", kind: "Phone", key: phoneKey(p.phones[0]!) });
        expected.Order.push({ agency, id, rel: "DECLARED", kind: "Email", key: emailKey(p.email) });
      }
    });
    for (const [label, key] of [["Person", "reference"], ["Order", "orderNumber"]] as const) {
      const [found] = await stack.db.read<{ found: number }>(
        `UNWIND $links AS link
         MATCH (r:${label} { ownerAgency: link.agency, ${key}: link.id })-[rel]->(i { key: link.key })
         WHERE type(rel) = link.rel AND link.kind IN labels(i)
         RETURN count(DISTINCT link) AS found`,
        { links: expected[label] },
      );
      expect(found!.found, `${label} links`).toBe(expected[label].length);
    }
    const links = await stack.db.read<{ label: string; rel: string; kind: string; n: number }>(
      `MATCH (r:Person|Order)-[rel:USES|DECLARED|LOCATED_AT]->(i:Phone|Email|Address) WHERE r.ownerAgency IN $agencies
       RETURN CASE WHEN r:Person THEN 'Person' ELSE 'Order' END AS label, type(rel) AS rel, labels(i)[0] AS kind, count(rel) AS n ORDER BY label, rel, kind`,
      { agencies: AGENCIES },
    );
    const twice = (n: number) => n * AGENCIES.length;
    expect(links).toEqual([
      { label: "Order", rel: "DECLARED", kind: "Address", n: twice(ORDERS) },
      { label: "Order", rel: "DECLARED", kind: "Email", n: twice(ORDERS) },
      { label: "Order", rel: "DECLARED", kind: "Phone", n: twice(ORDERS) },
      { label: "Person", rel: "LOCATED_AT", kind: "Address", n: twice(PERSONS) },
      { label: "Person", rel: "USES", kind: "Email", n: twice(PERSONS) },
      { label: "Person", rel: "USES", kind: "Phone", n: twice(PERSONS * 2) },
    ]);
    // One record per natural key: nothing was stored twice.
    const [records] = await stack.db.read(
      `MATCH (r:Person|Order) WHERE r.ownerAgency IN $agencies
       RETURN count(CASE WHEN r:Person THEN 1 END) AS persons, count(DISTINCT CASE WHEN r:Person THEN [r.ownerAgency, r.reference] END) AS personKeys,
              count(CASE WHEN r:Order THEN 1 END) AS orders, count(DISTINCT CASE WHEN r:Order THEN [r.ownerAgency, r.orderNumber] END) AS orderKeys`,
      { agencies: AGENCIES },
    );
    expect(records).toEqual({ persons: twice(PERSONS), personKeys: twice(PERSONS), orders: twice(ORDERS), orderKeys: twice(ORDERS) });
  }, 240_000);
});
