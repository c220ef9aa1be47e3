import type { Database } from "../neo4j/database.js";
import type { ImportFormat, RowError } from "./types.js";

/** Where a job stands. RUNNING jobs whose process died stay RUNNING until resumed. */
export const IMPORT_JOB_STATUSES = ["RUNNING", "COMPLETED", "FAILED", "INTERRUPTED"] as const;
export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number];

/** An `(:ImportJob)` node: what is imported, by whom, how far it got (the checkpoint) and its counts. */
export interface ImportJobRecord {
  id: string;
  kind: string;
  format: ImportFormat;
  ownerAgency: string;
  createdBy: string;
  fileName: string | null;
  /** SHA-256 of the file, hex: a resume must present the same file. */
  fileHash: string;
  fileBytes: number;
  dryRun: boolean;
  /** The column mapping used, as JSON, or null. */
  mapping: string | null;
  status: ImportJobStatus;
  /** Records read (valid or not) up to the checkpoint. */
  totalRows: number;
  accepted: number;
  rejected: number;
  flagged: number;
  /** Row errors found (stored errors are capped; this counts them all). */
  errorCount: number;
  storedErrors: number;
  /** Row number of the last record whose batch was committed: a resume continues after it. */
  checkpointRow: number;
  startedAt: string;
  finishedAt: string | null;
  message: string | null;
}

export type NewImportJob = Pick<ImportJobRecord, "id" | "kind" | "format" | "ownerAgency" | "createdBy" | "fileName" | "fileHash" | "fileBytes" | "dryRun" | "mapping">;

/** Counts and errors of one committed batch. */
export interface BatchCheckpoint {
  lastRow: number;
  rows: number;
  accepted: number;
  rejected: number;
  flagged: number;
  errors: readonly RowError[];
}

export type StoredRowError = RowError & { seq: number };

export const importJobSchema: readonly string[] = [
  "CREATE CONSTRAINT import_job_id IF NOT EXISTS FOR (j:ImportJob) REQUIRE j.id IS UNIQUE",
  "CREATE INDEX import_row_error_job IF NOT EXISTS FOR (e:ImportRowError) ON (e.jobId, e.seq)",
];

const JOB_PROJECTION = `j { .id, .kind, .format, .ownerAgency, .createdBy, .fileName, .fileHash, .fileBytes, .dryRun, .mapping, .status,
  .totalRows, .accepted, .rejected, .flagged, .errorCount, .storedErrors, .checkpointRow, .startedAt, .finishedAt, .message }`;

/**
 * The job checkpoint store: one `(:ImportJob)` node per job and one `(:ImportRowError {jobId, seq})` node per stored
 * row error. A batch's counts, errors and checkpoint are written in one transaction, so after a crash the job
 * says exactly which rows are done and its report has no row twice.
 */
export class ImportJobStore {
  constructor(
    private readonly db: Database,
    private readonly maxErrors: number,
  ) {}

  async create(job: NewImportJob): Promise<ImportJobRecord> {
    const [row] = await this.db.write<{ job: ImportJobRecord }>(
      `CREATE (j:ImportJob)
       SET j = $job, j.status = 'RUNNING', j.totalRows = 0, j.accepted = 0, j.rejected = 0, j.flagged = 0, j.errorCount = 0,
           j.storedErrors = 0, j.checkpointRow = 0, j.startedAt = datetime(), j.finishedAt = null, j.message = null
       RETURN ${JOB_PROJECTION} AS job`,
      { job },
    );
    return row!.job;
  }

  async get(id: string): Promise<ImportJobRecord | null> {
    const [row] = await this.db.read<{ job: ImportJobRecord }>(`MATCH (j:ImportJob { id: $id }) RETURN ${JOB_PROJECTION} AS job`, { id });
    return row?.job ?? null;
  }

  /** Marks a stopped job as running again (a resume). */
  async restart(id: string): Promise<ImportJobRecord> {
    const [row] = await this.db.write<{ job: ImportJobRecord }>(
      `MATCH (j:ImportJob { id: $id }) SET j.status = 'RUNNING', j.finishedAt = null, j.message = null RETURN ${JOB_PROJECTION} AS job`,
      { id },
    );
    return row!.job;
  }

  /** Records a committed batch: counts, its row errors (up to the job's cap) and the new checkpoint, in one transaction. */
  async checkpoint(id: string, batch: BatchCheckpoint): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [job] = await tx.run<{ stored: number }>(
        `MATCH (j:ImportJob { id: $id })
         SET j.totalRows = j.totalRows + $rows, j.accepted = j.accepted + $accepted, j.rejected = j.rejected + $rejected,
             j.flagged = j.flagged + $flagged, j.errorCount = j.errorCount + $errorCount, j.checkpointRow = $lastRow
         RETURN j.storedErrors AS stored`,
        { id, rows: batch.rows, accepted: batch.accepted, rejected: batch.rejected, flagged: batch.flagged, errorCount: batch.errors.length, lastRow: batch.lastRow },
      );
      const room = Math.max(0, this.maxErrors - (job?.stored ?? 0));
      const errors = batch.errors.slice(0, room).map((e, i) => ({ ...e, seq: (job?.stored ?? 0) + i + 1 }));
      if (errors.length === 0) return;
      await tx.run(
        `UNWIND $errors AS e
         CREATE (:ImportRowError { jobId: $id, seq: toInteger(e.seq), row: toInteger(e.row), field: e.field, code: e.code, message: e.message })
         WITH count(*) AS created
         MATCH (j:ImportJob { id: $id }) SET j.storedErrors = j.storedErrors + created`,
        { id, errors },
      );
    });
  }

  /** A job-level error (e.g. the file was refused from some row on), stored like a row error. */
  async addError(id: string, error: RowError): Promise<void> {
    await this.db.write(
      `MATCH (j:ImportJob { id: $id })
       CREATE (:ImportRowError { jobId: $id, seq: j.storedErrors + 1, row: toInteger($error.row), field: $error.field, code: $error.code, message: $error.message })
       SET j.storedErrors = j.storedErrors + 1, j.errorCount = j.errorCount + 1`,
      { id, error },
    );
  }

  async finish(id: string, status: Exclude<ImportJobStatus, "RUNNING">, message: string | null = null): Promise<ImportJobRecord> {
    const [row] = await this.db.write<{ job: ImportJobRecord }>(
      `MATCH (j:ImportJob { id: $id }) SET j.status = $status, j.message = $message, j.finishedAt = datetime() RETURN ${JOB_PROJECTION} AS job`,
      { id, status, message },
    );
    return row!.job;
  }

  /** Stored errors after sequence number `afterSeq`, in order. */
  async errors(id: string, first: number, afterSeq = 0): Promise<StoredRowError[]> {
    return this.db.read<StoredRowError & Record<string, unknown>>(
      `MATCH (e:ImportRowError { jobId: $id }) WHERE e.seq > $afterSeq
       RETURN e.seq AS seq, e.row AS row, e.field AS field, e.code AS code, e.message AS message
       ORDER BY e.seq LIMIT toInteger($first)`,
      { id, first, afterSeq },
    );
  }

  /** Every stored error of a job, page by page (for the downloadable reports). */
  async *allErrors(id: string, pageSize = 5000): AsyncGenerator<StoredRowError> {
    let after = 0;
    for (;;) {
      const page = await this.errors(id, pageSize, after);
      yield* page;
      if (page.length < pageSize) return;
      after = page[page.length - 1]!.seq;
    }
  }
}
