/**
 * Letters that Unicode decomposition does not split into a base letter and a mark, mapped as Lucene's
 * ASCIIFoldingFilter maps them, so that keys built here and the `standard-folding` full-text index agree.
 */
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ß: "ss",
  ẞ: "ss",
  æ: "ae",
  Æ: "ae",
  œ: "oe",
  Œ: "oe",
  ø: "o",
  Ø: "o",
  đ: "d",
  Đ: "d",
  ð: "d",
  Ð: "d",
  ł: "l",
  Ł: "l",
  þ: "th",
  Þ: "th",
  ı: "i",
};
const SPECIAL = new RegExp(`[${Object.keys(SPECIAL_LETTERS).join("")}]`, "gu");

/** Lower-case, accents stripped ("Müller" → "muller", "Straße" → "strasse"), whitespace collapsed and trimmed. */
export function foldText(text: string): string {
  return text
    .replace(SPECIAL, (ch) => SPECIAL_LETTERS[ch] ?? ch)
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}
