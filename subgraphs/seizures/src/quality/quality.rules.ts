import { getCodeLists, type UnLocodeFunctions } from "@cix/core";
import { ConveyanceMode, QuantityUnit } from "../seizure/seizure.enums.js";
import type { ValidSeizure } from "../seizure/seizure.validation.js";
import { CATEGORY_HS_CHAPTERS } from "./hs-categories.js";
import { QualityRule, QualitySeverity } from "./quality.types.js";

/** A flag before it is stored. */
export interface FlagDraft {
  rule: QualityRule;
  severity: QualitySeverity;
  explanation: string;
  field: string | null;
}

/** Median and median absolute deviation of log10 values of one group (commodity, unit[, currency]), from the stored cases. */
export interface Statistic {
  median: number;
  mad: number;
  n: number;
}

export interface QualityContext {
  now: Date;
  /** Learned statistics: quantity per (commodity, unit); value per unit per (commodity, unit, currency). */
  statistic(metric: "quantity" | "valuePerUnit", commodity: string, unit: string, currency?: string | null): Statistic | undefined;
  /** Cases of other agencies with the same flight/voyage/vessel, day and goods. */
  duplicates: ReadonlyArray<{ id: string; reportingAgency: string; caseNumber: string }>;
  /** Earliest dispatch (ISO) of the shipments seized in this case, if any. */
  earliestDispatch: string | null;
}

/** |robust z| above this is an outlier (Iglewicz and Hoaglin's 3.5); fewer samples than MIN_SAMPLES teach nothing. */
export const Z_LIMIT = 3.5;
export const MIN_SAMPLES = 30;
/** UPU: a postal parcel weighs at most 30 kg (letter-post items 2 kg). */
const POSTAL_MAX_KG = 30;
const PEDESTRIAN_MAX_KG = 100;
const POSTAL_MAX_PIECES = 5000;
const FUTURE_TOLERANCE_MS = 24 * 3600 * 1000;
const EARLIEST_PLAUSIBLE = "1990-01-01T00:00:00.000Z";

const KG_PER_UNIT: Partial<Record<QuantityUnit, number>> = { [QuantityUnit.KG]: 1, [QuantityUnit.G]: 0.001, [QuantityUnit.TONNES]: 1000 };
const COUNTED: ReadonlySet<QuantityUnit> = new Set([QuantityUnit.PIECES, QuantityUnit.PAIRS, QuantityUnit.BOTTLES, QuantityUnit.SPECIMENS, QuantityUnit.PACKS, QuantityUnit.CARTONS]);

/**
 * The UN/LOCODE function a conveyance cannot do without (an aircraft needs an airport, a vessel a port, a train a
 * rail terminal). Road, pedestrian, postal and express seizures are not checked: roads, streets, markets and post
 * offices are everywhere, and UN/LOCODE's road function (3) marks a road terminal, not a place a car may reach, so
 * inland enforcement (street and market checks, road checks in a city listed only for its railway or airport) fits
 * any place.
 */
const REQUIRED_FUNCTION: Partial<Record<ConveyanceMode, keyof UnLocodeFunctions>> = {
  [ConveyanceMode.AIR]: "airport",
  [ConveyanceMode.SEA]: "port",
  [ConveyanceMode.RAIL]: "rail",
};
const FUNCTION_WORDS: Record<keyof UnLocodeFunctions, string> = {
  port: "port",
  rail: "rail terminal",
  road: "road terminal",
  airport: "airport",
  postal: "postal exchange office",
  multimodal: "multimodal",
  fixed: "fixed transport",
  border: "border crossing",
};

const fmt = (n: number) => (Math.abs(n) >= 100 ? Math.round(n).toLocaleString("en") : Number(n.toPrecision(3)).toString());

/** Robust z-score of x against a group (on log10 values): 0.6745 (log x − median) / MAD. */
export function robustZ(x: number, s: Statistic): number | null {
  if (x <= 0 || s.n < MIN_SAMPLES || s.mad <= 0) return null;
  return (0.6745 * (Math.log10(x) - s.median)) / s.mad;
}

function outliers(input: ValidSeizure, ctx: QualityContext): FlagDraft[] {
  const flags: FlagDraft[] = [];
  input.goods.forEach((item, i) => {
    const q = ctx.statistic("quantity", input.commodity, item.unit);
    const zq = q ? robustZ(item.quantity, q) : null;
    if (q && zq !== null && Math.abs(zq) > Z_LIMIT) {
      flags.push({
        rule: QualityRule.QUANTITY_OUTLIER,
        severity: QualitySeverity.WARNING,
        field: `goods[${i}].quantity`,
        explanation:
          `${fmt(item.quantity)} ${item.unit} is far ${zq > 0 ? "above" : "below"} what is usual for ${input.commodity} in ${item.unit} ` +
          `(median ${fmt(10 ** q.median)} ${item.unit} over ${q.n} goods lines; robust z = ${zq.toFixed(1)}, limit ±${Z_LIMIT}).`,
      });
    }
    if (item.estimatedValue === null || item.estimatedValue <= 0 || !item.currency) return;
    const perUnit = item.estimatedValue / item.quantity;
    const v = ctx.statistic("valuePerUnit", input.commodity, item.unit, item.currency);
    const zv = v ? robustZ(perUnit, v) : null;
    if (v && zv !== null && Math.abs(zv) > Z_LIMIT) {
      flags.push({
        rule: QualityRule.VALUE_OUTLIER,
        severity: QualitySeverity.WARNING,
        field: `goods[${i}].estimatedValue`,
        explanation:
          `${fmt(perUnit)} ${item.currency} per ${item.unit} is far ${zv > 0 ? "above" : "below"} what is usual for ${input.commodity} ` +
          `(median ${fmt(10 ** v.median)} ${item.currency} per ${item.unit} over ${v.n} goods lines; robust z = ${zv.toFixed(1)}).`,
      });
    }
  });
  return flags;
}

function conveyance(input: ValidSeizure): FlagDraft[] {
  const mode = input.conveyance?.mode;
  if (!mode) return [];
  const kg = input.goods.reduce((sum, g) => sum + g.quantity * (KG_PER_UNIT[g.unit as QuantityUnit] ?? 0), 0);
  const pieces = input.goods.reduce((sum, g) => sum + (COUNTED.has(g.unit as QuantityUnit) ? g.quantity : 0), 0);
  const flags: FlagDraft[] = [];
  if (mode === ConveyanceMode.POSTAL && kg > POSTAL_MAX_KG) {
    flags.push({
      rule: QualityRule.CONVEYANCE_IMPLAUSIBLE,
      severity: QualitySeverity.ERROR,
      field: "goods",
      explanation: `The goods lines weigh ${fmt(kg)} kg in total, but a postal item weighs at most ${POSTAL_MAX_KG} kg (UPU): is the unit or the conveyance wrong?`,
    });
  }
  if (mode === ConveyanceMode.POSTAL && pieces > POSTAL_MAX_PIECES) {
    flags.push({
      rule: QualityRule.CONVEYANCE_IMPLAUSIBLE,
      severity: QualitySeverity.WARNING,
      field: "goods",
      explanation: `${fmt(pieces)} counted items in one postal item is implausible (more than ${POSTAL_MAX_PIECES}).`,
    });
  }
  if (mode === ConveyanceMode.PEDESTRIAN && kg > PEDESTRIAN_MAX_KG) {
    flags.push({
      rule: QualityRule.CONVEYANCE_IMPLAUSIBLE,
      severity: QualitySeverity.WARNING,
      field: "goods",
      explanation: `The goods lines weigh ${fmt(kg)} kg in total: more than a person on foot carries (${PEDESTRIAN_MAX_KG} kg).`,
    });
  }
  return flags;
}

function dates(input: ValidSeizure, ctx: QualityContext): FlagDraft[] {
  const seized = Date.parse(input.seizedAt);
  if (seized > ctx.now.getTime() + FUTURE_TOLERANCE_MS) {
    return [{ rule: QualityRule.DATE_IMPLAUSIBLE, severity: QualitySeverity.ERROR, field: "seizedAt", explanation: `Seized at ${input.seizedAt}: that is in the future.` }];
  }
  if (input.seizedAt < EARLIEST_PLAUSIBLE) {
    return [{ rule: QualityRule.DATE_IMPLAUSIBLE, severity: QualitySeverity.WARNING, field: "seizedAt", explanation: `Seized at ${input.seizedAt}: implausibly long ago (before 1990).` }];
  }
  const departure = input.route[0]?.departedAt;
  if (departure && seized < Date.parse(departure)) {
    return [
      {
        rule: QualityRule.DATE_IMPLAUSIBLE,
        severity: QualitySeverity.WARNING,
        field: "seizedAt",
        explanation: `Seized at ${input.seizedAt}, before the goods left ${input.route[0]!.locode ?? input.route[0]!.country} on their route (${departure}).`,
      },
    ];
  }
  if (ctx.earliestDispatch && seized < Date.parse(ctx.earliestDispatch)) {
    return [
      {
        rule: QualityRule.DATE_IMPLAUSIBLE,
        severity: QualitySeverity.WARNING,
        field: "seizedAt",
        explanation: `Seized at ${input.seizedAt}, before the seized shipment was dispatched (${ctx.earliestDispatch}).`,
      },
    ];
  }
  return [];
}

function placeFunction(input: ValidSeizure): FlagDraft[] {
  const mode = input.conveyance?.mode;
  const required = mode ? REQUIRED_FUNCTION[mode] : undefined;
  if (!input.placeLocode || !required) return [];
  const entry = getCodeLists().unlocode.get(input.placeLocode);
  if (!entry) return [];
  const has = (Object.keys(FUNCTION_WORDS) as Array<keyof UnLocodeFunctions>).filter((f) => entry.functions[f]);
  // No functions recorded (or "0", not known) tells nothing; a multimodal place (inland clearance depot) fits every mode.
  if (has.length === 0 || entry.functions.multimodal || entry.functions[required]) return [];
  return [
    {
      rule: QualityRule.PLACE_FUNCTION_MISMATCH,
      severity: QualitySeverity.WARNING,
      field: "placeLocode",
      explanation:
        `${input.placeLocode} (${entry.name}) is listed in UN/LOCODE as ${has.map((f) => FUNCTION_WORDS[f]).join(", ")} only, ` +
        `with no ${FUNCTION_WORDS[required]}: unusual for a ${mode} seizure.`,
    },
  ];
}

function hsCategory(input: ValidSeizure): FlagDraft[] {
  const chapters = CATEGORY_HS_CHAPTERS[input.commodity];
  if (!chapters) return [];
  return input.goods.flatMap((item, i) => {
    const chapter = item.hsCode?.slice(0, 2);
    if (!chapter || chapters.includes(chapter)) return [];
    return [
      {
        rule: QualityRule.HS_CATEGORY_MISMATCH,
        severity: QualitySeverity.WARNING,
        field: `goods[${i}].hsCode`,
        explanation: `HS ${item.hsCode} (chapter ${chapter}) is not a usual classification for ${input.commodity} (chapters ${chapters.join(", ")}).`,
      },
    ];
  });
}

function duplicates(ctx: QualityContext): FlagDraft[] {
  if (ctx.duplicates.length === 0) return [];
  const others = ctx.duplicates.slice(0, 5).map((d) => `${d.reportingAgency} ${d.caseNumber} (${d.id})`);
  return [
    {
      rule: QualityRule.DUPLICATE_ACROSS_AGENCIES,
      severity: QualitySeverity.WARNING,
      field: null,
      explanation: `Possibly the same seizure as ${others.join(", ")}${ctx.duplicates.length > 5 ? " and others" : ""}: same flight or voyage, day and goods.`,
    },
  ];
}

/** Every rule on one case. */
export function checkSeizure(input: ValidSeizure, ctx: QualityContext): FlagDraft[] {
  return [...outliers(input, ctx), ...conveyance(input), ...dates(input, ctx), ...placeFunction(input), ...hsCategory(input), ...duplicates(ctx)];
}
