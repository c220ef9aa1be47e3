import { uniqueDigits, withSerialTail, type Rng } from "../random.js";
import type { CommodityCategory, PaymentMethod, QuantityUnit } from "../plan.js";

/** E-commerce: platforms and their order numbers, what people buy, who sells it, how they pay. */

/** Order numbers embed the order's serial, so two orders of a data set never share a number on a platform. */
export const PLATFORMS: ReadonlyArray<{ name: string; weight: number; orderNumber(rng: Rng, serial: number): string }> = [
  { name: "AliExpress", weight: 30, orderNumber: (rng, n) => `8${rng.digits(5)}${uniqueDigits(n, 10, 1)}` },
  { name: "Temu", weight: 20, orderNumber: (rng, n) => `PO-${rng.int(100, 299)}-${rng.digits(7)}${uniqueDigits(n, 10, 2)}` },
  { name: "Shein", weight: 12, orderNumber: (rng, n) => `GSH${rng.letters(2)}${rng.digits(3)}${uniqueDigits(n, 8, 3)}` },
  { name: "Amazon", weight: 12, orderNumber: (rng, n) => `${rng.int(100, 408)}-${uniqueDigits(n, 7, 4)}-${rng.digits(7)}` },
  { name: "eBay", weight: 10, orderNumber: (rng, n) => `${rng.digits(2)}-${uniqueDigits(n, 5, 5)}-${rng.digits(5)}` },
  { name: "DHgate", weight: 8, orderNumber: (_rng, n) => uniqueDigits(n, 9, 6) },
  { name: "Wish", weight: 4, orderNumber: (rng, n) => `${rng.letters(14, "0123456789abcdef")}${uniqueDigits(n, 10, 7)}` },
  { name: "Joom", weight: 4, orderNumber: (rng, n) => `${rng.letters(4, "0123456789ABCDEF")}-${uniqueDigits(n, 8, 8)}` },
];

export interface OrderGoods {
  description: string;
  hsCode: string;
  unitValue: readonly [number, number];
  origin: string;
  maxQuantity: number;
}

/** Everyday purchases: most parcels are what they say they are. */
export const ORDER_GOODS: readonly OrderGoods[] = [
  { description: "Phone case, silicone", hsCode: "392690", unitValue: [1, 6], origin: "CN", maxQuantity: 5 },
  { description: "Wireless earphones", hsCode: "851830", unitValue: [8, 35], origin: "CN", maxQuantity: 2 },
  { description: "LED strip lights, 5 m", hsCode: "940542", unitValue: [4, 15], origin: "CN", maxQuantity: 4 },
  { description: "Women's dress, polyester", hsCode: "610443", unitValue: [6, 25], origin: "CN", maxQuantity: 4 },
  { description: "Running shoes", hsCode: "640411", unitValue: [15, 45], origin: "CN", maxQuantity: 2 },
  { description: "Building blocks set", hsCode: "950300", unitValue: [5, 40], origin: "CN", maxQuantity: 3 },
  { description: "Lipstick set", hsCode: "330410", unitValue: [3, 12], origin: "CN", maxQuantity: 6 },
  { description: "USB-C charging cable", hsCode: "854442", unitValue: [1, 5], origin: "CN", maxQuantity: 6 },
  { description: "Smart watch", hsCode: "851762", unitValue: [20, 80], origin: "CN", maxQuantity: 2 },
  { description: "Kitchen knife set", hsCode: "821191", unitValue: [8, 30], origin: "CN", maxQuantity: 2 },
  { description: "Hair clipper", hsCode: "851020", unitValue: [10, 35], origin: "CN", maxQuantity: 1 },
  { description: "Turkish towels, cotton", hsCode: "630260", unitValue: [5, 18], origin: "TR", maxQuantity: 6 },
  { description: "Vintage vinyl record", hsCode: "852380", unitValue: [8, 60], origin: "US", maxQuantity: 3 },
  { description: "Fishing reel", hsCode: "950730", unitValue: [12, 60], origin: "CN", maxQuantity: 2 },
];

/** Tools of the trade the planted rings buy online, delivered without trouble. */
export const RING_GOODS: Readonly<Record<"vacuumSealer" | "pocketScale" | "cryptoPhone", OrderGoods>> = {
  vacuumSealer: { description: "Vacuum sealing machine, commercial", hsCode: "842240", unitValue: [90, 260], origin: "CN", maxQuantity: 2 },
  pocketScale: { description: "Digital pocket scale, 0.01 g", hsCode: "842381", unitValue: [8, 25], origin: "CN", maxQuantity: 5 },
  cryptoPhone: { description: "Smartphone with encrypted messaging, 6-month licence", hsCode: "851713", unitValue: [900, 1800], origin: "CN", maxQuantity: 3 },
};

/** Goods ordered online that customs stops: the category of the case they end up in, and how the case counts them. */
export interface SuspiciousGoods extends OrderGoods {
  category: CommodityCategory;
  unit: QuantityUnit;
  /** Units of the case per item ordered (100 tablets in a box of Tramadol). */
  perItem: number;
}

export const SUSPICIOUS_GOODS: readonly SuspiciousGoods[] = [
  { category: "IPR_COUNTERFEITS", description: "Sneakers 'Retro High OG', replica", hsCode: "640411", unitValue: [18, 45], origin: "CN", maxQuantity: 6, unit: "PAIRS", perItem: 1 },
  { category: "IPR_COUNTERFEITS", description: "Diver watch, 'Sub' style, automatic", hsCode: "910211", unitValue: [25, 90], origin: "CN", maxQuantity: 4, unit: "PIECES", perItem: 1 },
  { category: "IPR_COUNTERFEITS", description: "Designer handbag, monogram canvas", hsCode: "420222", unitValue: [30, 80], origin: "CN", maxQuantity: 3, unit: "PIECES", perItem: 1 },
  { category: "IPR_COUNTERFEITS", description: "Football shirts, club edition", hsCode: "610910", unitValue: [6, 15], origin: "CN", maxQuantity: 20, unit: "PIECES", perItem: 1 },
  { category: "MEDICINES", description: "Tramadol 225 mg, 100 tablets", hsCode: "300490", unitValue: [35, 90], origin: "IN", maxQuantity: 10, unit: "TABLETS", perItem: 100 },
  { category: "MEDICINES", description: "Sildenafil 100 mg, 40 tablets", hsCode: "300490", unitValue: [15, 40], origin: "IN", maxQuantity: 10, unit: "TABLETS", perItem: 40 },
  { category: "NPS", description: "3-MMC 'research chemical', 50 g", hsCode: "292239", unitValue: [150, 400], origin: "CN", maxQuantity: 4, unit: "KG", perItem: 0.05 },
  { category: "WEAPONS_AMMUNITION", description: "Pistol slide and barrel kit, 9 mm", hsCode: "930510", unitValue: [120, 350], origin: "US", maxQuantity: 2, unit: "PIECES", perItem: 2 },
  { category: "PRECURSORS", description: "BMK glycidate, 1 kg", hsCode: "291431", unitValue: [80, 250], origin: "CN", maxQuantity: 5, unit: "KG", perItem: 1 },
];

/** Web shops that sell abroad: declared sellers of orders and consignors of parcels. */
export const SHOPS: ReadonlyArray<{ name: string; street: string; city: string; postcode: string; country: string }> = [
  { name: "Shenzhen Xinda Trading Co., Ltd.", street: "Room 1203, No. 88 Shennan Road", city: "Shenzhen", postcode: "518000", country: "CN" },
  { name: "Guangzhou Huamei Electronics Co., Ltd.", street: "No. 17 Huangpu Avenue", city: "Guangzhou", postcode: "510000", country: "CN" },
  { name: "Yiwu Lianfa Import & Export Co., Ltd.", street: "Building 5, Futian Market District 2", city: "Yiwu", postcode: "322000", country: "CN" },
  { name: "Hong Kong Bright Star Trading Ltd", street: "Flat B, 9/F, 12 Nathan Road", city: "Kowloon", postcode: "999077", country: "HK" },
  { name: "Dongguan Fashion Garment Factory", street: "No. 3 Humen Road", city: "Dongguan", postcode: "523000", country: "CN" },
  { name: "Istanbul Moda Tekstil Ltd. Şti.", street: "Laleli Cad. No: 14", city: "Istanbul", postcode: "34130", country: "TR" },
  { name: "Mumbai Lifecare Pharma Pvt Ltd", street: "Plot 21, Andheri East", city: "Mumbai", postcode: "400069", country: "IN" },
  { name: "Lone Star Tactical Supply LLC", street: "2200 Industrial Blvd", city: "Houston", postcode: "77001", country: "US" },
];

/** Random characters of `alphabet`, ending in the payment's serial: two payments never share a transaction id. */
function transactionChars(rng: Rng, n: number, serial: number, alphabet: string): string {
  return withSerialTail(rng.letters(n, alphabet), serial, alphabet);
}

export const PAYMENT_PROVIDERS: ReadonlyArray<{ name: string; methods: readonly PaymentMethod[]; transactionId(rng: Rng, serial: number): string }> = [
  { name: "PayPal", methods: ["E_WALLET"], transactionId: (rng, s) => transactionChars(rng, 17, s, "0123456789ABCDEFGHJKLMNPRSTUVWXY") },
  { name: "Stripe", methods: ["CARD"], transactionId: (rng, s) => `ch_3${transactionChars(rng, 23, s, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")}` },
  { name: "Adyen", methods: ["CARD"], transactionId: (rng, s) => transactionChars(rng, 16, s, "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ") },
  { name: "Alipay", methods: ["E_WALLET", "CARD"], transactionId: (rng, s) => `2${transactionChars(rng, 27, s, "0123456789")}` },
  {
    name: "Klarna",
    methods: ["BANK_TRANSFER"],
    transactionId: (rng, s) => `${rng.letters(8, "0123456789abcdef")}-${rng.letters(4, "0123456789abcdef")}-${transactionChars(rng, 12, s, "0123456789abcdef")}`,
  },
  { name: "SEPA credit transfer", methods: ["BANK_TRANSFER"], transactionId: (rng, s) => `E2E${transactionChars(rng, 16, s, "0123456789")}` },
  { name: "Coinbase Commerce", methods: ["CRYPTO"], transactionId: (rng, s) => transactionChars(rng, 8, s, "ABCDEFGHJKLMNPQRSTUVWXYZ23456789") },
];

/** Card numbers are masked as payment providers report them. */
export function maskedCard(rng: Rng): string {
  return `${rng.pick(["4", "5"])}${rng.digits(5)}******${rng.digits(4)}`;
}
