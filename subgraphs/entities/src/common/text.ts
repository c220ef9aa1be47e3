import { badUserInput } from "@cix/core";

const MAX_TEXT = 200;

/** A trimmed, whitespace-collapsed text of at most 200 characters, or null when empty or absent. */
export function optionalText(raw: string | null | undefined, path: string): string | null {
  const value = (raw ?? "").replace(/\s+/g, " ").trim();
  if (value.length > MAX_TEXT) throw badUserInput(path, `at most ${MAX_TEXT} characters`);
  return value || null;
}

/** Like `optionalText`, for a list: each item must have text; duplicates are dropped. */
export function textList(raw: string[] | null | undefined, path: string): string[] {
  const values = (raw ?? []).map((item, i) => {
    const value = optionalText(item, `${path}[${i}]`);
    if (value === null) throw badUserInput(`${path}[${i}]`, "a non-empty text");
    return value;
  });
  return [...new Set(values)];
}
