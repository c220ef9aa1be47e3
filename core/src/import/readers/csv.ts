import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { parse, type CsvError } from "csv-parse";
import type { SourceRecord } from "../types.js";
import { FileRejectedError, type ReaderLimits } from "./file-rejected.js";

/** The delimiter of a CSV file: whichever of `,` `;` tab occurs most in its first line (European files use `;`). */
async function detectDelimiter(file: string): Promise<string> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const firstLine = buffer.subarray(0, bytesRead).toString("utf8").split(/\r?\n/, 1)[0] ?? "";
    const counts = [",", ";", "\t"].map((d) => [d, firstLine.split(d).length - 1] as const);
    return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
  } finally {
    await handle.close();
  }
}

/**
 * CSV (RFC 4180, UTF-8 with or without BOM), streamed: the first row is the header (field paths such as
 * `goods[0].hsCode`, or the sender's names with a column mapping); each further row is one record, numbered as a
 * spreadsheet numbers it (the header is row 1). A row with the wrong number of cells is rejected on its own.
 */
export async function* readCsv(file: string, limits: ReaderLimits): AsyncGenerator<SourceRecord> {
  const parser = createReadStream(file).pipe(
    parse({
      bom: true,
      delimiter: await detectDelimiter(file),
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      max_record_size: limits.maxRecordBytes,
      info: true,
    }),
  );
  const skipped: Array<{ row: number; message: string }> = [];
  parser.on("skip", (error: CsvError) => skipped.push({ row: Number(error.records ?? 0) + 1, message: error.message }));
  let header: string[] | null = null;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { records: number } }>) {
      for (const s of skipped.splice(0)) yield { row: s.row, value: {}, textual: true, error: { field: "", code: "MALFORMED_ROW", message: s.message } };
      if (!header) {
        header = record.map((h) => h.trim());
        continue;
      }
      const row = info.records;
      if (record.length !== header.length) {
        const message = `Row ${row} has ${record.length} cells; the header has ${header.length}.`;
        yield { row, value: {}, textual: true, error: { field: "", code: "MALFORMED_ROW", message } };
        continue;
      }
      const value: Record<string, unknown> = {};
      header.forEach((column, i) => {
        if (column !== "") value[column] = record[i];
      });
      yield { row, value, textual: true, header };
    }
  } catch (error) {
    const e = error as CsvError;
    throw new FileRejectedError(Number(e.records ?? 0) + 1, `The CSV cannot be read on from record ${Number(e.records ?? 0) + 1}: ${e.message}`);
  }
  for (const s of skipped) yield { row: s.row, value: {}, textual: true, error: { field: "", code: "MALFORMED_ROW", message: s.message } };
}
