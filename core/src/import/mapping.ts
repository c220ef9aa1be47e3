import { parsePath } from "./paths.js";

/**
 * A column mapping: the sender's column (CSV, XLSX header) or element path (JSON, XML, flattened to
 * `Items[0].HS`) → the kind's field path, or null to ignore that column. `[*]` stands for any list index and
 * carries it over: `{ "Item[*].HS": "goods[*].hsCode" }` maps `Item[2].HS` to `goods[2].hsCode` (and `Item.HS`,
 * a single unindexed XML element, to `goods[0].hsCode`). Sources not in the mapping keep their name.
 */
export type MappingSpec = Record<string, string | null>;

interface Pattern {
  regex: RegExp;
  target: string | null;
}

export class ColumnMapping {
  private readonly exact = new Map<string, string | null>();
  private readonly patterns: Pattern[] = [];

  constructor(readonly spec: MappingSpec = {}) {
    for (const [source, target] of Object.entries(spec)) {
      if (target !== null && (typeof target !== "string" || !parsePath(target.replace(/\[\*\]/g, "[0]")))) {
        throw new Error(`Column mapping: "${source}" maps to ${JSON.stringify(target)}, which is not a field path such as "goods[0].hsCode" (or null to ignore it)`);
      }
      if (source.includes("[*]")) {
        const parts = source.trim().split("[*]").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
        this.patterns.push({ regex: new RegExp(`^${parts.join("(?:\\[(\\d+)\\])?")}$`), target });
      } else {
        this.exact.set(source.trim(), target);
      }
    }
  }

  /** Parses a mapping file's JSON: an object of source → target path (or null). */
  static parse(json: string): ColumnMapping {
    let spec: unknown;
    try {
      spec = JSON.parse(json);
    } catch (error) {
      throw new Error(`Column mapping is not valid JSON: ${(error as Error).message}`);
    }
    if (!spec || typeof spec !== "object" || Array.isArray(spec)) {
      throw new Error('Column mapping must be a JSON object of "source column": "field path" (or null to ignore the column)');
    }
    return new ColumnMapping(spec as MappingSpec);
  }

  get size(): number {
    return this.exact.size + this.patterns.length;
  }

  /** The target path of a source path, or null when the column is to be ignored. */
  target(source: string): string | null {
    const key = source.trim();
    if (this.exact.has(key)) return this.exact.get(key)!;
    for (const { regex, target } of this.patterns) {
      const m = regex.exec(key);
      if (!m) continue;
      if (target === null) return null;
      let i = 1;
      return target.replace(/\[\*\]/g, () => `[${m[i++] ?? "0"}]`);
    }
    return key;
  }

  /** Applies the mapping to a record's leaves. */
  apply(leaves: Map<string, unknown>): Map<string, unknown> {
    if (this.size === 0) return leaves;
    const out = new Map<string, unknown>();
    for (const [source, value] of leaves) {
      const target = this.target(source);
      if (target !== null) out.set(target, value);
    }
    return out;
  }
}
