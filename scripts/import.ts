// `npm run import -- <kind> <file> [--format F] [--mapping m.json] [--dry-run] [--lenient] [--agency X] [--country CC] [--resume <jobId>] [--report out.csv]`
// `npm run import -- --template <kind|all> [--format csv|xlsx|xml|json|ndjson|md] [--out <file or folder>]`
// Imports a file of records straight into Neo4j with the hub's own validation and upserts (the same engine as
// POST /import/<kind> on the gateway), showing a progress bar and a summary. An operator's tool: it writes as
// --agency; partner systems use the authenticated HTTP endpoint.
import { randomUUID } from "node:crypto";
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { createWriteStream } from "node:fs";
import { basename, join } from "node:path";
import { userInfo } from "node:os";
import {
  buildFederatedSchema,
  parseCommandLine,
  ColumnMapping,
  countryCodeSpec,
  createLogger,
  Database,
  describeDatabase,
  fieldsMarkdown,
  formatOfFileName,
  ImportRequestError,
  importRowType,
  configuredCodeListsDir,
  initCodeLists,
  isImportFormat,
  loadConfig,
  loadSecrets,
  localImportServices,
  ProgressBar,
  templateFile,
  writeCsvReport,
  type ImportFormat,
  type ImportJobRecord,
} from "@cix/core";
import { ecommerceImportKinds, ecommerceSubgraph } from "@cix/subgraph-ecommerce";
import { entitiesImportKinds, entitiesSubgraph } from "@cix/subgraph-entities";
import { seizuresImportKinds, seizuresSubgraph } from "@cix/subgraph-seizures";
import { countLines } from "./import-lines.js";

const USAGE = `usage:
  npm run import -- <kind> <file> [--format csv|xlsx|xml|json|ndjson] [--mapping m.json] [--dry-run] [--lenient]
                    [--agency NL-CUSTOMS] [--country NL] [--resume <jobId>] [--report errors.csv]
  npm run import -- --template <kind|all> [--format csv|xlsx|xml|json|ndjson|md] [--out file-or-folder]
kinds: seizures, persons, companies, associations, company-roles, orders, payments, shipments`;

const SUBGRAPHS = [
  { def: seizuresSubgraph, kinds: seizuresImportKinds },
  { def: entitiesSubgraph, kinds: entitiesImportKinds },
  { def: ecommerceSubgraph, kinds: ecommerceImportKinds },
];

const { values, positionals } = parseCommandLine({
  allowPositionals: true,
  options: {
    format: { type: "string" },
    mapping: { type: "string" },
    "dry-run": { type: "boolean", default: false },
    lenient: { type: "boolean", default: false },
    agency: { type: "string", default: process.env.CIX_IMPORT_AGENCY },
    country: { type: "string" },
    resume: { type: "string" },
    report: { type: "string" },
    template: { type: "string" },
    out: { type: "string" },
  },
}, USAGE);

function fail(message: string, code = 2): never {
  console.error(`npm run import: ${message}`);
  process.exit(code);
}


const config = loadConfig();
initCodeLists(configuredCodeListsDir(config));
const log = createLogger("import", process.env.LOG_LEVEL ?? "warn");

if (values.template) await templates(values.template, values.format ?? "csv", values.out);
else await runImport();

/** Writes the template of one kind (or of all kinds into a folder). */
async function templates(which: string, format: string, out: string | undefined): Promise<void> {
  const all = SUBGRAPHS.flatMap((s) => s.kinds.map((kind) => ({ kind, def: s.def })));
  const chosen = which === "all" ? all : all.filter((k) => k.kind.name === which);
  if (chosen.length === 0) fail(`unknown kind "${which}"\n${USAGE}`);
  if (format !== "md" && !isImportFormat(format)) fail(`unknown template format "${format}"\n${USAGE}`);
  for (const { kind, def } of chosen) {
    const rowType = importRowType(await buildFederatedSchema(def), kind);
    const content = format === "md" ? Buffer.from(fieldsMarkdown(rowType, kind)) : await templateFile(rowType, kind, format as ImportFormat);
    if (which === "all" || (out && !/\.[a-z]+$/.test(out))) {
      const dir = out ?? ".";
      await mkdir(dir, { recursive: true });
      const file = join(dir, `${kind.name}.${format}`);
      await writeFile(file, content);
      console.error(`wrote ${file}`);
    } else if (out) {
      await writeFile(out, content);
      console.error(`wrote ${out}`);
    } else {
      process.stdout.write(content);
    }
  }
}

async function runImport(): Promise<void> {
  const [kindName, file] = positionals;
  if (!kindName || !file) fail(USAGE);
  const agency = values.agency?.trim().toUpperCase();
  if (!agency || !/^[A-Z0-9][A-Z0-9_-]{1,63}$/.test(agency)) fail("--agency is required: the code of the agency that owns the records, e.g. NL-CUSTOMS");
  const countryInput = values.country ?? agency.slice(0, 2);
  const country = countryCodeSpec.check(countryInput);
  if (!country.ok) fail(`--country: "${countryInput}" is not an ISO 3166 country code (the agency's country)`);
  const format = values.format ?? formatOfFileName(file);
  if (!format || !isImportFormat(format)) fail(`cannot tell the format of ${file}: name it .csv, .xlsx, .xml, .json or .ndjson, or pass --format`);
  let mapping: ColumnMapping | null = null;
  if (values.mapping) {
    try {
      mapping = ColumnMapping.parse(await readFile(values.mapping, "utf8"));
    } catch (error) {
      fail(`--mapping ${values.mapping}: ${(error as Error).message}`);
    }
  }

  console.error(`import${values["dry-run"] ? " (dry run: nothing stored)" : ""}: ${kindName} of ${agency} from ${file} into ${describeDatabase(config)}`);
  const db = Database.connect(config, "import");
  const controller = new AbortController();
  process.once("SIGINT", () => {
    console.error("\nStopping after the current batch (Ctrl-C again to abort at once)…");
    controller.abort();
    process.once("SIGINT", () => process.exit(130));
  });
  try {
    const services = await localImportServices({ db, config, log, auditKey: loadSecrets(config).auditKey, subgraphs: SUBGRAPHS });
    const service = services.get(kindName);
    const kind = service?.kind(kindName);
    if (!service || !kind) fail(`unknown kind "${kindName}"\n${USAGE}`);
    const total = format === "csv" ? Math.max(0, (await countLines(file)) - 1) : format === "ndjson" ? await countLines(file) : undefined;
    const bar = new ProgressBar(`${kindName} ${values["dry-run"] ? "(dry run) " : ""}`);
    const started = Date.now();
    const stopAfter = process.env.CIX_IMPORT_STOP_AFTER_ROWS ? Number(process.env.CIX_IMPORT_STOP_AFTER_ROWS) : undefined;
    const { job, done } = await service.start(
      {
        kind,
        format,
        file,
        fileName: basename(file),
        mapping,
        dryRun: values["dry-run"],
        lenient: values.lenient,
        agency,
        country: country.value,
        createdBy: `cli:${userInfo().username}`,
        resumeJobId: values.resume ?? null,
      },
      {
        roles: ["operator"],
        requestId: randomUUID(),
        signal: controller.signal,
        stopAfterRows: stopAfter,
        onProgress: (p) => bar.update({ done: p.totalRows, total, counts: { accepted: p.accepted, rejected: p.rejected, flagged: p.flagged } }),
      },
    );
    console.error(`import job ${job.id}${values.resume ? " (resumed)" : ""}`);
    const finished = await done;
    bar.stop();
    await summary(finished, Date.now() - started, service.store);
    process.exitCode = finished.status === "COMPLETED" ? 0 : finished.status === "INTERRUPTED" ? 3 : 1;
  } catch (error) {
    if (error instanceof ImportRequestError) fail(error.message, 1);
    throw error;
  } finally {
    await db.close();
  }
}

async function summary(job: ImportJobRecord, ms: number, store: Parameters<typeof writeCsvReport>[1]): Promise<void> {
  const seconds = ms / 1000;
  console.log(
    JSON.stringify({
      jobId: job.id,
      kind: job.kind,
      status: job.status,
      dryRun: job.dryRun,
      lenient: job.lenient,
      totalRows: job.totalRows,
      accepted: job.accepted,
      created: job.created,
      updated: job.updated,
      merged: job.merged,
      rejected: job.rejected,
      flagged: job.flagged,
      warned: job.warned,
      errors: job.errorCount,
      warnings: job.warningCount,
      seconds: Number(seconds.toFixed(1)),
      rowsPerSecond: Math.round(job.totalRows / Math.max(seconds, 0.001)),
      message: job.message,
    }),
  );
  if (job.status === "INTERRUPTED") console.error(`resume with: npm run import -- ${job.kind} <the same file> --agency ${job.ownerAgency} --resume ${job.id}`);
  if (values.report) {
    const out = createWriteStream(values.report);
    await writeCsvReport(out, store, job, { warnings: job.warningCount > 0 });
    await new Promise<void>((resolve) => out.end(resolve));
    console.error(`report: ${values.report}`);
  } else if (job.errorCount > 0) {
    const first = await store.errors(job.id, 20);
    for (const e of first) console.error(`row ${e.row}${e.field ? ` ${e.field}` : ""}: ${e.code}: ${e.message}`);
    if (job.errorCount > first.length) console.error(`… ${job.errorCount - first.length} more (--report errors.csv for all)`);
  }
  if (!values.report && job.warningCount > 0) {
    const first = await store.errors(job.id, 20, 0, "warnings");
    for (const w of first) console.error(`row ${w.row} ${w.field}: WARNING ${w.code}: ${w.message}`);
    if (job.warningCount > first.length) console.error(`… ${job.warningCount - first.length} more warnings (--report report.csv for all)`);
  }
}
