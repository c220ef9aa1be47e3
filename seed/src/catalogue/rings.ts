import type { CommodityCategory, ConveyanceMode, PaymentMethod } from "../plan.js";
import { RING_GOODS, SUSPICIOUS_GOODS, type OrderGoods, type SuspiciousGoods } from "./commerce.js";

/**
 * The four planted networks of the demo: who is in them (recorded by 2–3 agencies), what they share, the
 * cases they turn up in over the years, and what they buy online. Names, documents and numbers are generated;
 * this file fixes only the structure an analyst should be able to find again.
 */

export type SharedKind = "Phone" | "Address" | "BankAccount" | "ConsigneeCompany";

export interface RingMember {
  agency: string;
  nationality: string;
}

export interface RingCompany {
  agency: string;
  country: string;
  sector: string;
}

export interface RingSeizure {
  agency: string;
  year: number;
  /** 0-based month. */
  month: number;
  category: CommodityCategory;
  mode: ConveyanceMode;
  place: string;
  origin: string;
  /** Indexes into the category's goods templates. */
  goods: readonly number[];
  members: readonly number[];
  companies?: readonly number[];
}

export interface RingOrder {
  agency: string;
  /** Member index of the buyer. */
  buyer: number;
  year: number;
  month: number;
  platform: string;
  goods: OrderGoods | SuspiciousGoods;
  quantity: number;
  method: PaymentMethod;
  /** A company of the ring as the seller, or one of the catalogue's web shops by country. */
  seller: { company: number } | { shopCountry: string };
  /** The agency resolved the declared buyer to the member (otherwise only the shared identifiers link them). */
  resolved: boolean;
  /** The parcel was stopped: it becomes a case of the ring. Only for suspicious goods. */
  seized: boolean;
  /** Delivery place when not in the ordering agency's country. */
  deliverTo?: string;
}

export interface RingDefinition {
  name: string;
  shares: SharedKind;
  /** A second, smaller overlap between some members. */
  alsoShared?: { kind: "Phone" | "Address" | "Email"; members: readonly number[] };
  members: readonly RingMember[];
  companies: readonly RingCompany[];
  /** Recorded by the agency of `member`. */
  roles: ReadonlyArray<{ member: number; company: number; type: "DIRECTOR_OF" | "EMPLOYED_BY"; since: string }>;
  /** Recorded by the agency of `member`; `other` may be of any agency. */
  associates: ReadonlyArray<{ member: number; other: number; since: string }>;
  seizures: readonly RingSeizure[];
  orders: readonly RingOrder[];
}

function suspicious(prefix: string): SuspiciousGoods {
  const goods = SUSPICIOUS_GOODS.find((g) => g.description.startsWith(prefix));
  if (!goods) throw new Error(`No suspicious goods "${prefix}"`);
  return goods;
}

export const RINGS: readonly RingDefinition[] = [
  {
    name: "Harbour cocaine ring: one burner phone across Rotterdam, Antwerp and Hamburg",
    shares: "Phone",
    alsoShared: { kind: "Email", members: [0, 1] },
    members: [
      { agency: "NL-CUSTOMS", nationality: "NL" },
      { agency: "NL-CUSTOMS", nationality: "CO" },
      { agency: "NL-CUSTOMS", nationality: "MA" },
      { agency: "BE-CUSTOMS", nationality: "BE" },
      { agency: "DE-ZOLL", nationality: "DE" },
    ],
    companies: [
      { agency: "NL-CUSTOMS", country: "NL", sector: "Fresh Fruit" },
      { agency: "BE-CUSTOMS", country: "BE", sector: "Logistics" },
    ],
    roles: [
      { member: 0, company: 0, type: "DIRECTOR_OF", since: "2017-03-01" },
      { member: 1, company: 0, type: "EMPLOYED_BY", since: "2018-09-15" },
      { member: 3, company: 1, type: "DIRECTOR_OF", since: "2019-06-01" },
    ],
    associates: [
      { member: 0, other: 1, since: "2016-05-01" },
      { member: 0, other: 2, since: "2019-01-01" },
      { member: 3, other: 0, since: "2020-02-01" },
      { member: 4, other: 3, since: "2021-08-01" },
    ],
    seizures: [
      { agency: "NL-CUSTOMS", year: 2019, month: 4, category: "DRUGS", mode: "SEA", place: "NLRTM", origin: "ECGYE", goods: [0], members: [0], companies: [0] },
      { agency: "BE-CUSTOMS", year: 2021, month: 1, category: "DRUGS", mode: "SEA", place: "BEANR", origin: "COCTG", goods: [0], members: [3], companies: [1] },
      { agency: "DE-ZOLL", year: 2022, month: 8, category: "DRUGS", mode: "SEA", place: "DEHAM", origin: "BRSSZ", goods: [0], members: [4] },
    ],
    orders: [
      { agency: "NL-CUSTOMS", buyer: 2, year: 2023, month: 2, platform: "DHgate", goods: suspicious("BMK"), quantity: 5, method: "CARD", seller: { shopCountry: "CN" }, resolved: false, seized: true },
      { agency: "NL-CUSTOMS", buyer: 1, year: 2024, month: 4, platform: "AliExpress", goods: suspicious("BMK"), quantity: 4, method: "E_WALLET", seller: { shopCountry: "CN" }, resolved: true, seized: true },
      { agency: "NL-CUSTOMS", buyer: 0, year: 2022, month: 10, platform: "Amazon", goods: RING_GOODS.vacuumSealer, quantity: 2, method: "BANK_TRANSFER", seller: { shopCountry: "CN" }, resolved: false, seized: false },
      { agency: "BE-CUSTOMS", buyer: 3, year: 2024, month: 1, platform: "eBay", goods: RING_GOODS.pocketScale, quantity: 3, method: "CARD", seller: { shopCountry: "CN" }, resolved: false, seized: false },
      { agency: "DE-ZOLL", buyer: 4, year: 2023, month: 7, platform: "Amazon", goods: RING_GOODS.cryptoPhone, quantity: 2, method: "CARD", seller: { shopCountry: "HK" }, resolved: true, seized: false },
    ],
  },
  {
    name: "Counterfeit distribution ring: one warehouse address behind parcels to Spain, France and Italy",
    shares: "Address",
    alsoShared: { kind: "Phone", members: [2, 3] },
    members: [
      { agency: "ES-AEAT", nationality: "ES" },
      { agency: "ES-AEAT", nationality: "CN" },
      { agency: "FR-DOUANE", nationality: "FR" },
      { agency: "FR-DOUANE", nationality: "MA" },
      { agency: "IT-ADM", nationality: "CN" },
    ],
    companies: [
      { agency: "ES-AEAT", country: "ES", sector: "Importaciones" },
      { agency: "ES-AEAT", country: "CN", sector: "Import & Export" },
    ],
    roles: [
      { member: 0, company: 0, type: "DIRECTOR_OF", since: "2016-11-01" },
      { member: 1, company: 0, type: "EMPLOYED_BY", since: "2018-02-01" },
    ],
    associates: [
      { member: 0, other: 1, since: "2016-01-01" },
      { member: 2, other: 0, since: "2019-05-01" },
      { member: 4, other: 1, since: "2020-03-01" },
    ],
    seizures: [
      { agency: "ES-AEAT", year: 2018, month: 9, category: "IPR_COUNTERFEITS", mode: "SEA", place: "ESVLC", origin: "CNNBO", goods: [2, 0], members: [0], companies: [0] },
      { agency: "FR-DOUANE", year: 2020, month: 0, category: "IPR_COUNTERFEITS", mode: "AIR", place: "FRCDG", origin: "CNPVG", goods: [4], members: [2] },
      { agency: "IT-ADM", year: 2021, month: 6, category: "IPR_COUNTERFEITS", mode: "SEA", place: "ITGIT", origin: "CNSGH", goods: [1, 5], members: [4] },
    ],
    orders: [
      { agency: "ES-AEAT", buyer: 1, year: 2023, month: 0, platform: "DHgate", goods: suspicious("Sneakers"), quantity: 6, method: "CARD", seller: { company: 1 }, resolved: true, seized: true },
      { agency: "FR-DOUANE", buyer: 3, year: 2024, month: 7, platform: "AliExpress", goods: suspicious("Diver watch"), quantity: 4, method: "E_WALLET", seller: { shopCountry: "CN" }, resolved: false, seized: true },
      { agency: "ES-AEAT", buyer: 0, year: 2022, month: 4, platform: "AliExpress", goods: suspicious("Designer handbag"), quantity: 3, method: "CARD", seller: { company: 1 }, resolved: false, seized: false },
      { agency: "IT-ADM", buyer: 4, year: 2024, month: 2, platform: "Temu", goods: suspicious("Football shirts"), quantity: 20, method: "E_WALLET", seller: { shopCountry: "CN" }, resolved: true, seized: false },
    ],
  },
  {
    name: "Tobacco and tramadol ring: one bank account pays for lorries and pills across the UK, Poland and Germany",
    shares: "BankAccount",
    alsoShared: { kind: "Address", members: [0, 1] },
    members: [
      { agency: "GB-HMRC", nationality: "PL" },
      { agency: "GB-HMRC", nationality: "GB" },
      { agency: "PL-KAS", nationality: "PL" },
      { agency: "PL-KAS", nationality: "PL" },
      { agency: "DE-ZOLL", nationality: "PL" },
      { agency: "GB-HMRC", nationality: "RO" },
    ],
    companies: [{ agency: "PL-KAS", country: "PL", sector: "Transport" }],
    roles: [
      { member: 2, company: 0, type: "DIRECTOR_OF", since: "2015-04-01" },
      { member: 3, company: 0, type: "EMPLOYED_BY", since: "2016-10-01" },
      { member: 0, company: 0, type: "EMPLOYED_BY", since: "2017-01-15" },
    ],
    associates: [
      { member: 0, other: 1, since: "2016-06-01" },
      { member: 2, other: 3, since: "2014-01-01" },
      { member: 4, other: 2, since: "2018-03-01" },
      { member: 0, other: 2, since: "2017-01-01" },
      { member: 5, other: 0, since: "2021-09-01" },
    ],
    seizures: [
      { agency: "GB-HMRC", year: 2017, month: 10, category: "TOBACCO", mode: "ROAD", place: "GBFOL", origin: "PL", goods: [0], members: [0] },
      { agency: "PL-KAS", year: 2019, month: 2, category: "TOBACCO", mode: "ROAD", place: "PLKUB", origin: "BY", goods: [0, 3], members: [3], companies: [0] },
      { agency: "DE-ZOLL", year: 2021, month: 9, category: "TOBACCO", mode: "ROAD", place: "DEFFO", origin: "PL", goods: [0], members: [4] },
      { agency: "GB-HMRC", year: 2025, month: 1, category: "TOBACCO", mode: "SEA", place: "GBFXT", origin: "AEJEA", goods: [1], members: [5] },
    ],
    orders: [
      { agency: "GB-HMRC", buyer: 1, year: 2023, month: 5, platform: "eBay", goods: suspicious("Tramadol"), quantity: 10, method: "BANK_TRANSFER", seller: { shopCountry: "IN" }, resolved: true, seized: true },
      { agency: "PL-KAS", buyer: 2, year: 2024, month: 2, platform: "AliExpress", goods: suspicious("Tramadol"), quantity: 8, method: "BANK_TRANSFER", seller: { shopCountry: "IN" }, resolved: false, seized: true },
      { agency: "DE-ZOLL", buyer: 4, year: 2022, month: 11, platform: "eBay", goods: suspicious("Sildenafil"), quantity: 6, method: "BANK_TRANSFER", seller: { shopCountry: "IN" }, resolved: false, seized: false },
      { agency: "GB-HMRC", buyer: 0, year: 2024, month: 0, platform: "Amazon", goods: RING_GOODS.pocketScale, quantity: 2, method: "BANK_TRANSFER", seller: { shopCountry: "CN" }, resolved: true, seized: false },
    ],
  },
  {
    name: "Firearms parts ring: gun parts from abroad, all consigned to one Belgian airsoft company",
    shares: "ConsigneeCompany",
    alsoShared: { kind: "Phone", members: [1, 2, 3] },
    members: [
      { agency: "BE-CUSTOMS", nationality: "BE" },
      { agency: "BE-CUSTOMS", nationality: "AL" },
      { agency: "IT-ADM", nationality: "IT" },
      { agency: "IT-ADM", nationality: "AL" },
      { agency: "FR-DOUANE", nationality: "FR" },
    ],
    companies: [
      { agency: "BE-CUSTOMS", country: "BE", sector: "Airsoft & Outdoor" },
      { agency: "IT-ADM", country: "IT", sector: "Commerciale" },
    ],
    roles: [
      { member: 0, company: 0, type: "DIRECTOR_OF", since: "2018-01-10" },
      { member: 1, company: 0, type: "EMPLOYED_BY", since: "2019-04-01" },
      { member: 2, company: 1, type: "DIRECTOR_OF", since: "2017-07-01" },
      { member: 3, company: 0, type: "EMPLOYED_BY", since: "2020-02-01" },
    ],
    associates: [
      { member: 0, other: 1, since: "2018-01-01" },
      { member: 2, other: 3, since: "2016-01-01" },
      { member: 4, other: 0, since: "2021-06-01" },
      { member: 3, other: 1, since: "2019-01-01" },
    ],
    seizures: [
      { agency: "IT-ADM", year: 2021, month: 11, category: "WEAPONS_AMMUNITION", mode: "ROAD", place: "ITPTT", origin: "AL", goods: [0, 1], members: [3] },
      { agency: "IT-ADM", year: 2025, month: 1, category: "WEAPONS_AMMUNITION", mode: "EXPRESS", place: "ITLIN", origin: "TRIST", goods: [2], members: [2], companies: [1] },
    ],
    orders: [
      { agency: "BE-CUSTOMS", buyer: 0, year: 2020, month: 4, platform: "eBay", goods: suspicious("Pistol slide"), quantity: 2, method: "CARD", seller: { shopCountry: "US" }, resolved: true, seized: true },
      { agency: "BE-CUSTOMS", buyer: 1, year: 2022, month: 8, platform: "eBay", goods: suspicious("Pistol slide"), quantity: 2, method: "CRYPTO", seller: { shopCountry: "US" }, resolved: false, seized: true },
      { agency: "FR-DOUANE", buyer: 4, year: 2023, month: 7, platform: "eBay", goods: suspicious("Pistol slide"), quantity: 1, method: "E_WALLET", seller: { shopCountry: "US" }, resolved: false, seized: true, deliverTo: "BEBRU" },
      { agency: "IT-ADM", buyer: 3, year: 2024, month: 9, platform: "AliExpress", goods: RING_GOODS.pocketScale, quantity: 1, method: "CARD", seller: { shopCountry: "CN" }, resolved: false, seized: false, deliverTo: "BEANR" },
    ],
  },
];
