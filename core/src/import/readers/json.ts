import { createReadStream } from "node:fs";
import type { SourceRecord } from "../types.js";
import { FileRejectedError, type ReaderLimits } from "./file-rejected.js";

/**
 * A JSON array of record objects, streamed: the scanner cuts the array into its elements (tracking strings, escapes
 * and nesting) and parses one element at a time, so the file is never held whole. Elements are numbered from 1; an
 * element that is not a valid JSON object is rejected alone; an element over the size limit or a broken array stops
 * the read.
 */
export async function* readJsonArray(file: string, limits: ReaderLimits): AsyncGenerator<SourceRecord> {
  let state: "start" | "between" | "value" | "end" = "start";
  let depth = 0;
  let inString = false;
  let escaped = false;
  let element = 0;
  let buffer = "";
  let first = true;

  const emit = (text: string): SourceRecord => {
    element++;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return { row: element, value: {}, textual: false, error: { field: "", code: "MALFORMED_ROW", message: `Element ${element} is not valid JSON: ${(error as Error).message}` } };
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      return { row: element, value: {}, textual: false, error: { field: "", code: "MALFORMED_ROW", message: `Element ${element} is not a JSON object.` } };
    }
    return { row: element, value: value as Record<string, unknown>, textual: false };
  };

  for await (const chunk of createReadStream(file, { encoding: "utf8", highWaterMark: 256 * 1024 })) {
    let text = chunk as string;
    if (first) {
      text = text.replace(/^\uFEFF/, "");
      first = false;
    }
    let start = state === "value" ? 0 : -1;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (state === "value") {
        if (inString) {
          if (escaped) escaped = false;
          else if (c === "\\") escaped = true;
          else if (c === '"') inString = false;
          continue;
        }
        if (c === '"') inString = true;
        else if (c === "{" || c === "[") depth++;
        else if (c === "}" || c === "]") {
          if (depth === 0) {
            // The array's own closing bracket right after a primitive element.
            yield emit(buffer + text.slice(start, i));
            buffer = "";
            state = "end";
            continue;
          }
          depth--;
          if (depth === 0) {
            yield emit(buffer + text.slice(start, i + 1));
            buffer = "";
            state = "between";
          }
        } else if (c === "," && depth === 0) {
          yield emit(buffer + text.slice(start, i));
          buffer = "";
          state = "between";
        }
        continue;
      }
      if (/\s/.test(c)) continue;
      if (state === "start") {
        if (c !== "[") throw new FileRejectedError(0, "A JSON import file must be an array of records: [ {…}, {…} ] (or use NDJSON, one record per line).");
        state = "between";
      } else if (state === "between") {
        if (c === ",") continue;
        if (c === "]") {
          state = "end";
          continue;
        }
        state = "value";
        start = i;
        depth = c === "{" || c === "[" ? 1 : 0;
        inString = c === '"';
        escaped = false;
        if (depth === 0 && !inString) continue;
      } else {
        throw new FileRejectedError(element, `Unexpected "${c}" after the end of the JSON array.`);
      }
    }
    if (state === "value") {
      buffer += text.slice(start);
      if (buffer.length > limits.maxRecordBytes) {
        throw new FileRejectedError(element + 1, `Element ${element + 1} is larger than the limit of ${limits.maxRecordBytes} characters for one record.`);
      }
    }
  }
  // (TypeScript loses track of the assignments inside the loop's branches, hence the widening.)
  if ((state as string) !== "end") throw new FileRejectedError(element + 1, "The JSON array is not closed: the file ends inside it (truncated?).");
}
