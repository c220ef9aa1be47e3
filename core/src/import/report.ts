import type { Writable } from "node:stream";
import type { ImportJobRecord, ImportJobStore, StoredRowError } from "./job-store.js";
import type { AcceptedRow } from "./types.js";

/** The job summary the reports and the GraphQL type share. */
export function jobSummary(job: ImportJobRecord) {
  return {
    id: job.id,
    kind: job.kind,
    format: job.format,
    status: job.status,
    dryRun: job.dryRun,
    fileName: job.fileName,
    fileSha256: job.fileHash,
    totalRows: job.totalRows,
    accepted: job.accepted,
    rejected: job.rejected,
    flagged: job.flagged,
    errorCount: job.errorCount,
    /** Accepted rows listed with their hub ids (fewer than `accepted` past CIX_IMPORT_MAX_ACCEPTED_IDS, none in a dry run). */
    acceptedListed: job.storedAccepted,
    checkpointRow: job.checkpointRow,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    message: job.message,
    /** When the process running it last showed it was alive, and how often a subgraph resumed it after a crash. */
    heartbeatAt: job.heartbeatAt,
    recoveries: job.recoveries,
  };
}

/** A CSV field: quoted when it holds a delimiter, quote or line break; a leading =+-@ is neutralised (CSV injection). */
function csvField(value: unknown): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
}

type ReportLine = { error: StoredRowError } | { accepted: AcceptedRow };

/** The job's errors and accepted rows as one stream in row order (both are stored in row order). */
async function* linesByRow(store: ImportJobStore, job: ImportJobRecord): AsyncGenerator<ReportLine> {
  const errors = store.allErrors(job.id);
  const accepted = store.allAccepted(job.id);
  let e = await errors.next();
  let a = await accepted.next();
  while (!e.done || !a.done) {
    if (!e.done && (a.done || e.value.row <= a.value.row)) {
      yield { error: e.value };
      e = await errors.next();
    } else if (!a.done) {
      yield { accepted: a.value };
      a = await accepted.next();
    }
  }
}

/**
 * The job's report as CSV, streamed page by page from the store. By default (API 1.0) its errors only:
 * `row,field,code,message`, one line per error. With `acceptedRows`, every row in row order:
 * `row,field,code,message,status,id` and the kind's natural-key columns (e.g. `reference`); a rejected row has one
 * line per error (status REJECTED), an accepted row one line with status ACCEPTED, the hub id of the record it
 * created or updated and its key.
 */
export async function writeCsvReport(out: Writable, store: ImportJobStore, job: ImportJobRecord, options: { acceptedRows?: boolean } = {}): Promise<void> {
  if (!options.acceptedRows) {
    await write(out, "row,field,code,message\r\n");
    for await (const e of store.allErrors(job.id)) await write(out, `${[e.row, e.field, e.code, e.message].map(csvField).join(",")}\r\n`);
    return;
  }
  const noKey = job.keyFields.map(() => "");
  await write(out, `${["row", "field", "code", "message", "status", "id", ...job.keyFields].map(csvField).join(",")}\r\n`);
  for await (const line of linesByRow(store, job)) {
    const cells =
      "error" in line
        ? [line.error.row, line.error.field, line.error.code, line.error.message, "REJECTED", "", ...noKey]
        : [line.accepted.row, "", "", "", "ACCEPTED", line.accepted.id, ...line.accepted.key];
    await write(out, `${cells.map(csvField).join(",")}\r\n`);
  }
}

/**
 * The job's summary, errors and accepted rows as one JSON document, streamed. Each accepted row is
 * `{ row, id, key: { <natural-key field>: value } }`: the hub id of the record it created or updated.
 */
export async function writeJsonReport(out: Writable, store: ImportJobStore, job: ImportJobRecord): Promise<void> {
  await write(out, `{"job":${JSON.stringify(jobSummary(job))},"errors":[`);
  let first = true;
  for await (const e of store.allErrors(job.id)) {
    await write(out, `${first ? "" : ","}\n${JSON.stringify({ row: e.row, field: e.field, code: e.code, message: e.message })}`);
    first = false;
  }
  await write(out, "\n],\"accepted\":[");
  first = true;
  for await (const a of store.allAccepted(job.id)) {
    const key = Object.fromEntries(job.keyFields.map((field, i) => [field, a.key[i] ?? null]));
    await write(out, `${first ? "" : ","}\n${JSON.stringify({ row: a.row, id: a.id, key })}`);
    first = false;
  }
  await write(out, "\n]}\n");
}
