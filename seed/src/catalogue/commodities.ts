import type { CommodityCategory, ConveyanceMode, OffenceType, QuantityUnit } from "../plan.js";

/**
 * What gets seized, by CEN commodity category: goods with their HS 2022 subheading, unit, typical quantities
 * per case (small: a passenger, a parcel; large: a container, a lorry) and value per unit in euro; how they
 * travel and where from. HS codes and UN/LOCODEs here are checked against the real code lists by the tests.
 */

export interface GoodsTemplate {
  /** HS 2022 subheading; cash has none. */
  hsCode?: string;
  description: string;
  unit: QuantityUnit;
  small: readonly [number, number];
  large: readonly [number, number];
  /** Euro per unit. */
  unitValue: readonly [number, number];
  species?: { name: string; appendix: "I" | "II" | "III" };
}

export interface CommodityProfile {
  category: CommodityCategory;
  /** Relative share of the demo's seizures. */
  weight: number;
  offences: readonly OffenceType[];
  goods: readonly GoodsTemplate[];
  modes: ReadonlyArray<readonly [ConveyanceMode, number]>;
  /** Where the goods come from (or, for `outbound`, go to), per mode: UN/LOCODEs, or countries for road. */
  origins: Partial<Record<ConveyanceMode, readonly string[]>>;
  /** Goods leaving Europe (cash, waste, glass eels): the seizure is at departure. */
  outbound?: boolean;
  /** What the goods were hidden among or declared as. */
  covers: readonly string[];
}

export const COMMODITIES: readonly CommodityProfile[] = [
  {
    category: "DRUGS",
    weight: 20,
    offences: ["SMUGGLING"],
    goods: [
      { hsCode: "293972", description: "Cocaine hydrochloride, bricks", unit: "KG", small: [0.4, 9], large: [40, 1800], unitValue: [24000, 35000] },
      { hsCode: "121190", description: "Cannabis, herbal (marijuana)", unit: "KG", small: [1, 25], large: [200, 3000], unitValue: [4000, 7000] },
      { hsCode: "130190", description: "Cannabis resin (hashish)", unit: "KG", small: [1, 20], large: [300, 4000], unitValue: [3000, 5000] },
      { hsCode: "293911", description: "Heroin", unit: "KG", small: [0.5, 6], large: [20, 300], unitValue: [18000, 25000] },
      { hsCode: "293945", description: "Methamphetamine, crystalline", unit: "KG", small: [0.5, 5], large: [10, 250], unitValue: [12000, 20000] },
      { hsCode: "293299", description: "MDMA (ecstasy) tablets", unit: "TABLETS", small: [500, 20000], large: [50000, 900000], unitValue: [2, 5] },
    ],
    modes: [["AIR", 35], ["SEA", 30], ["ROAD", 15], ["POSTAL", 10], ["EXPRESS", 10]],
    origins: {
      AIR: ["BRGRU", "COBOG", "PELIM", "DOPUJ", "CWCUR", "SRPBM", "NGLOS", "ETADD", "KENBO"],
      SEA: ["ECGYE", "COCTG", "COBUN", "BRSSZ", "PAMIT", "PAONX", "DOCAU", "CRLIO", "PECLL", "MAPTM"],
      ROAD: ["ES", "NL", "BE", "MA", "AL"],
      POSTAL: ["USNYC", "CNSGH", "HKHKG"],
      EXPRESS: ["USJFK", "HKHKG", "CNCAN"],
    },
    covers: ["bananas", "pineapples", "frozen fish", "coffee beans", "ceramic tiles", "furniture", "car parts"],
  },
  {
    category: "DRUGS",
    weight: 2,
    offences: ["SMUGGLING"],
    goods: [{ hsCode: "121190", description: "Khat (Catha edulis) leaves", unit: "KG", small: [10, 80], large: [200, 1500], unitValue: [150, 400] }],
    modes: [["AIR", 80], ["POSTAL", 20]],
    origins: { AIR: ["ETADD", "KENBO"], POSTAL: ["KENBO"] },
    covers: ["vegetables", "tea", "flowers"],
  },
  {
    category: "TOBACCO",
    weight: 22,
    offences: ["SMUGGLING", "TAX_EVASION"],
    goods: [
      { hsCode: "240220", description: "Cigarettes, counterfeit and illicit whites", unit: "STICKS", small: [2000, 40000], large: [400000, 9600000], unitValue: [0.2, 0.35] },
      { hsCode: "240311", description: "Water-pipe tobacco (shisha)", unit: "KG", small: [5, 60], large: [500, 12000], unitValue: [40, 90] },
      { hsCode: "240210", description: "Cigars and cigarillos", unit: "PIECES", small: [50, 800], large: [5000, 60000], unitValue: [1.5, 12] },
      { hsCode: "240319", description: "Fine-cut tobacco for hand-rolling", unit: "KG", small: [3, 40], large: [300, 8000], unitValue: [80, 160] },
    ],
    modes: [["SEA", 30], ["ROAD", 45], ["AIR", 12], ["POSTAL", 8], ["RAIL", 5]],
    origins: {
      SEA: ["AEJEA", "CNSGH", "VNSGN", "MYPKG", "TRAMR", "GRPIR"],
      ROAD: ["BY", "UA", "RU", "AD", "LU", "CH", "AL"],
      AIR: ["AEDXB", "TRIST", "EGCAI"],
      POSTAL: ["TRIST", "CNSNZ"],
      RAIL: ["CN", "BY"],
    },
    covers: ["furniture", "building materials", "frozen vegetables", "plastic pellets", "charcoal", "textiles"],
  },
  {
    category: "ALCOHOL",
    weight: 5,
    offences: ["SMUGGLING", "TAX_EVASION"],
    goods: [
      { hsCode: "220830", description: "Whisky, 70 cl bottles", unit: "BOTTLES", small: [12, 120], large: [2000, 26000], unitValue: [8, 30] },
      { hsCode: "220860", description: "Vodka, 50 cl bottles", unit: "BOTTLES", small: [12, 200], large: [3000, 30000], unitValue: [4, 9] },
      { hsCode: "220710", description: "Undenatured ethyl alcohol, 96 %", unit: "L", small: [20, 200], large: [5000, 24000], unitValue: [1.5, 4] },
    ],
    modes: [["ROAD", 60], ["SEA", 30], ["AIR", 10]],
    origins: { ROAD: ["BY", "UA", "RU", "LU", "CH"], SEA: ["GBFXT", "TRAMR", "GRPIR"], AIR: ["AEDXB", "TRIST"] },
    covers: ["mineral water", "fruit juice", "furniture", "paint"],
  },
  {
    category: "IPR_COUNTERFEITS",
    weight: 20,
    offences: ["IPR_INFRINGEMENT", "MISDECLARATION"],
    goods: [
      { hsCode: "640399", description: "Counterfeit branded leather shoes", unit: "PAIRS", small: [2, 60], large: [1500, 24000], unitValue: [25, 90] },
      { hsCode: "640411", description: "Counterfeit branded sports shoes", unit: "PAIRS", small: [2, 80], large: [2000, 30000], unitValue: [20, 70] },
      { hsCode: "420221", description: "Counterfeit luxury handbags, leather", unit: "PIECES", small: [1, 40], large: [500, 8000], unitValue: [60, 400] },
      { hsCode: "420222", description: "Counterfeit handbags, textile", unit: "PIECES", small: [2, 60], large: [1000, 12000], unitValue: [20, 90] },
      { hsCode: "910211", description: "Counterfeit wrist watches", unit: "PIECES", small: [1, 50], large: [500, 10000], unitValue: [40, 600] },
      { hsCode: "610910", description: "Counterfeit branded T-shirts", unit: "PIECES", small: [5, 200], large: [5000, 60000], unitValue: [8, 25] },
      { hsCode: "330300", description: "Counterfeit perfume, 100 ml", unit: "PIECES", small: [3, 100], large: [2000, 30000], unitValue: [15, 60] },
      { hsCode: "950300", description: "Counterfeit toys", unit: "PIECES", small: [5, 200], large: [5000, 80000], unitValue: [3, 15] },
      { hsCode: "851830", description: "Counterfeit wireless earphones", unit: "PIECES", small: [5, 150], large: [2000, 40000], unitValue: [8, 40] },
    ],
    modes: [["SEA", 35], ["POSTAL", 28], ["EXPRESS", 25], ["AIR", 12]],
    origins: {
      SEA: ["CNSGH", "CNYTN", "CNNBO", "HKHKG", "TRAMR", "VNSGN"],
      POSTAL: ["CNSGH", "CNSNZ", "HKHKG", "TRIST"],
      EXPRESS: ["CNSZX", "CNCAN", "HKHKG", "TRIST"],
      AIR: ["TRIST", "CNPVG", "THBKK", "AEDXB"],
    },
    covers: ["gifts", "samples", "textiles", "plastic toys", "garments", "shoes, unbranded"],
  },
  {
    category: "MEDICINES",
    weight: 8,
    offences: ["PROHIBITED_GOODS", "SMUGGLING"],
    goods: [
      { hsCode: "300490", description: "Tramadol 225 mg tablets", unit: "TABLETS", small: [100, 20000], large: [200000, 2000000], unitValue: [0.3, 1] },
      { hsCode: "300490", description: "Sildenafil tablets, falsified", unit: "TABLETS", small: [50, 5000], large: [50000, 600000], unitValue: [0.5, 2] },
      { hsCode: "300439", description: "Anabolic steroids, injectable", unit: "AMPOULES", small: [20, 2000], large: [10000, 80000], unitValue: [3, 10] },
      { hsCode: "300490", description: "Pregabalin capsules", unit: "TABLETS", small: [100, 10000], large: [100000, 900000], unitValue: [0.2, 0.8] },
    ],
    modes: [["POSTAL", 45], ["EXPRESS", 35], ["AIR", 20]],
    origins: { POSTAL: ["INBOM", "SGSIN", "HKHKG"], EXPRESS: ["INDEL", "SGSIN", "HKHKG", "CNSZX"], AIR: ["INDEL", "EGCAI", "NGLOS"] },
    covers: ["ayurvedic products", "food supplements", "gifts", "documents"],
  },
  {
    category: "CITES_WILDLIFE",
    weight: 6,
    offences: ["PROHIBITED_GOODS", "SMUGGLING"],
    goods: [
      { hsCode: "050710", description: "Raw ivory, tusks and pieces", unit: "KG", small: [2, 40], large: [300, 3000], unitValue: [400, 1200], species: { name: "Loxodonta africana", appendix: "I" } },
      { hsCode: "050790", description: "Pangolin scales", unit: "KG", small: [3, 60], large: [500, 8000], unitValue: [300, 900], species: { name: "Manis tricuspis", appendix: "I" } },
      { hsCode: "050790", description: "Rhinoceros horn", unit: "KG", small: [0.5, 12], large: [20, 150], unitValue: [20000, 60000], species: { name: "Ceratotherium simum", appendix: "I" } },
      { hsCode: "010620", description: "Live royal pythons", unit: "SPECIMENS", small: [2, 40], large: [100, 600], unitValue: [40, 200], species: { name: "Python regius", appendix: "II" } },
      { hsCode: "050800", description: "Stony coral", unit: "KG", small: [1, 30], large: [200, 2000], unitValue: [30, 120], species: { name: "Scleractinia spp.", appendix: "II" } },
    ],
    modes: [["AIR", 60], ["POSTAL", 15], ["SEA", 25]],
    origins: { AIR: ["NGLOS", "KENBO", "ETADD", "CMDLA", "GHACC"], POSTAL: ["USNYC", "THBKK"], SEA: ["NGLOS", "CMDLA", "MYPKG"] },
    covers: ["dried fish", "wood carvings", "personal effects", "cosmetics"],
  },
  {
    category: "CITES_WILDLIFE",
    weight: 3,
    offences: ["PROHIBITED_GOODS", "SMUGGLING"],
    outbound: true,
    goods: [
      { hsCode: "030192", description: "Live glass eels (elvers)", unit: "KG", small: [5, 60], large: [100, 900], unitValue: [1000, 3000], species: { name: "Anguilla anguilla", appendix: "II" } },
    ],
    modes: [["AIR", 100]],
    origins: { AIR: ["HKHKG", "CNPVG", "THBKK", "VNSGN"] },
    covers: ["live crabs", "personal effects", "fish fry"],
  },
  {
    category: "WEAPONS_AMMUNITION",
    weight: 4,
    offences: ["PROHIBITED_GOODS", "SMUGGLING"],
    goods: [
      { hsCode: "930200", description: "Revolvers and pistols", unit: "PIECES", small: [1, 6], large: [10, 120], unitValue: [300, 1500] },
      { hsCode: "930630", description: "Cartridges, 9 mm", unit: "PIECES", small: [50, 2000], large: [5000, 60000], unitValue: [0.3, 1.2] },
      { hsCode: "930510", description: "Parts of pistols (slides, barrels, frames)", unit: "PIECES", small: [2, 60], large: [100, 1500], unitValue: [40, 250] },
    ],
    modes: [["POSTAL", 35], ["ROAD", 45], ["EXPRESS", 20]],
    origins: { POSTAL: ["USNYC", "TRIST"], ROAD: ["RS", "BA", "AL", "MK", "UA"], EXPRESS: ["USJFK", "TRIST"] },
    covers: ["car parts", "tools", "airsoft accessories", "household goods"],
  },
  {
    category: "CURRENCY_BEARER_INSTRUMENTS",
    weight: 4,
    offences: ["MONEY_LAUNDERING", "OTHER"],
    outbound: true,
    goods: [
      { description: "Cash, euro banknotes (undeclared)", unit: "PIECES", small: [300, 4000], large: [5000, 40000], unitValue: [20, 100] },
      { hsCode: "710812", description: "Gold bars, unwrought", unit: "KG", small: [0.5, 5], large: [10, 60], unitValue: [45000, 70000] },
    ],
    modes: [["AIR", 70], ["ROAD", 30]],
    origins: { AIR: ["AEDXB", "TRIST", "MACMN", "LBBEY", "NGLOS"], ROAD: ["AL", "RS", "TR", "MA"] },
    covers: ["clothing", "car parts", "personal effects"],
  },
  {
    category: "PRECURSORS",
    weight: 3,
    offences: ["PROHIBITED_GOODS", "MISDECLARATION"],
    goods: [
      { hsCode: "291431", description: "BMK (phenylacetone)", unit: "L", small: [5, 100], large: [500, 8000], unitValue: [30, 80] },
      { hsCode: "293293", description: "Piperonal", unit: "KG", small: [5, 100], large: [500, 6000], unitValue: [20, 60] },
      { hsCode: "293942", description: "Pseudoephedrine", unit: "KG", small: [1, 20], large: [100, 1500], unitValue: [200, 600] },
      { hsCode: "292429", description: "APAA (alpha-phenylacetoacetamide)", unit: "KG", small: [10, 200], large: [1000, 12000], unitValue: [25, 70] },
    ],
    modes: [["SEA", 50], ["ROAD", 25], ["EXPRESS", 25]],
    origins: { SEA: ["CNSGH", "CNNBO", "INNSA"], ROAD: ["NL", "BE", "PL", "DE"], EXPRESS: ["CNCAN", "INDEL"] },
    covers: ["industrial chemicals", "cleaning agents", "food additives"],
  },
  {
    category: "HAZARDOUS_WASTE",
    weight: 2,
    offences: ["PROHIBITED_GOODS", "MISDECLARATION"],
    outbound: true,
    goods: [
      { hsCode: "854911", description: "Spent lead-acid batteries", unit: "TONNES", small: [1, 5], large: [10, 180], unitValue: [300, 600] },
      { hsCode: "854931", description: "Electronic waste, printed circuit boards", unit: "TONNES", small: [1, 5], large: [8, 120], unitValue: [500, 2500] },
      { hsCode: "271099", description: "Waste oils", unit: "TONNES", small: [1, 5], large: [10, 200], unitValue: [80, 250] },
    ],
    modes: [["SEA", 70], ["ROAD", 30]],
    origins: { SEA: ["NGLOS", "GHTKD", "PKKHI", "MYPKG"], ROAD: ["UA", "RS", "MA"] },
    covers: ["second-hand goods", "used car parts", "scrap metal"],
  },
  {
    category: "OZONE_DEPLETING_SUBSTANCES",
    weight: 2,
    offences: ["PROHIBITED_GOODS", "SMUGGLING"],
    goods: [
      { hsCode: "290371", description: "HCFC-22 refrigerant in cylinders", unit: "KG", small: [10, 200], large: [500, 12000], unitValue: [8, 20] },
      { hsCode: "290345", description: "HFC-134a refrigerant, non-refillable cylinders", unit: "KG", small: [10, 300], large: [500, 15000], unitValue: [6, 15] },
    ],
    modes: [["ROAD", 60], ["SEA", 40]],
    origins: { ROAD: ["UA", "TR", "AL", "RS"], SEA: ["CNSGH", "TRAMR"] },
    covers: ["air-conditioning parts", "cleaning agents", "spare parts"],
  },
  {
    category: "EXPLOSIVES",
    weight: 2,
    offences: ["PROHIBITED_GOODS"],
    goods: [{ hsCode: "360410", description: "Fireworks, category F4 (Cobra)", unit: "KG", small: [5, 80], large: [200, 4000], unitValue: [15, 40] }],
    modes: [["ROAD", 80], ["POSTAL", 20]],
    origins: { ROAD: ["PL", "CZ", "BE", "DE"], POSTAL: ["PLKTW", "CNSGH"] },
    covers: ["toys", "household goods"],
  },
  {
    category: "CULTURAL_HERITAGE",
    weight: 1,
    offences: ["PROHIBITED_GOODS", "SMUGGLING"],
    goods: [
      { hsCode: "970610", description: "Antique bronze figurines (over 250 years)", unit: "PIECES", small: [1, 12], large: [20, 200], unitValue: [800, 20000] },
      { hsCode: "970510", description: "Archaeological objects: coins and pottery", unit: "PIECES", small: [3, 300], large: [300, 3000], unitValue: [30, 900] },
      { hsCode: "970121", description: "Icons, painted by hand (over 100 years)", unit: "PIECES", small: [1, 6], large: [10, 60], unitValue: [2000, 30000] },
    ],
    modes: [["AIR", 40], ["POSTAL", 30], ["ROAD", 30]],
    origins: { AIR: ["TRIST", "LBBEY", "EGCAI"], POSTAL: ["TRIST", "USNYC"], ROAD: ["UA", "TR", "RS"] },
    covers: ["souvenirs", "decorative items", "personal effects"],
  },
  {
    category: "NPS",
    weight: 1,
    offences: ["PROHIBITED_GOODS", "SMUGGLING"],
    goods: [
      { hsCode: "292239", description: "Synthetic cathinone (3-MMC), powder", unit: "KG", small: [0.5, 10], large: [20, 400], unitValue: [2000, 6000] },
      { hsCode: "293399", description: "Synthetic cannabinoids (MDMB-4en-PINACA)", unit: "KG", small: [0.1, 5], large: [10, 150], unitValue: [3000, 9000] },
    ],
    modes: [["POSTAL", 60], ["EXPRESS", 40]],
    origins: { POSTAL: ["CNSGH", "INBOM"], EXPRESS: ["CNCAN", "INDEL"] },
    covers: ["bath salts", "plant food", "research chemicals", "food additives"],
  },
];

/** The profile of a category (the first, for categories with several). */
export function commodity(category: CommodityCategory): CommodityProfile {
  const c = COMMODITIES.find((x) => x.category === category);
  if (!c) throw new Error(`No commodity profile for ${category}`);
  return c;
}
