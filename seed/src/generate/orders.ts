import type { AgencyProfile } from "../catalogue/agencies.js";
import { PLATFORMS, type OrderGoods } from "../catalogue/commerce.js";
import { keys, type DeclaredPartyInput, type MarkingsInput, type OrderItemInput, type PlanOrder } from "../plan.js";
import { rngFor } from "../random.js";
import { fromEuro, markings } from "./common.js";
import { currencyOf } from "./seizures.js";

/** E-commerce orders: platform, order number, declared buyer and seller, items, delivery place. */

export interface OrderLine {
  goods: OrderGoods;
  quantity: number;
}

export interface OrderSpec {
  seed: number;
  agency: AgencyProfile;
  /** Unique within the data set; part of the order number. */
  serial: number;
  orderDate: Date;
  platform?: string;
  buyer: DeclaredPartyInput;
  /** The known person or company the agency resolved the buyer / seller to. */
  buyerKey?: string;
  seller: DeclaredPartyInput;
  sellerKey?: string;
  lines: readonly OrderLine[];
  deliveryLocode?: string;
  markings?: MarkingsInput;
}

export function buildOrder(spec: OrderSpec): PlanOrder {
  const rng = rngFor(spec.seed, "order-detail", spec.serial);
  const platform = PLATFORMS.find((p) => p.name === spec.platform) ?? rng.weighted(PLATFORMS.map((p) => [p, p.weight] as const));
  const orderNumber = platform.orderNumber(rng, spec.serial);
  const currency = currencyOf(spec.agency);
  const items: OrderItemInput[] = spec.lines.map(({ goods, quantity }) => ({
    description: goods.description,
    hsCode: goods.hsCode,
    quantity,
    unitValue: fromEuro(rng.float(goods.unitValue[0], goods.unitValue[1]), currency),
    originCountry: goods.origin,
  }));
  const shipping = fromEuro(rng.pick([0, 0, 1.99, 3.5, 5.99]), currency);
  const total = Math.round((items.reduce((sum, i) => sum + i.quantity * i.unitValue, 0) + shipping) * 100) / 100;
  return {
    key: keys.order(spec.agency.code, platform.name, orderNumber),
    agency: spec.agency.code,
    input: {
      platform: platform.name,
      orderNumber,
      orderDate: spec.orderDate.toISOString(),
      buyer: spec.buyer,
      seller: spec.seller,
      items,
      deliveryLocode: spec.deliveryLocode ?? rng.pick(spec.agency.deliveryPlaces),
      totalValue: total,
      currency,
      markings: spec.markings ?? markings(rng),
    },
    ...(spec.buyerKey ? { buyer: spec.buyerKey } : {}),
    ...(spec.sellerKey ? { seller: spec.sellerKey } : {}),
  };
}
