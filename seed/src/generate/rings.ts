import { addressKey } from "@cix/core";
import { agency as agencyProfile } from "../catalogue/agencies.js";
import { SHOPS, type SuspiciousGoods } from "../catalogue/commerce.js";
import { commodity } from "../catalogue/commodities.js";
import type { MobileRange, Residence } from "../catalogue/countries.js";
import type { RingDefinition, RingOrder } from "../catalogue/rings.js";
import { residence } from "../catalogue/world.js";
import {
  keys,
  type DeclaredPartyInput,
  type MarkingsInput,
  type PlanCompany,
  type PlanLink,
  type PlanOperation,
  type PlanOrder,
  type PlanPayment,
  type PlanPerson,
  type PlanRing,
  type PlanSeizure,
  type PlanShipment,
  type SharedIdentifier,
} from "../plan.js";
import { rngFor, type Rng } from "../random.js";
import { SERIAL } from "../serials.js";
import { addDays, instantIn, markings, SHAREABLE } from "./common.js";
import { buildCompany } from "./companies.js";
import { declaredCompany, declaredPerson } from "./declared.js";
import { fakerFor } from "./fakers.js";
import { address, bankAccount, mobileNumber } from "./identifiers.js";
import { buildOrder } from "./orders.js";
import { seizureOfParcel } from "./parcels.js";
import { buildPayment, merchantAccount, payerAccount } from "./payments.js";
import { buildPerson, personReference } from "./persons.js";
import { buildSeizure, currencyOf, goodsLine } from "./seizures.js";
import { buildShipment, parcelRoute } from "./shipments.js";

/**
 * A planted network built from its definition: members and companies with their own identifiers plus the
 * shared one, their relationships, the cases they are offenders in, and their orders, payments and parcels
 * (some seized in the ring's cases), each record owned by the agency that recorded it.
 */

export interface RingRecords {
  ring: PlanRing;
  persons: PlanPerson[];
  companies: PlanCompany[];
  links: PlanLink[];
  seizures: PlanSeizure[];
  orders: PlanOrder[];
  payments: PlanPayment[];
  shipments: PlanShipment[];
  /** The operation through which the ring's agencies share the members they name in each other's records, if any. */
  exchange: PlanOperation | null;
}

/** Serial number slots of a ring's records, above every background range (see SERIAL). */
const SLOT = { member: 0, company: 10, shared: 20, alsoShared: 21, seizure: 30, order: 40 } as const;

function serial(r: number, n: number): number {
  return SERIAL.ring + r * 100 + n;
}

/** The rings' own mobile range of a country (the agencies' countries have one). */
function ringMobile(country: Residence): MobileRange {
  if (!country.ringMobile) throw new Error(`${country.code} has no mobile range for ring members`);
  return country.ringMobile;
}

function ringMarkings(r: number, rng: Rng): MarkingsInput {
  // Ring 1's records are shared into the joint operation: AMBER/H0, so its members can read them.
  return r === 0 ? SHAREABLE : markings(rng);
}

function members(seed: number, r: number, def: RingDefinition, rng: Rng): PlanPerson[] {
  return def.members.map((m, i) => {
    const agency = agencyProfile(m.agency);
    const person = buildPerson({
      seed,
      agency,
      serial: serial(r, SLOT.member + i),
      reference: personReference(agency, serial(r, SLOT.member + i)),
      nationality: m.nationality,
      residence: agency.country,
      ring: true,
    });
    // Every member can pay by bank transfer.
    if (person.input.bankAccounts.length === 0) person.input.bankAccounts.push(bankAccount(residence(agency.country), serial(r, SLOT.member + i), rng));
    person.input.markings = ringMarkings(r, rng);
    return person;
  });
}

/** Adds the ring's identifiers to its members and companies; returns them in normalised form. */
function share(seed: number, r: number, def: RingDefinition, persons: PlanPerson[], companies: PlanCompany[], rng: Rng): SharedIdentifier[] {
  const home = residence(agencyProfile(def.members[0]!.agency).country);
  const shared: SharedIdentifier[] = [];
  const sharedAddress = () => address(home, fakerFor(home.locale, rng.int(0, 2 ** 31)).location.streetAddress(), rng);
  switch (def.shares) {
    case "Phone": {
      const phone = mobileNumber(ringMobile(home), serial(r, SLOT.shared));
      for (const p of persons) p.input.phones.unshift(phone);
      shared.push({ kind: "Phone", value: phone });
      break;
    }
    case "Address": {
      const where = sharedAddress();
      for (const p of persons) p.input.addresses = [where];
      companies[0]!.input.addresses = [where];
      shared.push({ kind: "Address", value: addressKey(where) });
      break;
    }
    case "BankAccount": {
      const account = bankAccount(residence(def.companies[0]!.country), serial(r, SLOT.shared), rng);
      for (const p of persons) p.input.bankAccounts.unshift(account);
      companies[0]!.input.bankAccounts = [account];
      shared.push({ kind: "BankAccount", value: account.iban });
      break;
    }
    case "ConsigneeCompany":
      shared.push({ kind: "ConsigneeCompany", value: companies[0]!.key });
      break;
  }
  const also = def.alsoShared;
  if (also) {
    const who = also.members.map((i) => persons[i]!);
    if (also.kind === "Phone") {
      const phone = mobileNumber(ringMobile(residence(agencyProfile(def.members[also.members[0]!]!.agency).country)), serial(r, SLOT.alsoShared));
      for (const p of who) p.input.phones.push(phone);
      shared.push({ kind: "Phone", value: phone });
    } else if (also.kind === "Address") {
      const where = sharedAddress();
      for (const p of who) p.input.addresses = [where];
      shared.push({ kind: "Address", value: addressKey(where) });
    } else {
      const email = `${rng.pick(["ops", "biz", "deals", "cargo"])}${seed % 1000}.${r}@proton.me`;
      for (const p of who) p.input.emails.unshift(email);
      shared.push({ kind: "Email", value: email });
    }
  }
  return shared;
}

function links(def: RingDefinition, persons: PlanPerson[], companies: PlanCompany[]): PlanLink[] {
  const link = (agency: string, type: PlanLink["type"], person: string, other: string, since: string): PlanLink => ({
    key: keys.link(agency, type, person, other),
    agency,
    type,
    person,
    other,
    since,
  });
  return [
    ...def.roles.map((x) => link(persons[x.member]!.agency, x.type, persons[x.member]!.key, companies[x.company]!.key, x.since)),
    ...def.associates.map((x) => link(persons[x.member]!.agency, "ASSOCIATE_OF", persons[x.member]!.key, persons[x.other]!.key, x.since)),
  ];
}

interface Parcel {
  order: PlanOrder;
  payment: PlanPayment;
  shipment: PlanShipment;
  seizure?: PlanSeizure;
}

function parcel(seed: number, r: number, n: number, def: RingDefinition, o: RingOrder, persons: PlanPerson[], companies: PlanCompany[], rng: Rng): Parcel {
  const agency = agencyProfile(o.agency);
  const buyer = persons[o.buyer]!;
  let seller: { declared: DeclaredPartyInput; key?: string; name: string; country: string };
  if ("company" in o.seller) {
    const c = companies[o.seller.company]!;
    seller = { declared: declaredCompany(c, rng), key: c.key, name: c.input.name, country: c.input.registrationCountry };
  } else {
    const country = o.seller.shopCountry;
    const shop = rng.pick(SHOPS.filter((s) => s.country === country));
    seller = { declared: { name: shop.name, address: { street: shop.street, city: shop.city, postcode: shop.postcode, country } }, name: shop.name, country };
  }
  const orderDate = instantIn(rng, o.year, o.month, o.month);
  const order = buildOrder({
    seed,
    agency,
    serial: serial(r, SLOT.order + n),
    orderDate,
    platform: o.platform,
    buyer: declaredPerson(buyer, rng),
    ...(o.resolved ? { buyerKey: buyer.key } : {}),
    seller: seller.declared,
    ...(seller.key ? { sellerKey: seller.key } : {}),
    lines: [{ goods: o.goods, quantity: o.quantity }],
    ...(o.deliverTo ? { deliveryLocode: o.deliverTo } : {}),
    markings: ringMarkings(r, rng),
  });
  const own = { iban: buyer.input.bankAccounts[0]?.iban, email: buyer.input.emails[0] };
  const holder = `${buyer.input.givenNames} ${buyer.input.familyName}`;
  const payment = buildPayment({
    seed,
    agency,
    serial: serial(r, SLOT.order + n),
    order,
    method: o.method,
    payer: payerAccount(o.method, holder, rng, own),
    payee: merchantAccount(seller.name),
  });
  const route = parcelRoute(agency, seller.country, rng);
  const shippedAt = addDays(orderDate, rng.int(1, 3));
  const arrivedAt = addDays(shippedAt, rng.int(3, 9));
  const consigneeCompany = def.shares === "ConsigneeCompany" ? companies[0]! : undefined;
  const offenders = [
    ...(buyer.agency === o.agency ? [buyer.key] : []),
    ...(consigneeCompany && consigneeCompany.agency === o.agency ? [consigneeCompany.key] : []),
  ];
  const seizure = o.seized
    ? seizureOfParcel({
        seed,
        agency,
        serial: serial(r, SLOT.order + n),
        order,
        route,
        arrivedAt,
        goods: o.goods as SuspiciousGoods,
        offenders,
        markings: ringMarkings(r, rng),
      })
    : undefined;
  const shipment = buildShipment({
    seed,
    agency,
    serial: serial(r, SLOT.order + n),
    order,
    route,
    shippedAt,
    arrivedAt,
    consignor: seller.declared,
    ...(seller.key ? { consignorKey: seller.key } : {}),
    consignee: consigneeCompany ? declaredCompany(consigneeCompany, rng) : declaredPerson(buyer, rng),
    ...(consigneeCompany ? { consigneeKey: consigneeCompany.key } : o.resolved ? { consigneeKey: buyer.key } : {}),
    ...(seizure ? { seizureKey: seizure.key } : {}),
    goodsDescription: o.seized ? rng.pick(["Spare parts", "Gift", "Sample", "Accessories"]) : o.goods.description,
  });
  shipment.input.markings = ringMarkings(r, rng);
  payment.input.markings = ringMarkings(r, rng);
  return { order, payment, shipment, ...(seizure ? { seizure } : {}) };
}

export function buildRing(seed: number, r: number, def: RingDefinition): RingRecords {
  const rng = rngFor(seed, "ring", r);
  const persons = members(seed, r, def, rng);
  const companies = def.companies.map((c, i) => {
    const company = buildCompany({ seed, agency: agencyProfile(c.agency), serial: serial(r, SLOT.company + i), country: c.country, sector: c.sector });
    company.input.markings = ringMarkings(r, rng);
    return company;
  });
  const shared = share(seed, r, def, persons, companies, rng);
  const seizures = def.seizures.map((s, n) => {
    const agency = agencyProfile(s.agency);
    const profile = commodity(s.category);
    const large = ["SEA", "ROAD", "RAIL"].includes(s.mode);
    const seizure = buildSeizure({
      seed,
      agency,
      serial: serial(r, SLOT.seizure + n),
      seizedAt: instantIn(rng, s.year, s.month, s.month),
      profile,
      mode: s.mode,
      place: s.place,
      origin: s.origin,
      goods: s.goods.map((g) => goodsLine(profile.goods[g]!, large, currencyOf(agency), rng)),
      offenders: [...s.members.map((m) => persons[m]!.key), ...(s.companies ?? []).map((c) => companies[c]!.key)],
      markings: ringMarkings(r, rng),
    });
    return seizure;
  });
  const parcels = def.orders.map((o, n) => parcel(seed, r, n, def, o, persons, companies, rng));
  const ringLinks = links(def, persons, companies);
  const allSeizures = [...seizures, ...parcels.flatMap((p) => (p.seizure ? [p.seizure] : []))];
  const orders = parcels.map((p) => p.order);
  const payments = parcels.map((p) => p.payment);
  const shipments = parcels.map((p) => p.shipment);
  const exchange = exchangeOperation(def, [...persons, ...companies], [
    ...ringLinks.map((l) => ({ agency: l.agency, parties: [l.person, l.other] })),
    ...allSeizures.map((s) => ({ agency: s.agency, parties: s.offenders })),
    ...orders.map((o) => ({ agency: o.agency, parties: [o.buyer, o.seller] })),
    ...shipments.map((s) => ({ agency: s.agency, parties: [s.consignor, s.consignee] })),
  ]);
  return {
    exchange,
    ring: {
      index: r,
      name: def.name,
      agencies: [...new Set(def.members.map((m) => m.agency))],
      shared,
      persons: persons.map((p) => p.key),
      companies: companies.map((c) => c.key),
      seizures: allSeizures.map((s) => s.key),
      orders: orders.map((o) => o.key),
      payments: payments.map((p) => p.key),
      shipments: shipments.map((s) => s.key),
      links: ringLinks.map((l) => l.key),
    },
    persons,
    companies,
    links: ringLinks,
    seizures: allSeizures,
    orders,
    payments,
    shipments,
  };
}

/**
 * The ring's exchange: where an agency's record names a party another agency owns (an associate, a director, an
 * offender, a buyer, a consignee), the owner shares that party into an operation of the ring's agencies first, as
 * CENcomm agencies do, because an agency may name only parties it may read. The shared parties get shareable
 * markings (AMBER, H0): a RED or AMBER_STRICT party never leaves its agency, and an owner who lets partners record
 * cases against a suspect marks it so. Null when the ring's agencies name only their own parties.
 */
function exchangeOperation(
  def: RingDefinition,
  parties: ReadonlyArray<PlanPerson | PlanCompany>,
  references: ReadonlyArray<{ agency: string; parties: ReadonlyArray<string | undefined> }>,
): PlanOperation | null {
  const owners = new Map(parties.map((p) => [p.key, p]));
  const named = new Map<string, PlanPerson | PlanCompany>();
  const members = new Set<string>();
  for (const reference of references) {
    for (const key of reference.parties) {
      const party = key ? owners.get(key) : undefined;
      if (!party || party.agency === reference.agency) continue;
      named.set(party.key, party);
      members.add(reference.agency).add(party.agency);
    }
  }
  if (named.size === 0) return null;
  for (const party of named.values()) party.input.markings = SHAREABLE;
  const lead = def.members[0]!.agency;
  const name = `${def.name}: exchange`;
  return {
    key: keys.operation(lead, name),
    agency: lead,
    name,
    memberAgencies: [...members].filter((a) => a !== lead).sort(),
    endsInDays: 365,
    retentionDays: 30,
    records: [...named.keys()],
    stage: "exchange",
  };
}
