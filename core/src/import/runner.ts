import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { GraphQLError, type GraphQLInputObjectType } from "graphql";
import type { Logger } from "pino";
import { Counter } from "prom-client";
import { ErrorCode } from "../errors.js";
import { coerceRow, rowErrorFromValidation } from "./coerce.js";
import { mayLeaveOut } from "./leave-out.js";
import { ImportJobLostError, type BatchCheckpoint, type ImportJobRecord, type ImportJobStore } from "./job-store.js";
import { ColumnMapping } from "./mapping.js";
import { flatten } from "./paths.js";
import { FileRejectedError, readRecords } from "./readers/index.js";
import { shapeRecord } from "./shape.js";
import type { AcceptedRow, CoercedRow, ImportFormat, ImportKind, ImportWriter, PreparedRow, RowError, SourceRecord, WriteOutcome } from "./types.js";

const importRows = new Counter({
  name: "cix_import_rows_total",
  help: "Import rows committed, by kind and outcome (accepted, rejected; flagged counts accepted rows with quality flags) and dry run",
  labelNames: ["kind", "outcome", "dry_run"] as const,
});

/** Counts of a job so far. */
export interface ImportProgress {
  jobId: string;
  totalRows: number;
  accepted: number;
  rejected: number;
  flagged: number;
  /** Accepted rows by what they did to the hub (see `WriteCounts`), and rows stored without a value (lenient). */
  created: number;
  updated: number;
  merged: number;
  warned: number;
  checkpointRow: number;
}

/**
 * What the accepted rows did, so counts reconcile with the file: accepted = created + updated + merged.
 * - created: the row's record was not in the hub before the job;
 * - updated: it was (an earlier import, a mutation), and this row replaced it;
 * - merged: an earlier row of the same job had written it already (its natural key repeats in the file), so the
 *   row changed a record the job had counted already.
 * A dry run stores nothing and counts none of them; kinds that only link records (associations, company roles)
 * may not tell, and their rows then count in none either.
 */
export interface WriteCounts {
  created: number;
  updated: number;
  merged: number;
}

export interface ImportJobRequest {
  kind: ImportKind;
  format: ImportFormat;
  /** The file to read (uploads are spooled to a file first). */
  file: string;
  fileName?: string | null;
  mapping?: ColumnMapping | null;
  dryRun?: boolean;
  /**
   * Lenient import: an optional value that fails its check is left out and the row stored without it, with a
   * warning in the report (never silently). A resume keeps the setting the job started with.
   */
  lenient?: boolean;
  agency: string;
  country: string;
  /** Who started it: the token subject, or `cli:<user>`. */
  createdBy: string;
  /** Continue this job after its checkpoint instead of starting a new one. */
  resumeJobId?: string | null;
  /** The upload's name in CIX_IMPORT_DIR (HTTP), kept on the job so a subgraph can resume it if this process dies. */
  spoolFile?: string | null;
  /** A subgraph resuming, by itself, a job whose process died (keeps the job's spool file). */
  recovery?: boolean;
}

export interface ImportRunOptions {
  rowType: GraphQLInputObjectType;
  writer: Omit<ImportWriter, "source">;
  store: ImportJobStore;
  batchSize: number;
  /** Batches written at once (default 1); checkpoints stay in file order. */
  concurrency?: number;
  maxRecordBytes: number;
  log?: Pick<Logger, "info" | "warn" | "error">;
  onProgress?: (progress: ImportProgress) => void;
  /** Stops the job (INTERRUPTED, resumable) once this many rows have been committed: the interruption hook of tests. */
  stopAfterRows?: number;
  /** Stops the job (INTERRUPTED, resumable): the CLI's Ctrl-C. */
  signal?: AbortSignal;
  /**
   * The process is shutting down: the batches in flight are committed, then the job is handed back unfinished
   * (`ImportJobStore.release`) for the next subgraph process to resume by itself.
   */
  handOverOn?: AbortSignal;
}

/** A problem with the request itself (wrong file for a resume, unknown job): nothing was imported. */
export class ImportRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportRequestError";
  }
}

/** SHA-256 (hex) and size of a file, streamed. */
export async function hashFile(file: string): Promise<{ hash: string; bytes: number }> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return { hash: hash.digest("hex"), bytes: (await stat(file)).size };
}

/**
 * Creates the job for a request, or checks that a resume presents the same file, kind and agency as the job it
 * continues. Returns the job to run and the mapping to apply (a resume without a mapping reuses the job's).
 */
export async function openImportJob(
  store: ImportJobStore,
  request: ImportJobRequest,
  fileHash: { hash: string; bytes: number },
): Promise<{ job: ImportJobRecord; mapping: ColumnMapping; previousSpoolFile?: string | null }> {
  if (request.resumeJobId) {
    const job = await store.get(request.resumeJobId);
    if (!job || job.ownerAgency !== request.agency) throw new ImportRequestError(`There is no import job ${request.resumeJobId} of ${request.agency} to resume.`);
    if (job.kind !== request.kind.name) throw new ImportRequestError(`Job ${job.id} imports ${job.kind}, not ${request.kind.name}.`);
    if (job.fileHash !== fileHash.hash) {
      throw new ImportRequestError(`Job ${job.id} read another file (SHA-256 ${job.fileHash.slice(0, 12)}…, this one is ${fileHash.hash.slice(0, 12)}…): a resume needs the same file.`);
    }
    const mapping = request.mapping ?? ColumnMapping.parse(job.mapping ?? "{}");
    if (job.status === "COMPLETED") return { job, mapping };
    const claim = await store.claim(job.id, request.recovery ? { recovery: true } : { spoolFile: request.spoolFile ?? null });
    if ("busy" in claim) {
      throw new ImportRequestError(
        `Job ${job.id} is still running (last heartbeat ${claim.busy.heartbeatAt ?? claim.busy.startedAt}): it is resumed only once it has stopped.`,
      );
    }
    return { job: claim.job, mapping, previousSpoolFile: claim.previousSpoolFile };
  }
  const mapping = request.mapping ?? new ColumnMapping();
  const job = await store.create({
    id: randomUUID(),
    kind: request.kind.name,
    format: request.format,
    ownerAgency: request.agency,
    createdBy: request.createdBy,
    fileName: request.fileName ?? null,
    fileHash: fileHash.hash,
    fileBytes: fileHash.bytes,
    dryRun: request.dryRun ?? false,
    lenient: request.lenient ?? false,
    mapping: mappingJson(request.mapping),
    country: request.country,
    spoolFile: request.spoolFile ?? null,
    keyFields: request.kind.naturalKey?.fields ?? [],
  });
  return { job, mapping };
}

function mappingJson(mapping: ColumnMapping | null | undefined): string | null {
  return mapping && mapping.size > 0 ? JSON.stringify(mapping.spec) : null;
}

/** Columns of a flat file's header that are not fields of the kind (after the mapping): the file is refused up front. */
function unknownColumns(header: readonly string[], mapping: ColumnMapping, rowType: GraphQLInputObjectType): string[] {
  const probe = new Map<string, unknown>();
  for (const column of header) if (column !== "") probe.set(column, "x");
  const mapped = mapping.apply(probe);
  const { errors } = shapeRecord(mapped, rowType, true);
  const unknown = new Set(errors.filter((e) => e.code === "UNKNOWN_FIELD").map((e) => e.field));
  return header.filter((column) => {
    const target = mapping.target(column);
    return target !== null && unknown.has(target);
  });
}

/** Neo4j errors that say the database, not the row, failed: the batch is retried on resume instead of rejected. */
function isOutage(error: unknown): boolean {
  const e = error as { code?: string; name?: string };
  return (
    typeof e?.code === "string" &&
    (e.code.startsWith("Neo.TransientError") || e.code === "ServiceUnavailable" || e.code === "SessionExpired")
  );
}

/** Why a valid record could not be stored, in words fit for the sender's report (no database internals). */
function writeError(error: unknown): Omit<RowError, "row"> {
  if (error instanceof GraphQLError && error.extensions?.code === ErrorCode.BAD_USER_INPUT) return rowErrorFromValidation(error);
  const code = (error as { code?: string })?.code;
  if (code === "Neo.ClientError.Schema.ConstraintValidationFailed") {
    return { field: "", code: "WRITE_FAILED", message: "The record conflicts with a stored record (a unique key is taken); it was not stored." };
  }
  return { field: "", code: "WRITE_FAILED", message: "The record could not be stored (database error); it was not stored." };
}

/**
 * Runs (or resumes) an import job: reads the file record by record, maps columns, shapes and coerces each row
 * through the mutation's GraphQL input type, lets the kind resolve references and run the mutation's validation,
 * and stores the valid rows `batchSize` at a time in one transaction each (a failing batch is retried row by row,
 * so one bad row never takes good ones with it). After each batch the counts, the row errors and the checkpoint
 * (the batch's last row) are committed together; a resume skips the rows up to the checkpoint. Re-running rows
 * is harmless: the upserts are idempotent on the records' natural keys. While it runs, the job's heartbeat says this
 * process is alive; if another process took the job over meanwhile (this one was silent too long), this one stops
 * without counting or finishing anything.
 */
export async function runImportJob(job: ImportJobRecord, request: ImportJobRequest, mapping: ColumnMapping, options: ImportRunOptions): Promise<ImportJobRecord> {
  const { store, rowType } = options;
  const { kind } = request;
  const writer: ImportWriter = { ...options.writer, source: `import:${job.id}` };
  const dryRun = job.dryRun;
  if (job.status === "COMPLETED") return job;
  const progress: ImportProgress = {
    jobId: job.id,
    totalRows: job.totalRows,
    accepted: job.accepted,
    rejected: job.rejected,
    flagged: job.flagged,
    created: job.created,
    updated: job.updated,
    merged: job.merged,
    warned: job.warned,
    checkpointRow: job.checkpointRow,
  };
  const skipUpTo = job.checkpointRow;
  let lost = false;
  const stopBeating = store.keepAlive(
    job.id,
    () => (lost = true),
    (error) => options.log?.warn({ jobId: job.id, err: error }, "import job heartbeat failed"),
  );
  let headerChecked = false;
  let batch: SourceRecord[] = [];

  const writeValid = async (items: Array<{ row: number; valid: unknown }>): Promise<Array<{ row: number; outcome?: WriteOutcome; error?: Omit<RowError, "row"> }>> => {
    if (dryRun || items.length === 0) return items.map((i) => ({ row: i.row, outcome: { id: "", flags: 0 } }));
    try {
      const outcomes = await kind.writeBatch(items.map((i) => i.valid), writer);
      return items.map((i, n) => ({ row: i.row, outcome: outcomes[n]! }));
    } catch (error) {
      if (isOutage(error)) throw error;
      if (items.length === 1) return [{ row: items[0]!.row, error: writeError(error) }];
      options.log?.warn({ jobId: job.id, rows: items.length, err: error }, "import batch failed; retrying its rows one by one");
    }
    const results: Array<{ row: number; outcome?: WriteOutcome; error?: Omit<RowError, "row"> }> = [];
    for (const item of items) {
      try {
        results.push({ row: item.row, outcome: (await kind.writeBatch([item.valid], writer))[0]! });
      } catch (error) {
        if (isOutage(error)) throw error;
        options.log?.warn({ jobId: job.id, row: item.row, err: error }, "import row could not be stored");
        results.push({ row: item.row, error: writeError(error) });
      }
    }
    return results;
  };

  /**
   * The kind's references and validation for a batch. Rows with errors already found go along so that their other
   * errors are found too; if the kind cannot cope with one of them (an incomplete row), the clean rows are prepared
   * on their own and each incomplete row alone, keeping the errors it has.
   */
  const prepare = async (rows: CoercedRow[]): Promise<Array<PreparedRow<unknown>>> => {
    if (rows.length === 0) return [];
    try {
      return await kind.prepare(rows, writer);
    } catch (error) {
      const incomplete = rows.filter((r) => (r.known?.length ?? 0) > 0);
      if (isOutage(error) || incomplete.length === 0) throw error;
      const prepared: Array<PreparedRow<unknown>> = incomplete.length < rows.length ? await kind.prepare(rows.filter((r) => !r.known?.length), writer) : [];
      for (const row of incomplete) {
        try {
          prepared.push(...(await kind.prepare([row], writer)));
        } catch (rowError) {
          if (isOutage(rowError)) throw rowError;
          prepared.push({ row: row.row, errors: [] });
        }
      }
      return prepared;
    }
  };

  const keyFields = kind.naturalKey?.fields ?? [];
  const leftOutWarning = (e: Omit<RowError, "row">): Omit<RowError, "row"> => ({
    ...e,
    message: `${e.message} The value was left out and the row stored without it (lenient import).`,
  });

  /** Validates and stores one batch; its checkpoint is committed later, in file order (see `commitOldest`). */
  const processBatch = async (records: SourceRecord[]): Promise<BatchCheckpoint> => {
    const errors: RowError[] = [];
    // A lenient import's warnings, by row: a row whose write fails takes them with it (it is reported as rejected).
    const warningsByRow = new Map<number, RowError[]>();
    const rejectedRows = new Set<number>();
    const coerced: CoercedRow[] = [];
    for (const record of records) {
      if (record.error) {
        errors.push({ row: record.row, ...record.error });
        rejectedRows.add(record.row);
        continue;
      }
      const mapped = mapping.mapRecord(flatten(record.value));
      const shaped = shapeRecord(mapped.leaves, rowType, record.textual, mapping);
      const coercion = coerceRow(shaped.input, rowType);
      const found = [...mapped.errors, ...shaped.errors];
      const known = [...found, ...coercion.errors.filter((e) => !found.some((s) => s.field === e.field))];
      coerced.push({ row: record.row, input: coercion.partial.value, known, rowPath: coercion.partial.rowPath });
    }
    const knownByRow = new Map(coerced.map((c) => [c.row, c.known ?? []]));
    const valid: Array<{ row: number; valid: unknown }> = [];
    for (const p of await prepare(coerced)) {
      const rowErrors = [...(knownByRow.get(p.row) ?? []), ...(p.errors ?? [])];
      const stored = "valid" in p && (rowErrors.length === 0 || (job.lenient && rowErrors.every((e) => mayLeaveOut(rowType, keyFields, e))));
      if (stored) {
        valid.push({ row: p.row, valid: p.valid });
        if (rowErrors.length > 0) warningsByRow.set(p.row, rowErrors.map((e) => ({ row: p.row, ...leftOutWarning(e) })));
      } else {
        for (const e of rowErrors) errors.push({ row: p.row, ...e });
        rejectedRows.add(p.row);
      }
    }
    let accepted = 0;
    let flagged = 0;
    const counts: WriteCounts = { created: 0, updated: 0, merged: 0 };
    const writtenIds = new Set<string>();
    const acceptedRows: AcceptedRow[] = [];
    const validByRow = new Map(valid.map((v) => [v.row, v.valid]));
    for (const result of await writeValid(valid)) {
      if (result.error) {
        errors.push({ row: result.row, ...result.error });
        rejectedRows.add(result.row);
        warningsByRow.delete(result.row);
      } else {
        accepted++;
        if ((result.outcome?.flags ?? 0) > 0) flagged++;
        const outcome = result.outcome;
        if (outcome && !dryRun && outcome.created !== undefined) {
          // Rows are matched to their records by id, so a key repeated within the batch counts as merged too.
          if (writtenIds.has(outcome.id) || outcome.previousSource === writer.source) counts.merged++;
          else if (outcome.created) counts.created++;
          else counts.updated++;
          writtenIds.add(outcome.id);
        }
        // The mapping the sender keeps: its row and natural key → the hub id (a dry run stores nothing, so has no id).
        if (kind.naturalKey && result.outcome && !dryRun) {
          acceptedRows.push({ row: result.row, id: result.outcome.id, key: kind.naturalKey.of(validByRow.get(result.row)) });
        }
      }
    }
    errors.sort((a, b) => a.row - b.row);
    const warnings = [...warningsByRow.values()].flat().sort((a, b) => a.row - b.row);
    return {
      lastRow: records[records.length - 1]!.row,
      rows: records.length,
      accepted,
      rejected: rejectedRows.size,
      flagged,
      ...counts,
      warned: warningsByRow.size,
      errors,
      warnings,
      acceptedRows,
    };
  };

  // Up to `concurrency` batches are written at once (the writes wait on Neo4j round trips, not on this process);
  // checkpoints are committed strictly in file order, so a checkpoint never covers a batch that is not stored.
  const inFlight: Array<Promise<BatchCheckpoint>> = [];
  const commitOldest = async () => {
    const done = await inFlight.shift()!;
    await store.checkpoint(job.id, done);
    const labels = { kind: job.kind, dry_run: String(job.dryRun) };
    importRows.inc({ ...labels, outcome: "accepted" }, done.accepted);
    importRows.inc({ ...labels, outcome: "rejected" }, done.rejected);
    importRows.inc({ ...labels, outcome: "flagged" }, done.flagged);
    progress.totalRows += done.rows;
    progress.accepted += done.accepted;
    progress.rejected += done.rejected;
    progress.flagged += done.flagged;
    progress.created += done.created ?? 0;
    progress.updated += done.updated ?? 0;
    progress.merged += done.merged ?? 0;
    progress.warned += done.warned ?? 0;
    progress.checkpointRow = done.lastRow;
    options.onProgress?.({ ...progress });
  };
  const drain = async () => {
    while (inFlight.length > 0) await commitOldest();
  };
  const flush = async () => {
    if (batch.length > 0) {
      const started = processBatch(batch);
      // Marked handled at once: a failure is seen when its turn to commit comes (or in the final settle).
      started.catch(() => undefined);
      inFlight.push(started);
      batch = [];
    }
    while (inFlight.length >= Math.max(1, options.concurrency ?? 1)) await commitOldest();
  };

  const stopRequested = () =>
    options.signal?.aborted || (options.stopAfterRows !== undefined && progress.totalRows >= options.stopAfterRows);

  try {
    const records = readRecords(request.file, request.format, { maxRecordBytes: options.maxRecordBytes });
    try {
      for await (const record of records) {
        if (lost) throw new ImportJobLostError(job.id);
        if (!headerChecked && record.header) {
          headerChecked = true;
          const unknown = unknownColumns(record.header, mapping, rowType);
          if (unknown.length > 0) {
            const message =
              `Unknown column${unknown.length > 1 ? "s" : ""} ${unknown.map((c) => `"${c}"`).join(", ")}: not a field of ${kind.name}. ` +
              "Rename them to the template's column names, map them with a column mapping, or map them to null to ignore them.";
            await store.addError(job.id, { row: 1, field: unknown[0]!, code: "FILE_REJECTED", message });
            return await store.finish(job.id, "FAILED", message);
          }
        }
        if (record.row <= skipUpTo) continue;
        batch.push(record);
        if (batch.length >= options.batchSize) {
          await flush();
          if (options.handOverOn?.aborted) {
            await drain();
            return await store.release(job.id);
          }
          if (stopRequested()) {
            await drain();
            return await store.finish(job.id, "INTERRUPTED", `Stopped after row ${progress.checkpointRow}; resume the job to continue after it.`);
          }
        }
      }
      await flush();
      await drain();
    } catch (error) {
      // Batches still in flight after a failure are left uncommitted (their rows are redone, idempotently, on resume).
      if (!(error instanceof FileRejectedError)) await Promise.allSettled(inFlight.splice(0));
      if (error instanceof ImportJobLostError) {
        options.log?.warn({ jobId: job.id }, "import job taken over by another process; this one stops");
        return (await store.get(job.id))!;
      }
      if (error instanceof FileRejectedError) {
        await flush();
        await drain();
        await store.addError(job.id, { row: error.row, field: "", code: "FILE_REJECTED", message: error.message });
        return await store.finish(job.id, "FAILED", error.message);
      }
      options.log?.error({ jobId: job.id, err: error }, "import job stopped");
      const message = isOutage(error)
        ? `The database was unavailable after row ${progress.checkpointRow}; resume the job to continue after it.`
        : `The import stopped after row ${progress.checkpointRow} because of an internal error; resume the job to continue after it.`;
      return await store.finish(job.id, "INTERRUPTED", message);
    }
    return await store.finish(job.id, "COMPLETED");
  } finally {
    stopBeating();
  }
}
