import type { Finding } from "./scanner.js";

/**
 * Findings grouped by cause, as a bug report: what leaked (kind of value or record), where in the answer (the JSON
 * path without list indices, or the header), in which encoding, to whom, and one request that shows it.
 */

export interface Cause {
  rule: Finding["rule"];
  what: string;
  where: string;
  encodings: string[];
  callers: string[];
  records: string[];
  examples: Array<{ caller: string; request: string; where: string; encoding: string; excerpt: string }>;
  count: number;
}

function recordOf(f: Finding): string {
  return [...f.what.matchAll(/\b([A-Z]+\d+) \(/g)].map((m) => m[1]).join("→");
}

/** The place without list indices and request-specific parts: "data.person.associates.person.fullName". */
export function pattern(where: string): string {
  return where
    .replace(/^body /, "")
    .replace(/\[\d+\]/g, "[]")
    .replace(/header x-request-id|header date|header etag/i, "header (per request)");
}

export function causes(findings: Finding[]): Cause[] {
  const groups = new Map<string, Cause>();
  for (const f of findings) {
    const where = pattern(f.where);
    const key = `${f.rule}|${f.category}|${where}`;
    let g = groups.get(key);
    if (!g) {
      g = { rule: f.rule, what: f.category, where, encodings: [], callers: [], records: [], examples: [], count: 0 };
      groups.set(key, g);
    }
    g.count += 1;
    const encoding = f.encoding.replace(/ \(from character \d\)/, "");
    if (!g.encodings.includes(encoding)) g.encodings.push(encoding);
    if (!g.callers.includes(f.caller)) g.callers.push(f.caller);
    const record = recordOf(f);
    if (record && !g.records.includes(record)) g.records.push(record);
    if (g.examples.length < 2 && !g.examples.some((e) => e.caller === f.caller)) g.examples.push({ caller: f.caller, request: f.request, where: f.where, encoding: f.encoding, excerpt: f.excerpt });
  }
  return [...groups.values()].sort((a, b) => a.rule.localeCompare(b.rule) || a.where.localeCompare(b.where) || a.what.localeCompare(b.what));
}

const RULES: Record<Finding["rule"], string> = {
  value: "a nominal value (canary) in the answer",
  id: "the id of a person, company or identifier the request did not name",
  link: "a link between a planted party or identifier and another planted record",
  count: "a non-empty list (or hasNextPage/endCursor) under a planted party: how many records it has",
  membership: "a list selected by a canary (or parties selected by the owner agency) that is not empty",
};

export function formatReport(findings: Finding[], limit = 60): string {
  const list = causes(findings);
  const lines = [`${findings.length} disclosure(s) in ${list.length} group(s):`];
  for (const [i, c] of list.entries()) {
    if (i >= limit) {
      lines.push(`… and ${list.length - limit} more group(s)`);
      break;
    }
    lines.push(
      `${i + 1}. [${c.rule}] ${c.what} at ${c.where} (${RULES[c.rule]})`,
      `   encodings: ${c.encodings.join("; ")}`,
      `   callers: ${c.callers.join("; ")}${c.records.length ? `; records: ${c.records.join(", ")}` : ""}; ${c.count} occurrence(s)`,
      ...c.examples.map((e) => `   e.g. ${e.caller}: ${e.request}\n        at ${e.where} (${e.encoding}): …${e.excerpt.replace(/\s+/g, " ").slice(0, 200)}…`),
    );
  }
  return lines.join("\n");
}
