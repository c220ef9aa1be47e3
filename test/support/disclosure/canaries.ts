import { randomInt } from "node:crypto";
import { foldText } from "@cix/core";

/**
 * Canaries: distinctive values planted in every nominal field, unique per run, with the forms in which the hub
 * may store or show them (as given, folded for sorting, without spaces, digits only). A canary found in an answer
 * to a caller who may not read it is a leak, whatever the field, the encoding or the channel.
 */

const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

/** `n` random letters and digits (no look-alikes). */
export function randomTag(n: number): string {
  return Array.from({ length: n }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
}

/** `n` random decimal digits. */
export function randomDigits(n: number): string {
  return Array.from({ length: n }, () => String(randomInt(10))).join("");
}

/** The normalised form compared with every text searched: folded (accents off, lower case) and only letters and digits. */
export function squash(text: string): string {
  return foldText(text).replace(/[^a-z0-9]/g, "");
}

export interface Canary {
  /** What it is, e.g. "Person.familyName". */
  kind: string;
  /** Which planted record holds it, e.g. "P1 (person, TLP AMBER)". */
  record: string;
  /** The value as written. */
  value: string;
  /** Lower-case forms searched for in raw text (as written, folded, without spaces). */
  forms: string[];
  /** Letters-and-digits form searched for in squashed text (see `squash`). */
  squashed: string[];
  /** Found by the owner's control run? Values that only an error message could echo need not be. */
  optional?: boolean;
}

export class CanaryBook {
  readonly canaries: Canary[] = [];
  /** A prefix every canary text starts with: any occurrence of it is a leak even if no listed form matches. */
  readonly marker: string;

  constructor(readonly run = randomTag(6)) {
    this.marker = `cnry${run}`;
  }

  /** A fresh canary text: the run marker and a random part, e.g. "Cnryq7xzk3Mb5wt". Suffixes make it readable. */
  text(suffix = ""): string {
    return `Cnry${this.run}${randomTag(5)}${suffix}`;
  }

  add(kind: string, record: string, value: string, extra: { forms?: string[]; squashed?: string[]; optional?: boolean } = {}): string {
    const forms = new Set([value.toLowerCase(), foldText(value), value.toLowerCase().replace(/\s+/g, ""), foldText(value).replace(/\s+/g, ""), ...(extra.forms ?? []).map((f) => f.toLowerCase())]);
    const squashed = new Set([squash(value), ...(extra.squashed ?? [])].filter((s) => s.length >= 8));
    this.canaries.push({ kind, record, value, forms: [...forms].filter((f) => f.length >= 6), squashed: [...squashed], ...(extra.optional ? { optional: true } : {}) });
    return value;
  }

  /** A phone number in E.164 with random digits; searched also by its digits with and without the country code. */
  phone(kind: string, record: string): string {
    const national = `61${randomDigits(7)}`;
    const e164 = `+31${national}`;
    return this.add(kind, record, e164, { forms: [`31${national}`, `0${national}`], squashed: [`31${national}`, national] });
  }

  email(kind: string, record: string): string {
    return this.add(kind, record, `cnry-${this.run}${randomTag(5)}@example.org`);
  }

  /** A valid British IBAN (check digits computed) with a random account number; searched also in groups of four. */
  iban(kind: string, record: string): string {
    const bban = `CNRY${randomDigits(14)}`;
    const numeric = `${bban}GB00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
    const remainder = [...numeric].reduce((r, d) => (r * 10 + Number(d)) % 97, 0);
    const iban = `GB${String(98 - remainder).padStart(2, "0")}${bban}`;
    return this.add(kind, record, iban, { forms: [iban.replace(/(.{4})/g, "$1 ").trim()], squashed: [bban.slice(4).toLowerCase()] });
  }

  /** A document or registration number: letters and digits, stored upper case without punctuation. */
  number(kind: string, record: string, prefix = "CNRY"): string {
    return this.add(kind, record, `${prefix}${this.run.toUpperCase()}${randomDigits(6)}`);
  }

  /** Every canary whose text (in some form) occurs in `text`: used to know what a request itself carried. */
  carriedBy(texts: string[]): Set<Canary> {
    const lower = texts.map((t) => t.toLowerCase());
    const squashedTexts = texts.map(squash);
    return new Set(this.canaries.filter((c) => c.forms.some((f) => lower.some((t) => t.includes(f))) || c.squashed.some((f) => squashedTexts.some((t) => t.includes(f)))));
  }
}
