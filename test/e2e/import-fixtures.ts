import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import {
  createLogger,
  Database,
  flatten,
  loadSecrets,
  localImportServices,
  type ImportFormat,
  type ImportJobRecord,
  type ImportService,
  type StartOptions,
} from "@cix/core";
import { ecommerceImportKinds, ecommerceSubgraph } from "@cix/subgraph-ecommerce";
import { entitiesImportKinds, entitiesSubgraph } from "@cix/subgraph-entities";
import { seizuresImportKinds, seizuresSubgraph } from "@cix/subgraph-seizures";
import { testConfig } from "../support/stack.js";

/** Import files and an in-process importer (the engine the CLI uses) for the import tests. */

export type Rec = Record<string, unknown>;

/** A valid seizure row (nested, as in JSON); `overrides` replace top-level fields. */
export function seizureRecord(caseNumber: string, overrides: Rec = {}): Rec {
  return {
    caseNumber,
    seizedAt: "2024-03-15T14:30:00Z",
    placeLocode: "NLRTM",
    commodity: "DRUGS",
    goods: [{ hsCode: "120400", description: "Cocaine hydrochloride", quantity: 12.5, unit: "KG", estimatedValue: 400000, currency: "EUR" }],
    conveyance: { mode: "SEA", voyageNumber: `V-${caseNumber}` },
    route: [
      { seq: 1, role: "DEPARTURE", locode: "COBUN" },
      { seq: 2, role: "DESTINATION", locode: "NLRTM" },
    ],
    concealment: { method: "CONTAINER", description: "Rip-on/rip-off" },
    ...overrides,
  };
}

/** Flat columns of nested records: `goods[0].hsCode`, lists of values as `;`-joined cells. */
export function flatRows(records: readonly Rec[]): { header: string[]; rows: Array<Record<string, unknown>> } {
  const rows = records.map((r) => {
    const flat = flatten(r);
    const out: Record<string, unknown> = {};
    for (const [path, value] of flat) {
      const list = /^(.*)\[(\d+)\]$/.exec(path);
      // A list of values (e.g. phones[0], phones[1]) becomes one cell; lists of objects keep their indexed columns.
      if (list && !list[1]!.includes("[") && typeof value !== "object") out[list[1]!] = out[list[1]!] === undefined ? String(value) : `${String(out[list[1]!])};${String(value)}`;
      else out[path] = value;
    }
    return out;
  });
  const header = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return { header, rows };
}

const csvCell = (v: unknown) => {
  const t = v === undefined || v === null ? "" : String(v);
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
};

export function toCsv(records: readonly Rec[]): string {
  const { header, rows } = flatRows(records);
  return [header.map(csvCell).join(","), ...rows.map((r) => header.map((h) => csvCell(r[h])).join(","))].join("\r\n") + "\r\n";
}

export async function toXlsx(records: readonly Rec[]): Promise<Buffer> {
  const { header, rows } = flatRows(records);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("records");
  sheet.addRow(header);
  for (const r of rows) sheet.addRow(header.map((h) => r[h] ?? null));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const xmlText = (v: unknown) => String(v).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
function xmlElements(value: Rec): string {
  return Object.entries(value)
    .flatMap(([name, v]) => (Array.isArray(v) ? v.map((item) => [name, item] as const) : [[name, v] as const]))
    .map(([name, v]) => (v !== null && typeof v === "object" ? `<${name}>${xmlElements(v as Rec)}</${name}>` : `<${name}>${xmlText(v)}</${name}>`))
    .join("");
}

export function toXml(root: string, record: string, records: readonly Rec[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}>\n${records.map((r) => `  <${record}>${xmlElements(r)}</${record}>\n`).join("")}</${root}>\n`;
}

export const XML_ELEMENTS: Record<string, [string, string]> = {
  seizures: ["seizures", "seizure"],
  persons: ["persons", "person"],
  companies: ["companies", "company"],
  orders: ["orders", "order"],
  payments: ["payments", "payment"],
  shipments: ["shipments", "shipment"],
  associations: ["associations", "association"],
  "company-roles": ["companyRoles", "companyRole"],
};

/** A temp folder for files and the helpers that write records there in each format. */
export async function fileFolder() {
  const dir = await mkdtemp(join(tmpdir(), "cix-import-"));
  let n = 0;
  const write = async (kind: string, format: ImportFormat, records: readonly Rec[]): Promise<string> => {
    const file = join(dir, `${kind}-${++n}.${format}`);
    const [root, element] = XML_ELEMENTS[kind]!;
    const content =
      format === "csv"
        ? toCsv(records)
        : format === "xlsx"
          ? await toXlsx(records)
          : format === "xml"
            ? toXml(root, element, records)
            : format === "json"
              ? JSON.stringify(records)
              : records.map((r) => JSON.stringify(r)).join("\n") + "\n";
    await writeFile(file, content);
    return file;
  };
  return { dir, write, raw: async (name: string, content: string | Buffer) => (await writeFile(join(dir, name), content), join(dir, name)), remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface LocalImporter {
  db: Database;
  services: Map<string, ImportService>;
  run(
    kind: string,
    file: string,
    options: { agency: string; format?: ImportFormat; dryRun?: boolean; lenient?: boolean; resume?: string; mapping?: import("@cix/core").ColumnMapping; start?: Partial<StartOptions> },
  ): Promise<ImportJobRecord>;
  close(): Promise<void>;
}

/** The import engine in this process, straight on the test Neo4j (what `npm run import` runs). */
export async function localImporter(): Promise<LocalImporter> {
  const config = testConfig();
  const db = Database.connect(config, "import-test");
  const services = await localImportServices({
    db,
    config,
    log: createLogger("import-test", "silent"),
    auditKey: loadSecrets(config).auditKey,
    subgraphs: [
      { def: seizuresSubgraph, kinds: seizuresImportKinds },
      { def: entitiesSubgraph, kinds: entitiesImportKinds },
      { def: ecommerceSubgraph, kinds: ecommerceImportKinds },
    ],
  });
  return {
    db,
    services,
    async run(kindName, file, options) {
      const service = services.get(kindName)!;
      const kind = service.kind(kindName)!;
      const format = options.format ?? (file.split(".").pop() as ImportFormat);
      const { done } = await service.start(
        {
          kind,
          format,
          file,
          fileName: file.split("/").pop(),
          mapping: options.mapping ?? null,
          dryRun: options.dryRun ?? false,
          lenient: options.lenient ?? false,
          agency: options.agency,
          country: options.agency.slice(0, 2),
          createdBy: "test",
          resumeJobId: options.resume ?? null,
        },
        { roles: ["investigator"], requestId: "test", ...options.start },
      );
      return done;
    },
    close: () => db.close(),
  };
}

/** Deletes the import jobs, their errors and accepted rows, and the quality flags of an agency (records: deleteAgencyRecords). */
export async function deleteImportData(db: Database, agency: string): Promise<void> {
  await db.write("MATCH (:Seizure { ownerAgency: $agency })-[:FLAGGED]->(f:QualityFlag) DETACH DELETE f", { agency });
  await db.write(
    `MATCH (j:ImportJob { ownerAgency: $agency })
     OPTIONAL MATCH (e:ImportRowError|ImportRowWarning|ImportAcceptedRows { jobId: j.id })
     DETACH DELETE e, j`,
    { agency },
  );
}
