import { badUserInput, type Viewer } from "@cix/core";
import { requireNominalFilter } from "../common/access.js";
import { currencyFor, dateRange, nonNegative, optionalText, place, positive, requiredText } from "../common/validate.js";
import { declaredIdentifiers, type DeclaredIdentifiers } from "../declared/declared-identifiers.js";
import { declaredProperties } from "../declared/declared-party.js";
import type { OrderFilter, OrderInput } from "./order.types.js";

/** An order as it will be written: natural key, node properties, item nodes and links. */
export interface OrderWrite {
  platform: string;
  orderNumber: string;
  orderDate: string;
  props: Record<string, unknown>;
  items: Array<Record<string, unknown>>;
  buyerPartyId: string | null;
  sellerPartyId: string | null;
  /** The declared parties' phones, e-mails and addresses to link to the shared identifier nodes. */
  declared: DeclaredIdentifiers[];
}

/** Validates an order input (throwing BAD_USER_INPUT with the field path) and turns it into what is stored. */
export function orderWrite(input: OrderInput): OrderWrite {
  const currency = input.currency ?? null;
  const totalValue = input.totalValue === null || input.totalValue === undefined ? null : nonNegative("input.totalValue", input.totalValue);
  currencyFor("input.currency", totalValue, currency);
  const delivery = place("input.delivery", input.deliveryLocode, input.deliveryCountry);
  const items = input.items.map((item, i) => {
    const path = `input.items[${i}]`;
    const unitValue = item.unitValue === null || item.unitValue === undefined ? null : nonNegative(`${path}.unitValue`, item.unitValue);
    return {
      description: requiredText(`${path}.description`, item.description),
      hsCode: item.hsCode ?? null,
      quantity: item.quantity === null || item.quantity === undefined ? null : positive(`${path}.quantity`, item.quantity),
      unitValue,
      currency: currencyFor(`${path}.currency`, unitValue, item.currency ?? currency),
      originCountry: item.originCountry ?? null,
    };
  });
  return {
    platform: requiredText("input.platform", input.platform),
    orderNumber: requiredText("input.orderNumber", input.orderNumber),
    orderDate: input.orderDate.toISOString(),
    props: {
      ...declaredProperties("buyer", "input.buyer", input.buyer),
      ...declaredProperties("seller", "input.seller", input.seller),
      deliveryLocode: delivery.locode,
      deliveryCountry: delivery.country,
      totalValue,
      currency,
    },
    items,
    buyerPartyId: input.buyerPartyId ?? null,
    sellerPartyId: input.sellerPartyId ?? null,
    declared: [declaredIdentifiers("buyer", "input.buyer", input.buyer), declaredIdentifiers("seller", "input.seller", input.seller)],
  };
}

/**
 * Query parameters of an order filter. A buyer-name filter is a nominal read: it needs the caller's right to
 * read nominal data, and matches only orders of the caller's own agency (`nameAgency`).
 */
export function orderFilterParams(filter: OrderFilter | null | undefined, viewer: Viewer | null) {
  const f = filter ?? {};
  const buyerName = optionalText(f.buyerName);
  const nameAgency = buyerName === null ? null : requireNominalFilter(viewer, "buyer name").agency;
  const hsPrefix = optionalText(f.hsPrefix);
  if (hsPrefix !== null && !/^\d{2,10}$/.test(hsPrefix)) throw badUserInput("filter.hsPrefix", "2 to 10 digits of an HS code");
  return {
    platform: optionalText(f.platform),
    ...dateRange("filter", f.from, f.to),
    buyerName,
    nameAgency,
    originCountry: f.originCountry ?? null,
    hsPrefix,
  };
}

export type OrderFilterParams = ReturnType<typeof orderFilterParams>;
