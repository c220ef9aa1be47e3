import { getCodeLists, type UnLocodeFunctions } from "@cix/core";
import { LocationFunction, type Place } from "./place.types.js";

const FUNCTIONS: ReadonlyArray<[keyof UnLocodeFunctions, LocationFunction]> = [
  ["port", LocationFunction.PORT],
  ["rail", LocationFunction.RAIL_TERMINAL],
  ["road", LocationFunction.ROAD_TERMINAL],
  ["airport", LocationFunction.AIRPORT],
  ["postal", LocationFunction.POSTAL_EXCHANGE],
  ["multimodal", LocationFunction.MULTIMODAL],
  ["fixed", LocationFunction.FIXED_TRANSPORT],
  ["border", LocationFunction.BORDER_CROSSING],
];

/** A UN/LOCODE location as the code list describes it (in memory: no database round trip). */
export function placeForLocode(locode: string): Place {
  const lists = getCodeLists();
  const entry = lists.unlocode.get(locode);
  const country = locode.slice(0, 2);
  return {
    locode,
    country,
    countryName: lists.countries.name(country) ?? null,
    name: entry?.name ?? null,
    subdivision: entry?.subdivision ?? null,
    coordinates: entry?.lat !== undefined && entry.lon !== undefined ? { latitude: entry.lat, longitude: entry.lon } : null,
    functions: entry ? FUNCTIONS.filter(([flag]) => entry.functions[flag]).map(([, fn]) => fn) : [],
  };
}

/** A whole country as a place (a route leg known only by its country). */
export function placeForCountry(country: string): Place {
  const countryName = getCodeLists().countries.name(country) ?? null;
  return { locode: null, country, countryName, name: countryName, subdivision: null, coordinates: null, functions: [] };
}

/** The place a stored (locode, country) pair stands for. */
export function placeOf(locode: string | null | undefined, country: string): Place {
  return locode ? placeForLocode(locode) : placeForCountry(country);
}
