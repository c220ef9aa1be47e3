import ExcelJS from "exceljs";
import type { SourceRecord } from "../types.js";
import { FileRejectedError } from "./file-rejected.js";

/** A cell's value as text, number, boolean or Date (rich text, hyperlinks and formulas give their text or result). */
function cellValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== "object" || value instanceof Date) return value;
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("formula" in value || "sharedFormula" in value) return cellValue((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ("hyperlink" in value) return (value as ExcelJS.CellHyperlinkValue).text;
  if ("error" in value) return String((value as ExcelJS.CellErrorValue).error);
  return undefined;
}

/**
 * XLSX (Office Open XML workbook), streamed with exceljs's reader: the first worksheet only; its first row is the
 * header, as in CSV; rows are numbered as Excel numbers them. Date cells are read as instants in UTC.
 */
export async function* readXlsx(file: string): AsyncGenerator<SourceRecord> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: "emit", sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", entries: "emit" });
  let header: string[] | null = null;
  let lastRow = 0;
  try {
    for await (const worksheet of workbook) {
      for await (const row of worksheet) {
        lastRow = row.number;
        const cells = row.values as ExcelJS.CellValue[];
        if (!header) {
          // row.values is sparse (1-based, holes for empty cells): Array.from fills the holes.
          header = Array.from(cells, (c) => String(cellValue(c) ?? "").trim());
          continue;
        }
        const value: Record<string, unknown> = {};
        let any = false;
        cells.forEach((cell, i) => {
          const column = header![i];
          const v = cellValue(cell);
          if (!column || v === undefined) return;
          value[column] = v;
          any = true;
        });
        if (any) yield { row: row.number, value, textual: true, header };
      }
      // Only the first worksheet holds records; further sheets (e.g. the template's field list) are not read.
      break;
    }
  } catch (error) {
    throw new FileRejectedError(lastRow + 1, `The XLSX workbook cannot be read on from row ${lastRow + 1}: ${(error as Error).message}`);
  }
}
