import ExcelJS from "exceljs";
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  isSpecifiedScalarType,
  type GraphQLInputObjectType,
  type GraphQLInputType,
} from "graphql";
import { parsePath } from "./paths.js";
import type { ImportFormat, ImportKind } from "./types.js";

/** One column (flat formats) or element (nested formats) of a kind, as the templates and the field list show it. */
export interface TemplateField {
  /** Column name / field path, e.g. `goods[0].hsCode`; a list of values is one column, values separated by `;`. */
  path: string;
  /** GraphQL type, e.g. `HSCode`, `[CountryCode]`, `ConveyanceMode (AIR | SEA | …)`. */
  type: string;
  /** Required whenever its parent object is given (top-level: in every record). */
  required: boolean;
  description: string;
  /** The input type's default, shown as the example when the kind has none. */
  defaultValue?: unknown;
}

const SAMPLES: Record<string, unknown> = {
  String: "text",
  ID: "id",
  Float: 1.5,
  Int: 1,
  Boolean: true,
  DateTime: "2024-03-15T14:30:00Z",
  Date: "2024-03-15",
  HSCode: "240220",
  UNLocode: "NLRTM",
  CountryCode: "NL",
  CurrencyCode: "EUR",
  AirlineCode: "KL",
  IBAN: "NL91ABNA0417164300",
  PhoneNumber: "+31612345678",
  EmailAddress: "name@example.org",
};

function typeLabel(type: GraphQLInputType): string {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return `[${typeLabel(nullable.ofType as GraphQLInputType)}]`;
  const named = getNamedType(type);
  if (isEnumType(named)) return `${named.name} (${named.getValues().map((v) => v.name).join(" | ")})`;
  return named.name;
}

/** Every column of a kind's flat form, in the row type's field order; lists of objects repeat `templateLists` times. */
export function templateFields(rowType: GraphQLInputObjectType, kind: ImportKind): TemplateField[] {
  const out: TemplateField[] = [];
  const walk = (type: GraphQLInputObjectType, prefix: string, listPrefix: string) => {
    for (const field of Object.values(type.getFields())) {
      const path = prefix === "" ? field.name : `${prefix}.${field.name}`;
      const listPath = listPrefix === "" ? field.name : `${listPrefix}.${field.name}`;
      const nullable = getNullableType(field.type);
      const named = getNamedType(field.type);
      const description = field.description ?? "";
      if (isInputObjectType(named)) {
        if (isListType(nullable)) {
          const count = kind.templateLists?.[listPath] ?? 1;
          for (let i = 0; i < count; i++) walk(named, `${path}[${i}]`, listPath);
        } else {
          walk(named, path, listPath);
        }
        continue;
      }
      out.push({ path, type: typeLabel(field.type), required: isNonNullType(field.type) && field.defaultValue === undefined, description, defaultValue: field.defaultValue });
    }
  };
  walk(rowType, "", "");
  return out;
}

/** The example value of a column: the kind's own (by exact path, then without indices), else one per type. */
function exampleValue(kind: ImportKind, field: TemplateField, type: GraphQLInputType): unknown {
  const examples = kind.examples ?? {};
  const general = field.path.replace(/\[\d+\]/g, "");
  if (field.path in examples) return examples[field.path];
  if (general in examples) return examples[general];
  if (field.defaultValue !== undefined) return field.defaultValue;
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0]?.value;
  const sample = SAMPLES[named.name];
  return isListType(getNullableType(type)) ? [sample] : sample;
}

function fieldType(rowType: GraphQLInputObjectType, path: string): GraphQLInputType {
  let type: GraphQLInputType = rowType;
  for (const seg of parsePath(path) ?? []) type = (getNamedType(type) as GraphQLInputObjectType).getFields()[seg.name]!.type;
  return type;
}

/** One example record as flat columns (lists of values joined with `;`); columns whose example is null are left empty. */
export function exampleRow(rowType: GraphQLInputObjectType, kind: ImportKind): Array<[TemplateField, unknown]> {
  return templateFields(rowType, kind).map((field) => {
    const value = exampleValue(kind, field, fieldType(rowType, field.path));
    return [field, Array.isArray(value) ? value.join(";") : value];
  });
}

/** The example record as a nested object (JSON, NDJSON, XML); null examples are left out. */
export function exampleRecord(rowType: GraphQLInputObjectType, kind: ImportKind): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const field of templateFields(rowType, kind)) {
    const type = fieldType(rowType, field.path);
    const value = exampleValue(kind, field, type);
    if (value === null || value === undefined) continue;
    let target: Record<string, unknown> = record;
    const segments = parsePath(field.path)!;
    segments.forEach((seg, i) => {
      if (i === segments.length - 1) {
        target[seg.name] = value;
      } else if (seg.index !== undefined) {
        const list = (target[seg.name] ??= []) as Array<Record<string, unknown>>;
        target = list[seg.index] ??= {};
      } else {
        target = (target[seg.name] ??= {}) as Record<string, unknown>;
      }
    });
  }
  return record;
}

const csvCell = (value: unknown) => {
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

const xmlText = (value: unknown) => String(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function xmlElements(value: Record<string, unknown>, indent: string): string {
  return Object.entries(value)
    .flatMap(([name, v]) => (Array.isArray(v) ? v.map((item) => [name, item] as const) : [[name, v] as const]))
    .map(([name, v]) =>
      v !== null && typeof v === "object"
        ? `${indent}<${name}>\n${xmlElements(v as Record<string, unknown>, `${indent}  `)}${indent}</${name}>\n`
        : `${indent}<${name}>${xmlText(v)}</${name}>\n`,
    )
    .join("");
}

/**
 * The hub's own scalars the kind's columns use, each with its description: how a value may be written and how it is
 * normalised (a country as "NL" or "NLD", a phone with spaces, …), which the type column alone does not say.
 */
function valueTypesMarkdown(rowType: GraphQLInputObjectType, kind: ImportKind): string[] {
  const scalars = new Map<string, string>();
  for (const field of templateFields(rowType, kind)) {
    const named = getNamedType(fieldType(rowType, field.path));
    if (isScalarType(named) && !isSpecifiedScalarType(named) && named.description) scalars.set(named.name, named.description.replace(/\n/g, " "));
  }
  if (scalars.size === 0) return [];
  const sorted = [...scalars].sort(([a], [b]) => a.localeCompare(b));
  return ["## Value types", "", ...sorted.map(([name, description]) => `- \`${name}\`: ${description}`), ""];
}

/** The field list of a kind as a Markdown table (what the templates' columns mean), then how its value types are written. */
export function fieldsMarkdown(rowType: GraphQLInputObjectType, kind: ImportKind): string {
  const rows = templateFields(rowType, kind).map(
    (f) => `| \`${f.path}\` | ${f.type.replace(/\|/g, "\\|")} | ${f.required ? "yes" : ""} | ${f.description.replace(/\|/g, "\\|").replace(/\n/g, " ")} |`,
  );
  return [
    `# Import: ${kind.name}`,
    "",
    kind.description,
    "",
    `XML: \`<${kind.xml.root}>\` holding one \`<${kind.xml.record}>\` per record; JSON: an array of records; NDJSON: one record per line.`,
    "CSV/XLSX: one record per row; list entries as indexed columns (`goods[1].hsCode`, add more as needed); lists of values in one cell, separated by `;`.",
    "A field marked required must be given whenever the object it belongs to is.",
    "",
    "| column / field path | type | required | description |",
    "|---|---|---|---|",
    ...rows,
    "",
    ...valueTypesMarkdown(rowType, kind),
  ].join("\n");
}

/** A template file of a kind in a format: the columns (or elements) with one example record. */
export async function templateFile(rowType: GraphQLInputObjectType, kind: ImportKind, format: ImportFormat): Promise<Buffer> {
  switch (format) {
    case "csv": {
      const row = exampleRow(rowType, kind);
      return Buffer.from(`${row.map(([f]) => csvCell(f.path)).join(",")}\r\n${row.map(([, v]) => csvCell(v)).join(",")}\r\n`);
    }
    case "xlsx": {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet(kind.name);
      const row = exampleRow(rowType, kind);
      sheet.addRow(row.map(([f]) => f.path));
      sheet.addRow(row.map(([, v]) => v ?? null));
      sheet.getRow(1).font = { bold: true };
      const fields = workbook.addWorksheet("fields");
      fields.addRow(["column", "type", "required", "description"]);
      for (const f of templateFields(rowType, kind)) fields.addRow([f.path, f.type, f.required ? "yes" : "", f.description]);
      return Buffer.from(await workbook.xlsx.writeBuffer());
    }
    case "xml":
      return Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?>\n<${kind.xml.root}>\n  <${kind.xml.record}>\n${xmlElements(exampleRecord(rowType, kind), "    ")}  </${kind.xml.record}>\n</${kind.xml.root}>\n`,
      );
    case "json":
      return Buffer.from(`${JSON.stringify([exampleRecord(rowType, kind)], null, 2)}\n`);
    case "ndjson":
      return Buffer.from(`${JSON.stringify(exampleRecord(rowType, kind))}\n`);
  }
}
