import neo4j from "neo4j-driver";

/**
 * Turns driver values into plain JSON-able values: temporal types become ISO-8601 strings, nodes and
 * relationships become their property maps, integers become numbers.
 */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (neo4j.isInt(value)) return value.toNumber();
  if (neo4j.isDateTime(value) || neo4j.isLocalDateTime(value)) return value.toStandardDate().toISOString();
  if (neo4j.isDate(value)) return value.toString();
  if (neo4j.isNode(value) || neo4j.isRelationship(value)) return toPlain(value.properties);
  if (neo4j.isPoint(value)) return { x: value.x, y: value.y };
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toPlain(v);
    return out;
  }
  return value;
}
