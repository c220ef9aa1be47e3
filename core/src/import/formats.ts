import { extname } from "node:path";
import { IMPORT_FORMATS, type ImportFormat } from "./types.js";

/** The content type of each format (the HTTP endpoint accepts these; `text/xml`, `application/jsonl` and similar too). */
export const FORMAT_CONTENT_TYPES: Record<ImportFormat, string> = {
  csv: "text/csv",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  xml: "application/xml",
  json: "application/json",
  ndjson: "application/x-ndjson",
};

const CONTENT_TYPES: Record<string, ImportFormat> = {
  "text/csv": "csv",
  "application/csv": "csv",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
  "application/xml": "xml",
  "text/xml": "xml",
  "application/json": "json",
  "application/x-ndjson": "ndjson",
  "application/ndjson": "ndjson",
  "application/jsonl": "ndjson",
  "application/x-jsonlines": "ndjson",
};

const EXTENSIONS: Record<string, ImportFormat> = { ".csv": "csv", ".xlsx": "xlsx", ".xml": "xml", ".json": "json", ".ndjson": "ndjson", ".jsonl": "ndjson" };

export function isImportFormat(value: string): value is ImportFormat {
  return (IMPORT_FORMATS as readonly string[]).includes(value);
}

/** The format a content type stands for (parameters such as `; charset=utf-8` ignored), or undefined. */
export function formatOfContentType(contentType: string | undefined): ImportFormat | undefined {
  const type = contentType?.split(";")[0]?.trim().toLowerCase();
  return type ? CONTENT_TYPES[type] : undefined;
}

/** The format a file name's extension stands for, or undefined. */
export function formatOfFileName(name: string): ImportFormat | undefined {
  return EXTENSIONS[extname(name).toLowerCase()];
}
