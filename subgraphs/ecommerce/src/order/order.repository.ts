import { ownedRecordProperties, type Database, type MarkingsInput, type Tx } from "@cix/core";
import { afterKeyset, type Keyset } from "@cix/core";
import { assertExist, LABEL, replaceLink } from "../common/links.js";
import { replaceDeclaredIdentifiers } from "../declared/declared-identifiers.js";
import { ORDER_PROJECTION, orderFromRow, type OrderRow } from "./order.mapping.js";
import type { OrderFilterParams, OrderWrite } from "./order.input.js";
import type { Order } from "./order.types.js";

export const orderSchema = [
  "CREATE CONSTRAINT order_id IF NOT EXISTS FOR (o:Order) REQUIRE o.id IS UNIQUE",
  "CREATE CONSTRAINT order_key IF NOT EXISTS FOR (o:Order) REQUIRE (o.ownerAgency, o.platform, o.orderNumber) IS UNIQUE",
  "CREATE INDEX order_date IF NOT EXISTS FOR (o:Order) ON (o.orderDate)",
  "CREATE INDEX order_item_hs IF NOT EXISTS FOR (i:OrderItem) ON (i.hsCode)",
];

/** The write of one order: the caller's agency, the source and markings, and the validated order. */
export interface OrderRecordWrite {
  ownerAgency: string;
  source: string;
  markings: MarkingsInput | null | undefined;
  order: OrderWrite;
}

/** Cypher for Order nodes and their items. Idempotent on (ownerAgency, platform, orderNumber). */
export class OrderRepository {
  constructor(private readonly db: Database) {}

  /**
   * Creates or replaces the order, its items, its links to resolved parties and its declared identifiers, in
   * one transaction; returns its id. References are checked first, so a bad one stores nothing.
   */
  upsert(w: OrderRecordWrite): Promise<string> {
    return this.db.transaction((tx) => writeOrder(tx, w));
  }

  /** The batch variant for imports: the same checks and statements for each order, all in ONE transaction (stored whole or not at all). */
  upsertMany(writes: readonly OrderRecordWrite[]): Promise<string[]> {
    return this.db.transaction(async (tx) => {
      const ids: string[] = [];
      for (const w of writes) ids.push(await writeOrder(tx, w));
      return ids;
    });
  }


  async findByIds(ids: readonly string[]): Promise<Order[]> {
    const rows = await this.db.read<{ order: OrderRow }>(`UNWIND $ids AS id MATCH (o:Order { id: id }) RETURN ${ORDER_PROJECTION} AS order`, { ids });
    return rows.map((r) => orderFromRow(r.order));
  }

  /** A page of orders matching the filter, newest first; `limit` is one more than the page size. */
  async list(filter: OrderFilterParams, page: Keyset, limit: number): Promise<Order[]> {
    const rows = await this.db.read<{ order: OrderRow }>(
      `MATCH (o:Order)
       WHERE ($platform IS NULL OR o.platform = $platform)
         AND ($from IS NULL OR o.orderDate >= datetime($from))
         AND ($to IS NULL OR o.orderDate < datetime($to))
         AND ($buyerName IS NULL OR (o.ownerAgency = $nameAgency AND toLower(o.buyerName) CONTAINS toLower($buyerName)))
         AND ($originCountry IS NULL OR EXISTS { (o)-[:HAS_ITEM]->(i:OrderItem) WHERE i.originCountry = $originCountry })
         AND ($hsPrefix IS NULL OR EXISTS { (o)-[:HAS_ITEM]->(i:OrderItem) WHERE i.hsCode STARTS WITH $hsPrefix })
         AND ${afterKeyset("o", "orderDate")}
       RETURN ${ORDER_PROJECTION} AS order
       ORDER BY o.orderDate DESC, o.id
       LIMIT toInteger($limit)`,
      { ...filter, ...page, limit },
    );
    return rows.map((r) => orderFromRow(r.order));
  }

  /**
   * For each party id, a page of the orders in which it is buyer or seller (newest first, `limit` rows at
   * most), in one query for all parties.
   */
  async listByParties(partyIds: readonly string[], page: Keyset, limit: number): Promise<Array<{ partyId: string; order: Order }>> {
    const rows = await this.db.read<{ partyId: string; order: OrderRow }>(
      `UNWIND $partyIds AS partyId
       CALL (partyId) {
         MATCH (o:Order)-[:BUYER|SELLER]->(:${LABEL.Party} { id: partyId })
         WITH DISTINCT o
         WHERE ${afterKeyset("o", "orderDate")}
         RETURN o ORDER BY o.orderDate DESC, o.id LIMIT toInteger($limit)
       }
       RETURN partyId, ${ORDER_PROJECTION} AS order
       ORDER BY partyId, o.orderDate DESC, o.id`,
      { partyIds, ...page, limit },
    );
    return rows.map((r) => ({ partyId: r.partyId, order: orderFromRow(r.order) }));
  }
}

/** Writes one order inside the caller's transaction (references checked first); returns its id. */
async function writeOrder(tx: Tx, w: OrderRecordWrite): Promise<string> {
  const { order } = w;
  await assertExist(
    tx,
    LABEL.Party,
    [
      { path: "input.buyerPartyId", id: order.buyerPartyId },
      { path: "input.sellerPartyId", id: order.sellerPartyId },
    ],
    "the id of an existing Person or Company",
  );
  const rows = await tx.run<{ id: string }>(
    `MERGE (o:Order { ownerAgency: $ownerAgency, platform: $platform, orderNumber: $orderNumber })
     ON CREATE SET o.id = randomUUID(), o.createdAt = datetime()
     SET o += $props, o.orderDate = datetime($orderDate), o.updatedAt = datetime()
     WITH o
     CALL (o) { MATCH (o)-[:HAS_ITEM]->(old:OrderItem) DETACH DELETE old }
     CALL (o) {
       UNWIND range(0, size($items) - 1) AS seq
       CREATE (o)-[:HAS_ITEM]->(i:OrderItem)
       SET i = $items[seq], i.seq = seq
     }
     RETURN o.id AS id`,
    {
      ownerAgency: w.ownerAgency,
      platform: order.platform,
      orderNumber: order.orderNumber,
      orderDate: order.orderDate,
      props: { ...order.props, ...ownedRecordProperties(w.ownerAgency, w.source, w.markings) },
      items: order.items,
    },
  );
  const id = rows[0]!.id;
  const record = { label: LABEL.Order, id };
  await replaceLink(tx, { record, rel: "BUYER", other: { label: LABEL.Party, id: order.buyerPartyId }, direction: "outgoing" });
  await replaceLink(tx, { record, rel: "SELLER", other: { label: LABEL.Party, id: order.sellerPartyId }, direction: "outgoing" });
  await replaceDeclaredIdentifiers(tx, record, order.declared, { ownerAgency: w.ownerAgency, source: w.source });
  return id;
}
