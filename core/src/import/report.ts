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
    lenient: job.lenient,
    fileName: job.fileName,
    fileSha256: job.fileHash,
    totalRows: job.totalRows,
    accepted: job.accepted,
    rejected: job.rejected,
    flagged: job.flagged,
    /** accepted = created + updated + merged (see `WriteCounts`; none in a dry run). */
    created: job.created,
    updated: job.updated,
    merged: job.merged,
    /** Accepted rows stored without one or more values (lenient imports), and how many values were left out. */
    warned: job.warned,
    warningCount: job.warningCount,
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

type ReportLine = { error: StoredRowError } | { warning: StoredRowError } | { accepted: AcceptedRow };

/** Merges streams that are each in row order into one in row order (on a tie, the earlier stream first). */
async function* byRow(streams: ReadonlyArray<AsyncGenerator<ReportLine>>): AsyncGenerator<ReportLine> {
  const rowOf = (line: ReportLine) => ("accepted" in line ? line.accepted.row : "error" in line ? line.error.row : line.warning.row);
  const heads = await Promise.all(streams.map((s) => s.next()));
  for (;;) {
    let next = -1;
    heads.forEach((h, i) => {
      if (!h.done && (next < 0 || rowOf(h.value) < rowOf(heads[next]!.value as ReportLine))) next = i;
    });
    if (next < 0) return;
    yield heads[next]!.value as ReportLine;
    heads[next] = await streams[next]!.next();
  }
}

async function* tagged<T>(items: AsyncGenerator<T>, tag: (item: T) => ReportLine): AsyncGenerator<ReportLine> {
  for await (const item of items) yield tag(item);
}

/**
 * The job's report as CSV, streamed page by page from the store. By default (API 1.0) its errors only:
 * `row,field,code,message`, one line per error. Asking for more lines (`acceptedRows`, `warnings`) gives the
 * extended layout, in row order: `row,field,code,message,status,id` and the kind's natural-key columns (e.g.
 * `reference`); a rejected row has one line per error (status REJECTED); with `acceptedRows` an accepted row has one
 * line with status ACCEPTED, the hub id of the record it created or updated and its key; with `warnings` each value
 * a lenient import left out of a stored row has a line with status WARNING (its row, field, code and why).
 */
export async function writeCsvReport(
  out: Writable,
  store: ImportJobStore,
  job: ImportJobRecord,
  options: { acceptedRows?: boolean; warnings?: boolean } = {},
): Promise<void> {
  if (!options.acceptedRows && !options.warnings) {
    await write(out, "row,field,code,message\r\n");
    for await (const e of store.allErrors(job.id)) await write(out, `${[e.row, e.field, e.code, e.message].map(csvField).join(",")}\r\n`);
    return;
  }
  const noKey = job.keyFields.map(() => "");
  await write(out, `${["row", "field", "code", "message", "status", "id", ...job.keyFields].map(csvField).join(",")}\r\n`);
  const streams = [tagged(store.allErrors(job.id), (error) => ({ error }))];
  if (options.warnings) streams.push(tagged(store.allErrors(job.id, undefined, "warnings"), (warning) => ({ warning })));
  if (options.acceptedRows) streams.push(tagged(store.allAccepted(job.id), (accepted) => ({ accepted })));
  for await (const line of byRow(streams)) {
    const cells =
      "error" in line
        ? [line.error.row, line.error.field, line.error.code, line.error.message, "REJECTED", "", ...noKey]
        : "warning" in line
          ? [line.warning.row, line.warning.field, line.warning.code, line.warning.message, "WARNING", "", ...noKey]
          : [line.accepted.row, "", "", "", "ACCEPTED", line.accepted.id, ...line.accepted.key];
    await write(out, `${cells.map(csvField).join(",")}\r\n`);
  }
}

/**
 * The job's summary, errors, warnings and accepted rows as one JSON document, streamed. Each accepted row is
 * `{ row, id, key: { <natural-key field>: value } }`: the hub id of the record it created or updated. Each warning
 * is `{ row, field, code, message }`: a value a lenient import left out of a stored row, and why.
 */
export async function writeJsonReport(out: Writable, store: ImportJobStore, job: ImportJobRecord): Promise<void> {
  await write(out, `{"job":${JSON.stringify(jobSummary(job))},"errors":[`);
  let first = true;
  for await (const e of store.allErrors(job.id)) {
    await write(out, `${first ? "" : ","}\n${JSON.stringify({ row: e.row, field: e.field, code: e.code, message: e.message })}`);
    first = false;
  }
  await write(out, "\n],\"warnings\":[");
  first = true;
  for await (const w of store.allErrors(job.id, undefined, "warnings")) {
    await write(out, `${first ? "" : ","}\n${JSON.stringify({ row: w.row, field: w.field, code: w.code, message: w.message })}`);
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
