import { emailKey, getCodeLists, ibanKey, isValidS10, phoneKey, type CodeLists, type UnLocodeFunctions } from "@cix/core";
import type { ConveyanceMode, DatasetPlan } from "./plan.js";

/**
 * Checks every code of a plan against the hub's real code lists: HS 2022 subheadings, UN/LOCODEs (and that
 * each place's function fits how goods travelled there), countries, currencies, airlines, and the identifiers
 * the hub validates (phones, IBANs, e-mails, S10 numbers). Returns the problems; none means the plan is clean.
 */

type Fit = keyof UnLocodeFunctions;

/** Place functions that fit a mode of transport (road goods may cross at a border post). */
const FITS: Readonly<Record<ConveyanceMode, readonly Fit[]>> = {
  AIR: ["airport"],
  SEA: ["port"],
  ROAD: ["road", "border"],
  RAIL: ["rail"],
  POSTAL: ["postal"],
  EXPRESS: ["airport", "postal"],
  PEDESTRIAN: ["road", "border"],
};

export function checkPlanCodes(plan: DatasetPlan, lists: CodeLists = getCodeLists()): string[] {
  const problems: string[] = [];
  const fail = (where: string, what: string) => problems.push(`${where}: ${what}`);
  if (lists.hs.source !== "files" || lists.unlocode.source !== "files") fail("code lists", "HS and UN/LOCODE lists are not loaded (CIX_CODELISTS=format-only?)");

  const hs = (where: string, code: string | undefined) => {
    if (code !== undefined && !lists.hs.has(code)) fail(where, `HS code ${code} is not in HS 2022`);
  };
  const locode = (where: string, code: string | undefined, fits?: readonly Fit[]) => {
    if (code === undefined) return;
    const entry = lists.unlocode.get(code);
    if (!entry) return fail(where, `UN/LOCODE ${code} is not in the list`);
    if (fits && !fits.some((f) => entry.functions[f])) fail(where, `${code} (${entry.name}) is not a ${fits.join(" or ")}`);
  };
  const country = (where: string, code: string | undefined) => {
    if (code !== undefined && !lists.countries.has(code)) fail(where, `country ${code} is not ISO 3166`);
  };
  const currency = (where: string, code: string) => {
    if (!lists.currencies.has(code)) fail(where, `currency ${code} is not ISO 4217`);
  };
  const phone = (where: string, text: string | undefined) => {
    if (text !== undefined && !phoneKey(text)) fail(where, `phone ${text} is not a valid international number`);
  };
  const email = (where: string, text: string | undefined) => {
    if (text !== undefined && !emailKey(text)) fail(where, `e-mail ${text} is not valid`);
  };
  const iban = (where: string, text: string | undefined) => {
    if (text !== undefined && !ibanKey(text)) fail(where, `IBAN ${text} is not valid`);
  };

  for (const { key, input: p } of [...plan.persons, ...plan.companies]) {
    p.phones.forEach((x) => phone(key, x));
    p.emails.forEach((x) => email(key, x));
    p.bankAccounts.forEach((x) => iban(key, x.iban));
    p.addresses.forEach((a) => country(key, a.country));
    if ("nationalities" in p) {
      p.nationalities.forEach((c) => country(key, c));
      p.identityDocuments.forEach((d) => country(key, d.issuingCountry));
    } else {
      country(key, p.registrationCountry);
    }
  }
  for (const { key, input: s } of plan.seizures) {
    const mode = s.conveyance.mode;
    locode(key, s.placeLocode, FITS[mode]);
    for (const leg of s.route) {
      // Passengers and containers change planes and ships at airports and ports; lorries pass anywhere.
      locode(`${key} route[${leg.seq}]`, leg.locode, mode === "AIR" || mode === "SEA" ? FITS[mode] : undefined);
      country(`${key} route[${leg.seq}]`, leg.country);
    }
    for (const g of s.goods) {
      hs(key, g.hsCode);
      currency(key, g.currency);
    }
    if (s.conveyance.airlineCode) {
      if (!lists.airlines.has(s.conveyance.airlineCode)) fail(key, `airline ${s.conveyance.airlineCode} is not an active IATA airline`);
      if (!s.conveyance.flightNumber?.startsWith(s.conveyance.airlineCode)) fail(key, `flight ${s.conveyance.flightNumber} is not one of ${s.conveyance.airlineCode}`);
    }
  }
  for (const { key, input: o } of plan.orders) {
    locode(key, o.deliveryLocode);
    currency(key, o.currency);
    for (const item of o.items) {
      hs(key, item.hsCode);
      country(key, item.originCountry);
    }
    for (const party of [o.buyer, o.seller]) {
      phone(key, party.phone);
      email(key, party.email);
      country(key, party.address?.country);
    }
  }
  for (const { key, input: p } of plan.payments) {
    currency(key, p.currency);
    iban(key, p.payer.iban);
    iban(key, p.payee.iban);
  }
  for (const { key, input: s } of plan.shipments) {
    locode(key, s.originLocode, FITS[s.deliveryMode === "POSTAL" ? "POSTAL" : "EXPRESS"]);
    locode(key, s.destinationLocode);
    s.events.forEach((e) => locode(`${key} ${e.type}`, e.place));
    s.hsCodes.forEach((c) => hs(key, c));
    currency(key, s.currency);
    if (s.deliveryMode === "POSTAL" && !isValidS10(s.trackingNumber)) fail(key, `${s.trackingNumber} is not a valid S10 number`);
    for (const party of [s.consignor, s.consignee]) {
      phone(key, party.phone);
      email(key, party.email);
    }
  }
  return problems;
}
