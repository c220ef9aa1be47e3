import type { Writable } from "node:stream";
import type { ImportJobRecord, ImportJobStore } from "./job-store.js";

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

/** The job's errors as CSV (`row,field,code,message`), streamed page by page from the store. */
export async function writeCsvReport(out: Writable, store: ImportJobStore, job: ImportJobRecord): Promise<void> {
  await write(out, "row,field,code,message\r\n");
  for await (const e of store.allErrors(job.id)) await write(out, `${[e.row, e.field, e.code, e.message].map(csvField).join(",")}\r\n`);
}

/** The job's summary and errors as one JSON document, streamed. */
export async function writeJsonReport(out: Writable, store: ImportJobStore, job: ImportJobRecord): Promise<void> {
  await write(out, `{"job":${JSON.stringify(jobSummary(job))},"errors":[`);
  let first = true;
  for await (const e of store.allErrors(job.id)) {
    await write(out, `${first ? "" : ","}\n${JSON.stringify({ row: e.row, field: e.field, code: e.code, message: e.message })}`);
    first = false;
  }
  await write(out, "\n]}\n");
}
