import { badUserInput, foldText } from "@cix/core";

/** Characters with a meaning in Lucene's query syntax. */
const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

export function escapeLucene(term: string): string {
  return term.replace(LUCENE_SPECIAL, "\\$&");
}

const MAX_NAME_LENGTH = 200;
const MAX_TERMS = 10;
/** Shorter words are matched exactly: one edit would let "de" match "da", "di", "du", … */
const FUZZY_MIN_LENGTH = 4;

/**
 * The Lucene query for a name search: each word of the input, accent-folded and lower-cased like the index
 * (`standard-folding`), escaped, and (if long enough) also matched with one edit (`smiht~1` finds "Smith").
 * Words are OR-ed, so word order does not matter and more matching words score higher. Null when the
 * input has no words.
 */
export function nameQuery(name: string, path = "name"): string | null {
  if (name.length > MAX_NAME_LENGTH) throw badUserInput(path, `a name of at most ${MAX_NAME_LENGTH} characters`);
  const words = foldText(name)
    .split(/[^\p{L}\p{N}']+/u)
    .map((w) => w.replace(/^'+|'+$/g, ""))
    .filter((w) => w.length > 0)
    .slice(0, MAX_TERMS);
  if (words.length === 0) return null;
  return words
    .map((w) => {
      const term = escapeLucene(w);
      return w.length >= FUZZY_MIN_LENGTH ? `(${term}^2 OR ${term}~1)` : term;
    })
    .join(" ");
}
