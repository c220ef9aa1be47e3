import { foldText } from "@cix/core";
import { jaroWinkler } from "@skyra/jaro-winkler";
import anyAscii from "any-ascii";
import { doubleMetaphone } from "double-metaphone";

/** Word pairs less alike than this do not count as the same word. */
const MIN_WORD_SIMILARITY = 0.75;
/** What two different spellings of one sound (Double Metaphone) count for: "Mohammed" and "Muhammad". */
const SAME_SOUND = 0.9;

/**
 * The words of a name, whatever its script, accents, punctuation and case: transliterated to Latin letters
 * (any-ascii), accent-folded and lower-cased (foldText, as the name index), split on everything else.
 * "AL RASHID, Muhammad" → ["al", "rashid", "muhammad"]; "Мухаммед Аль-Рашид" → ["mukhammed", "al", "rashid"].
 */
export function nameWords(name: string): string[] {
  return foldText(anyAscii(name))
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

function soundsAlike(a: string, b: string): boolean {
  const [a1, a2] = doubleMetaphone(a);
  const [b1, b2] = doubleMetaphone(b);
  return a1 !== "" && (a1 === b1 || a1 === b2 || a2 === b1 || a2 === b2);
}

/** How alike two words are (0–1): equal, Jaro-Winkler for typos and transliterations, or the same sound. */
export function wordSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  return Math.max(jaroWinkler(a, b), soundsAlike(a, b) ? SAME_SOUND : 0);
}

/**
 * How alike two names are (0–1) regardless of word order: the words of both are paired one to one, most alike
 * first, and the score is the Dice coefficient over the pairs' similarities, so a missing middle name costs
 * less than a different family name. "Mohammed Al-Rashid" and "AL RASHID, Muhammad" score 0.97.
 */
export function nameSimilarity(a: string, b: string): number {
  const wa = nameWords(a);
  const wb = nameWords(b);
  if (wa.length === 0 || wb.length === 0) return 0;
  const pairs = wa.flatMap((x, i) => wb.map((y, j) => ({ i, j, similarity: wordSimilarity(x, y) })));
  pairs.sort((p, q) => q.similarity - p.similarity || p.i - q.i || p.j - q.j);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  let total = 0;
  for (const { i, j, similarity } of pairs) {
    if (similarity < MIN_WORD_SIMILARITY || usedA.has(i) || usedB.has(j)) continue;
    usedA.add(i);
    usedB.add(j);
    total += similarity;
  }
  return (2 * total) / (wa.length + wb.length);
}
