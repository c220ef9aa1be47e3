/**
 * Deterministic randomness for the generator. Every record draws from its own stream, derived from the data
 * set's seed, the record kind and the record's index, so record n comes out the same whether it is generated
 * alone (streaming, at any scale) or among all the others, and a change to one kind does not shift the others.
 */

/** A 32-bit hash of the parts (FNV-1a, then the murmur3 finaliser so nearby inputs land far apart). */
export function hash32(...parts: ReadonlyArray<string | number>): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join("\u0000")) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A seeded pseudo-random stream (mulberry32) with the choices the generator needs. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer from min to max, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A number from min to max rounded to `decimals` places. */
  float(min: number, max: number, decimals = 2): number {
    const f = 10 ** decimals;
    return Math.round((min + this.next() * (max - min)) * f) / f;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    if (list.length === 0) throw new Error("pick from an empty list");
    return list[Math.floor(this.next() * list.length)] as T;
  }

  /** One value, each with the given relative weight. */
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries[entries.length - 1]![0];
  }

  /** `n` distinct elements, in random order. */
  sample<T>(list: readonly T[], n: number): T[] {
    const copy = [...list];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy.slice(0, Math.min(n, copy.length));
  }

  digits(n: number): string {
    let s = "";
    for (let i = 0; i < n; i++) s += String(Math.floor(this.next() * 10));
    return s;
  }

  /** Upper-case letters, from `alphabet` when given. */
  letters(n: number, alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"): string {
    let s = "";
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.next() * alphabet.length)];
    return s;
  }

  /** An instant between `from` and `to` (milliseconds since the epoch), rounded to the minute. */
  instant(from: number, to: number): Date {
    return new Date(Math.floor((from + this.next() * (to - from)) / 60_000) * 60_000);
  }
}

/** The stream of record `index` of `kind` in the data set `seed`. */
export function rngFor(seed: number, kind: string, index: number | string): Rng {
  return new Rng(hash32(seed, kind, index));
}

const MULTIPLIERS = [2654435761n, 2246822519n] as const; // odd, not multiples of 5: bijections modulo any power of 10

/**
 * A `digits`-digit number that differs for every index below 10^digits, so generated phone numbers, account
 * numbers and documents never collide by chance, even at millions of records. It is a bijection of the
 * index (affine map, digit reversal, affine map), so consecutive indexes do not give look-alike numbers.
 */
export function uniqueDigits(index: number, digits: number, salt = 0): string {
  const mod = 10n ** BigInt(digits);
  const first = ((BigInt(index) + 1n) * MULTIPLIERS[0] + BigInt(salt)) % mod;
  const reversed = BigInt([...first.toString().padStart(digits, "0")].reverse().join(""));
  return ((reversed * MULTIPLIERS[1] + 7n) % mod).toString().padStart(digits, "0");
}

/**
 * `text` (random characters of `alphabet`) with its tail replaced by a code of `index` in the same alphabet,
 * unique for every index below 10^7: carriers' and payment providers' numbers, drawn at random for their look,
 * then never shared by two records of a data set.
 */
export function withSerialTail(text: string, index: number, alphabet: string): string {
  const base = BigInt(alphabet.length);
  let n = BigInt(uniqueDigits(index, 7, 41));
  let tail = "";
  while (base ** BigInt(tail.length) < 10n ** 7n) {
    tail = alphabet[Number(n % base)]! + tail;
    n /= base;
  }
  if (tail.length > text.length) throw new Error(`"${text}" is too short for a serial`);
  return text.slice(0, text.length - tail.length) + tail;
}
