import {
  assertNameableParties,
  afterKeyset,
  latestByKey,
  ownedRecordProperties,
  upsertRecords,
  writeOutcomeColumns,
  type Database,
  type RecordWrite,
  type Keyset,
  type MarkingsInput,
  type Tx,
} from "@cix/core";
import { LABEL, replaceLinks, type LinkSpec } from "../common/links.js";
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
  async upsert(w: OrderRecordWrite): Promise<string> {
    const [written] = await this.db.transaction((tx) => writeOrders(tx, [w]));
    return written!.id;
  }

  /** The same for a batch of orders (imports), in ONE transaction: stored whole or not at all; what each write did, in input order. */
  upsertMany(writes: readonly OrderRecordWrite[]): Promise<RecordWrite[]> {
    return this.db.transaction((tx) => writeOrders(tx, writes));
  }

  async findByIds(ids: readonly string[]): Promise<Order[]> {
    const rows = await this.db.read<{ order: OrderRow }>(`UNWIND $ids AS id MATCH (o:Order { id: id }) RETURN ${ORDER_PROJECTION} AS order`, { ids });
    return rows.map((r) => orderFromRow(r.order));
  }

  /** The order by its natural key (as the upsert stores it), or null. */
  async findByNumber(ownerAgency: string, platform: string, orderNumber: string): Promise<Order | null> {
    const rows = await this.db.read<{ order: OrderRow }>(
      `MATCH (o:Order { ownerAgency: $ownerAgency, platform: $platform, orderNumber: $orderNumber }) RETURN ${ORDER_PROJECTION} AS order`,
      { ownerAgency, platform, orderNumber },
    );
    return rows[0] ? orderFromRow(rows[0].order) : null;
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

/** Creates or replaces the orders with their items; `row.n` numbers the rows (see `upsertRows`). */
const UPSERT_ORDERS = `UNWIND $rows AS row
  MERGE (o:Order { ownerAgency: row.ownerAgency, platform: row.platform, orderNumber: row.orderNumber })
  ON CREATE SET o.id = randomUUID(), o.createdAt = datetime()
  WITH row, o, ${writeOutcomeColumns("o")}
  SET o += row.props, o.orderDate = datetime(row.orderDate), o.updatedAt = datetime()
  WITH o, row, created, previousSource
  CALL (o) { MATCH (o)-[:HAS_ITEM]->(old:OrderItem) DETACH DELETE old }
  CALL (o, row) {
    UNWIND range(0, size(row.items) - 1) AS seq
    CREATE (o)-[:HAS_ITEM]->(i:OrderItem)
    SET i = row.items[seq], i.seq = seq
  }
  RETURN row.n AS n, o.id AS id, created, previousSource`;

/** The order's links and the id in its input that each one follows. */
const ORDER_LINKS: ReadonlyArray<{ spec: LinkSpec; other: (o: OrderWrite) => string | null }> = [
  { spec: { recordLabel: LABEL.Order, rel: "BUYER", otherLabel: LABEL.Party, direction: "outgoing" }, other: (o) => o.buyerPartyId },
  { spec: { recordLabel: LABEL.Order, rel: "SELLER", otherLabel: LABEL.Party, direction: "outgoing" }, other: (o) => o.sellerPartyId },
];

/**
 * Writes a batch of orders inside the caller's transaction with a fixed number of statements, whatever the
 * batch size (references checked first); returns their ids in input order.
 */
async function writeOrders(tx: Tx, writes: readonly OrderRecordWrite[]): Promise<RecordWrite[]> {
  await assertNameableParties(
    tx,
    writes.flatMap(({ order, ownerAgency }) => [
      { path: "input.buyerPartyId", id: order.buyerPartyId, agency: ownerAgency },
      { path: "input.sellerPartyId", id: order.sellerPartyId, agency: ownerAgency },
    ]),
  );
  const { unique, at } = latestByKey(writes, (w) => [w.ownerAgency, w.order.platform, w.order.orderNumber]);
  const written = await upsertRecords(
    tx,
    UPSERT_ORDERS,
    unique.map(({ ownerAgency, source, markings, order }) => ({
      ownerAgency,
      platform: order.platform,
      orderNumber: order.orderNumber,
      orderDate: order.orderDate,
      props: { ...order.props, ...ownedRecordProperties(ownerAgency, source, markings) },
      items: order.items,
    })),
  );
  const ids = written.map((w) => w.id);
  for (const { spec, other } of ORDER_LINKS) {
    await replaceLinks(tx, spec, unique.map((w, i) => ({ recordId: ids[i]!, otherId: other(w.order) })));
  }
  await replaceDeclaredIdentifiers(
    tx,
    LABEL.Order,
    unique.map((w, i) => ({ ownerId: ids[i]!, declared: w.order.declared, provenance: { ownerAgency: w.ownerAgency, source: w.source } })),
  );
  return at.map((i) => written[i]!);
}
