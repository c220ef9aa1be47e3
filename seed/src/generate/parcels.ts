import type { AgencyProfile } from "../catalogue/agencies.js";
import { ORDER_GOODS, SHOPS, SUSPICIOUS_GOODS, type SuspiciousGoods } from "../catalogue/commerce.js";
import { commodity } from "../catalogue/commodities.js";
import { residence } from "../catalogue/world.js";
import type { Background } from "../generate.js";
import type { DeclaredPartyInput, MarkingsInput, PaymentMethod, PlanOrder, PlanPayment, PlanSeizure, PlanShipment } from "../plan.js";
import { rngFor, uniqueDigits, type Rng } from "../random.js";
import { consumerSerial, orderSerial } from "../serials.js";
import { addDays, fromEuro, ORDER_PERIOD } from "./common.js";
import { companyAt, pickForeignShopIndex } from "./companies.js";
import { declaredCompany, declaredPerson } from "./declared.js";
import { fakerFor } from "./fakers.js";
import { address, bankAccount, hasIban, mailPart, mobileNumber, reformatPhone } from "./identifiers.js";
import { buildOrder, type OrderLine } from "./orders.js";
import { buildPayment, merchantAccount, payerAccount } from "./payments.js";
import { personAt } from "./persons.js";
import { buildSeizure, currencyOf } from "./seizures.js";
import { buildShipment, parcelRoute, type ParcelRoute } from "./shipments.js";

/**
 * Background e-commerce: an order with its payment and its parcel, and for the first `seizedOrders` orders the
 * case the parcel was seized in. Order `o` is a pure function of the seed and `o`.
 */

export interface Parcel {
  order: PlanOrder;
  payment?: PlanPayment;
  shipment?: PlanShipment;
  seizure?: PlanSeizure;
}

/** Who bought: the declared buyer, the known person behind it (if any), and what they pay with. */
interface Buyer {
  declared: DeclaredPartyInput;
  key?: string;
  holder: string;
  iban?: string;
  email?: string;
  /** The same buyer on the parcel label (another notation again). */
  label: DeclaredPartyInput;
}

/** A shopper the hub knows nothing about, living in the agency's country. */
function consumer(agency: AgencyProfile, o: number, rng: Rng): Buyer {
  const home = residence(agency.country);
  const f = fakerFor(home.locale, rng.int(0, 2 ** 31));
  const given = f.person.firstName();
  const family = f.person.lastName();
  const addr = address(home, f.location.streetAddress(), rng);
  const serial = consumerSerial(o);
  const phone = rng.chance(0.6) && home.mobile ? mobileNumber(home.mobile, serial) : undefined;
  const digits = () => (home.mailboxDigits ? uniqueDigits(serial, home.mailboxDigits, 5) : rng.digits(2));
  const email = rng.chance(0.7) ? `${mailPart(given)}${mailPart(family)}${digits()}@${rng.pick(home.emailDomains)}` : undefined;
  const declared = (style: number): DeclaredPartyInput => ({
    name: `${given} ${family}`,
    address: addr,
    ...(phone ? { phone: reformatPhone(phone, style) } : {}),
    ...(email ? { email } : {}),
  });
  return {
    declared: declared(rng.int(0, 4)),
    label: declared(rng.int(0, 4)),
    holder: `${given} ${family}`,
    iban: rng.chance(0.5) && hasIban(home) ? bankAccount(home, serial, rng).iban : undefined,
    email,
  };
}

/** A person the agency has on file, or undefined when it has none. */
function knownBuyer(bg: Background, agency: AgencyProfile, rng: Rng): Buyer | undefined {
  const i = bg.agencies.pickIndexOf(rng, agency, bg.counts.persons);
  if (i === undefined) return undefined;
  const person = personAt(bg, i);
  const p = person.input;
  return {
    declared: declaredPerson(person, rng),
    label: declaredPerson(person, rng),
    key: person.key,
    holder: `${p.givenNames} ${p.familyName}`,
    iban: p.bankAccounts[0]?.iban,
    email: p.emails[0],
  };
}

/**
 * The shop that sold it: for stopped goods, a shop in the goods' country of origin. A known company is declared as
 * it is recorded, but the order names it (resolves the seller to it) only when it is the ordering agency's own
 * record: an agency may name only parties it may read.
 */
function seller(bg: Background, agency: AgencyProfile, suspicious: SuspiciousGoods | undefined, rng: Rng) {
  const index = !suspicious || suspicious.origin === "CN" ? (rng.chance(0.3) ? pickForeignShopIndex(bg, rng) : undefined) : undefined;
  if (index !== undefined) {
    const company = companyAt(bg, index);
    const key = company.agency === agency.code ? company.key : undefined;
    return { declared: declaredCompany(company, rng), key, name: company.input.name, country: company.input.registrationCountry };
  }
  const shops = suspicious ? SHOPS.filter((s) => s.country === suspicious.origin) : SHOPS;
  const shop = rng.pick(shops.length > 0 ? shops : SHOPS);
  const declared = { name: shop.name, address: { street: shop.street, city: shop.city, postcode: shop.postcode, country: shop.country } };
  return { declared, key: undefined, name: shop.name, country: shop.country };
}

function lines(suspicious: SuspiciousGoods | undefined, rng: Rng): OrderLine[] {
  const everyday = rng.sample(ORDER_GOODS, suspicious ? (rng.chance(0.3) ? 1 : 0) : rng.int(1, 3));
  return [...(suspicious ? [suspicious] : []), ...everyday].map((goods) => ({ goods, quantity: rng.int(1, goods.maxQuantity) }));
}

function paymentMethod(buyer: Buyer, rng: Rng): PaymentMethod {
  return rng.weighted<PaymentMethod>([["CARD", 42], ["E_WALLET", 38], ["BANK_TRANSFER", buyer.iban ? 15 : 0], ["CRYPTO", 3], ["CASH_ON_DELIVERY", 2]]);
}

export interface ParcelSeizureSpec {
  seed: number;
  agency: AgencyProfile;
  serial: number;
  order: PlanOrder;
  route: ParcelRoute;
  arrivedAt: Date;
  /** The stopped goods: the order's first item. */
  goods: SuspiciousGoods;
  offenders: string[];
  markings?: MarkingsInput;
}

/** The case a parcel was seized in: at its hub, the day after it arrived, counting the order's first item. */
export function seizureOfParcel(spec: ParcelSeizureSpec): PlanSeizure {
  const item = spec.order.input.items[0]!;
  const currency = currencyOf(spec.agency);
  return buildSeizure({
    seed: spec.seed,
    agency: spec.agency,
    serial: spec.serial,
    seizedAt: addDays(spec.arrivedAt, 1),
    profile: commodity(spec.goods.category),
    mode: spec.route.mode,
    place: spec.route.hub,
    origin: spec.route.origin,
    goods: [
      {
        hsCode: spec.goods.hsCode,
        description: spec.goods.description,
        quantity: Math.round(item.quantity * spec.goods.perItem * 1000) / 1000,
        unit: spec.goods.unit,
        estimatedValue: fromEuro(item.quantity * spec.goods.unitValue[1], currency),
        currency,
      },
    ],
    offenders: spec.offenders,
    markings: spec.markings,
  });
}

export function parcelAt(bg: Background, o: number): Parcel {
  const { seed } = bg;
  const rng = rngFor(seed, "order", o);
  const seized = o < bg.counts.seizedOrders;
  const agency = bg.agencies.orderAgency(o, rng);
  const orderDate = rng.instant(ORDER_PERIOD.from, ORDER_PERIOD.to);
  const suspicious = seized ? rng.pick(SUSPICIOUS_GOODS) : undefined;
  const buyer = (rng.chance(seized ? 0.4 : 0.2) ? knownBuyer(bg, agency, rng) : undefined) ?? consumer(agency, o, rng);
  const shop = seller(bg, agency, suspicious, rng);
  const serial = orderSerial(o);
  const order = buildOrder({
    seed,
    agency,
    serial,
    orderDate,
    buyer: buyer.declared,
    buyerKey: buyer.key,
    seller: shop.declared,
    sellerKey: shop.key,
    lines: lines(suspicious, rng),
  });
  const method = paymentMethod(buyer, rng);
  const payment =
    rng.chance(0.95) && method !== "CASH_ON_DELIVERY"
      ? buildPayment({ seed, agency, serial, order, method, payer: payerAccount(method, buyer.holder, rng, buyer), payee: merchantAccount(shop.name) })
      : undefined;
  if (!seized && rng.chance(0.08)) return { order, payment };

  const route = parcelRoute(agency, shop.country, rng);
  const shippedAt = addDays(orderDate, rng.int(1, 4));
  const arrivedAt = addDays(shippedAt, rng.int(3, 12));
  const seizure = suspicious
    ? seizureOfParcel({ seed, agency, serial: o + 1, order, route, arrivedAt, goods: suspicious, offenders: buyer.key ? [buyer.key] : [] })
    : undefined;
  const shipment = buildShipment({
    seed,
    agency,
    serial,
    order,
    route,
    shippedAt,
    arrivedAt,
    consignor: shop.declared,
    consignorKey: shop.key,
    consignee: buyer.label,
    consigneeKey: buyer.key,
    seizureKey: seizure?.key,
    goodsDescription: suspicious ? rng.pick(["Gift", "Clothes", "Sample", "Shoes", "Accessories", "Vitamins", "Spare parts"]) : order.input.items[0]!.description,
  });
  return { order, payment, shipment, seizure };
}
