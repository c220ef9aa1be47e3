import { GraphQLError } from "graphql";
import { result, stringScalar, type CheckResult, type StringScalarSpec } from "./common.js";

/**
 * `DateTime`: an instant, `YYYY-MM-DDTHH:mm:ss[.fraction](Z|±hh:mm)`. The time zone is required: a
 * local time without offset is ambiguous across the borders this data crosses. Parsed to a JS `Date`;
 * output is always UTC with milliseconds (`Date.prototype.toISOString`), so the sender's offset is not kept.
 *
 * `Date`: a calendar date `YYYY-MM-DD`, kept as that string (no time zone, no shift).
 */

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|([+-])(\d{2}):(\d{2}))$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isValidCalendarDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Parses an RFC 3339 date-time with a mandatory offset into a `Date`; fractions beyond milliseconds are truncated. */
export function checkDateTime(input: string): CheckResult<Date> {
  const m = DATE_TIME.exec(input.trim());
  if (!m) return result.format();
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const fraction = m[7] ?? "";
  if (!isValidCalendarDate(year, month, day)) return result.format(`${year}-${m[2]}-${m[3]} is not a calendar date`);
  if (hour > 23 || minute > 59 || second > 59) return result.format(`${m[4]}:${m[5]}:${m[6]} is not a time of day`);
  let offsetMinutes = 0;
  if (m[8] !== "Z") {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) return result.format(`${m[8]} is not a time zone offset`);
    offsetMinutes = (m[9] === "-" ? -1 : 1) * (oh * 60 + om);
  }
  const ms = Number(fraction.padEnd(3, "0").slice(0, 3));
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
  const date = new Date(utc);
  // Date.UTC maps years 0-99 to 1900-1999; set the full year explicitly.
  if (year < 100) date.setUTCFullYear(date.getUTCFullYear() - 1900);
  return result.ok(date);
}

export function checkDate(input: string): CheckResult<string> {
  const value = input.trim();
  const m = DATE.exec(value);
  if (!m) return result.format();
  if (!isValidCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) return result.format(`${value} is not a calendar date`);
  return result.ok(value);
}

function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === "string") {
    const r = checkDateTime(value);
    return r.ok ? r.value : undefined;
  }
  if (typeof value === "number" && Number.isFinite(value)) return new Date(value);
  // Neo4j driver temporal values (DateTime, LocalDateTime) convert themselves.
  if (value && typeof value === "object" && "toStandardDate" in value && typeof value.toStandardDate === "function") {
    const d: unknown = value.toStandardDate();
    return d instanceof Date && !Number.isNaN(d.getTime()) ? d : undefined;
  }
  return undefined;
}

export const dateTimeSpec: StringScalarSpec<Date> = {
  name: "DateTime",
  description:
    "An instant in time as an ISO 8601 / RFC 3339 date-time with a time zone offset or Z, " +
    'e.g. "2024-03-15T14:30:00Z" or "2024-03-15T15:30:00.250+01:00". Times without a time zone are rejected. ' +
    'Always returned in UTC with milliseconds, e.g. "2024-03-15T14:30:00.000Z".',
  specifiedByURL: "https://datatracker.ietf.org/doc/html/rfc3339#section-5.6",
  expected: 'ISO 8601 date-time with offset, e.g. "2024-03-15T14:30:00Z"',
  expectedLong: 'an ISO 8601 date-time with a time zone, YYYY-MM-DDTHH:mm:ss[.sss](Z|±hh:mm) (e.g. "2024-03-15T14:30:00Z")',
  check: checkDateTime,
  serialize(value) {
    const date = toDate(value);
    if (!date) throw new GraphQLError(`DateTime cannot represent ${typeof value === "string" ? JSON.stringify(value) : typeof value}`);
    return date.toISOString();
  },
};

export const dateSpec: StringScalarSpec<string> = {
  name: "Date",
  description: 'A calendar date, YYYY-MM-DD, e.g. "2024-03-15". The day must exist ("2024-02-30" is rejected).',
  specifiedByURL: "https://datatracker.ietf.org/doc/html/rfc3339#section-5.6",
  expected: 'calendar date YYYY-MM-DD, e.g. "2024-03-15"',
  expectedLong: 'a calendar date YYYY-MM-DD (e.g. "2024-03-15")',
  check: checkDate,
  serialize(value) {
    // A JS Date is taken as its UTC calendar day; Neo4j Date values print as YYYY-MM-DD.
    const text = value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === "object" && value ? String(value) : value;
    if (typeof text === "string" && checkDate(text).ok) return text.trim();
    throw new GraphQLError(`Date cannot represent ${typeof value === "string" ? JSON.stringify(value) : typeof value}`);
  },
};

export const DateTimeScalar = stringScalar(dateTimeSpec);
export const DateScalar = stringScalar(dateSpec);
