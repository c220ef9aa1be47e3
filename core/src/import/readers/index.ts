import type { ImportFormat, SourceRecord } from "../types.js";
import { readCsv } from "./csv.js";
import type { ReaderLimits } from "./file-rejected.js";
import { readJsonArray } from "./json.js";
import { readNdjson } from "./ndjson.js";
import { readXlsx } from "./xlsx.js";
import { readXml } from "./xml.js";

export { FileRejectedError, type ReaderLimits } from "./file-rejected.js";

/** The records of a file, one at a time, whatever its format. */
export function readRecords(file: string, format: ImportFormat, limits: ReaderLimits): AsyncGenerator<SourceRecord> {
  switch (format) {
    case "csv":
      return readCsv(file, limits);
    case "xlsx":
      return readXlsx(file);
    case "xml":
      return readXml(file, limits);
    case "json":
      return readJsonArray(file, limits);
    case "ndjson":
      return readNdjson(file, limits);
  }
}
