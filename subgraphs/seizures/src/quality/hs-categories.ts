import type { CommodityCategory } from "../seizure/seizure.enums.js";

/**
 * The HS 2022 chapters each commodity category is usually classified in (for the HS_CATEGORY_MISMATCH check).
 * Categories that span the whole nomenclature (counterfeits, other) are not checked.
 */
export const CATEGORY_HS_CHAPTERS: Partial<Record<CommodityCategory, readonly string[]>> = {
  // Coca leaf and cannabis (12, 13), alkaloids and synthetic drugs (29), preparations (30).
  DRUGS: ["12", "13", "29", "30"],
  TOBACCO: ["24"],
  ALCOHOL: ["22"],
  MEDICINES: ["29", "30"],
  // Live animals, fish, animal products (ivory, horn), plants, wood, leather, furs, coral and pearls, worked ivory.
  CITES_WILDLIFE: ["01", "02", "03", "05", "06", "12", "14", "41", "42", "43", "44", "46", "71", "96", "97"],
  HAZARDOUS_WASTE: ["25", "26", "27", "38", "39", "40", "47", "72", "73", "74", "75", "76", "78", "79", "80", "81", "84", "85", "89"],
  OZONE_DEPLETING_SUBSTANCES: ["29", "38", "84"],
  WEAPONS_AMMUNITION: ["93"],
  EXPLOSIVES: ["36", "93"],
  STRATEGIC_DUAL_USE: ["28", "29", "38", "81", "84", "85", "88", "90", "93"],
  CURRENCY_BEARER_INSTRUMENTS: ["49", "71"],
  PRECURSORS: ["28", "29", "38"],
  CULTURAL_HERITAGE: ["49", "69", "70", "71", "83", "91", "92", "94", "96", "97"],
  NPS: ["12", "13", "21", "29", "30", "38"],
};
