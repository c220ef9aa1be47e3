import { ownedRecordFields } from "@cix/core";
import { LABEL } from "../common/links.js";
import { optional } from "../common/rows.js";
import { declaredFromProperties } from "../declared/declared-party.js";
import type { Order, OrderItem } from "./order.types.js";

/**
 * Cypher projection of an order bound to `o`: its properties, provenance, markings and access envelope, its
 * resolved parties and its items in submitted order.
 */
export const ORDER_PROJECTION = `o { .*, ${ownedRecordFields("o")},
  buyerPartyId: head([(o)-[:BUYER]->(p:${LABEL.Party}) | p.id]),
  sellerPartyId: head([(o)-[:SELLER]->(p:${LABEL.Party}) | p.id]),
  items: COLLECT { MATCH (o)-[:HAS_ITEM]->(i:OrderItem) RETURN i { .description, .hsCode, .quantity, .unitValue, .currency, .originCountry } AS item ORDER BY i.seq }
}`;

/** An order as ORDER_PROJECTION reads it. */
export type OrderRow = Order & Record<string, unknown> & { items: OrderItem[] };

/**
 * The GraphQL shape of a row. The row's other keys stay on the object: among them the hidden `__access`
 * envelope that the permission layer reads for the nominal fields.
 */
export function orderFromRow(row: OrderRow): Order {
  return {
    ...row,
    declaredBuyer: declaredFromProperties("buyer", row),
    declaredSeller: declaredFromProperties("seller", row),
    deliveryLocode: optional<string>(row.deliveryLocode),
    deliveryCountry: optional<string>(row.deliveryCountry),
    totalValue: optional<number>(row.totalValue),
    currency: optional<string>(row.currency),
  };
}
