import type { SourceRecord } from "../types.js";
import type { ReaderLimits } from "./file-rejected.js";
import { readLines } from "./lines.js";

/** NDJSON (JSON Lines): one JSON object per line, numbered by line; blank lines are skipped. A broken line is rejected alone. */
export async function* readNdjson(file: string, limits: ReaderLimits): AsyncGenerator<SourceRecord> {
  for await (const { line: row, text: raw } of readLines(file, limits.maxRecordBytes)) {
    const text = row === 1 ? raw.replace(/^\uFEFF/, "") : raw;
    if (text.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield { row, value: {}, textual: false, error: { field: "", code: "MALFORMED_ROW", message: `Line ${row} is not valid JSON: ${(error as Error).message}` } };
      continue;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      yield { row, value: {}, textual: false, error: { field: "", code: "MALFORMED_ROW", message: `Line ${row} is not a JSON object.` } };
      continue;
    }
    yield { row, value: value as Record<string, unknown>, textual: false };
  }
}
