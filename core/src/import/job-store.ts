import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Database, Tx } from "../neo4j/database.js";
import type { AcceptedRow, ImportFormat, RowError } from "./types.js";

/**
 * Where a job stands. A RUNNING job whose process died (no heartbeat for its `staleAfterSeconds`) is reported as
 * INTERRUPTED, with a message saying how it resumes.
 */
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
  /** Lenient: optional values that failed their checks were left out of stored rows, each with a warning. */
  lenient: boolean;
  /** The column mapping used, as JSON, or null. */
  mapping: string | null;
  status: ImportJobStatus;
  /** Records read (valid or not) up to the checkpoint. */
  totalRows: number;
  accepted: number;
  rejected: number;
  flagged: number;
  /** Accepted rows that created a record, updated one stored before the job, or wrote one an earlier row of the job wrote. */
  created: number;
  updated: number;
  merged: number;
  /** Accepted rows stored without one or more values (lenient), and the warnings saying which (capped like errors). */
  warned: number;
  warningCount: number;
  storedWarnings: number;
  /** Row errors found (stored errors are capped; this counts them all). */
  errorCount: number;
  storedErrors: number;
  /** Accepted rows listed with their hub ids (capped; a dry run lists none). */
  storedAccepted: number;
  /** Names of the natural-key columns of the accepted rows in the report (the kind's natural key; none for link kinds). */
  keyFields: string[];
  /** Row number of the last record whose batch was committed: a resume continues after it. */
  checkpointRow: number;
  startedAt: string;
  finishedAt: string | null;
  message: string | null;
  /** The agency's country (ISO 3166), which the records' writer needs when the job is resumed by a subgraph. */
  country: string | null;
  /** The process running (or last running) the job: host:pid:random. */
  owner: string | null;
  /** When that process last showed it is alive: at each checkpoint and every CIX_IMPORT_HEARTBEAT_SECONDS. */
  heartbeatAt: string | null;
  /** Seconds without a heartbeat after which the job counts as stopped (the owner's CIX_IMPORT_STALE_SECONDS). */
  staleAfterSeconds: number | null;
  /** Name of the spooled upload in CIX_IMPORT_DIR (HTTP jobs) while the job still needs it. */
  spoolFile: string | null;
  /** How often a subgraph resumed the job by itself after its process died. */
  recoveries: number;
  /** True when the job says RUNNING but its process stopped without a word (reported as INTERRUPTED). */
  orphaned: boolean;
}

export type NewImportJob = Pick<ImportJobRecord, "id" | "kind" | "format" | "ownerAgency" | "createdBy" | "fileName" | "fileHash" | "fileBytes" | "dryRun" | "mapping"> & {
  lenient?: boolean;
  country?: string | null;
  spoolFile?: string | null;
  keyFields?: readonly string[];
};

/** How a process shows that it still runs its jobs, and when a silent job counts as stopped. */
export interface JobLiveness {
  heartbeatSeconds: number;
  staleSeconds: number;
}

/** Defaults of CIX_IMPORT_HEARTBEAT_SECONDS and CIX_IMPORT_STALE_SECONDS. */
export const DEFAULT_LIVENESS: JobLiveness = { heartbeatSeconds: 10, staleSeconds: 60 };

/** Default of CIX_IMPORT_MAX_ACCEPTED_IDS: accepted rows listed with their hub ids per job. */
export const DEFAULT_MAX_ACCEPTED_IDS = 1_000_000;

/** Automatic resumes of one job after its process died; past them a person decides (a file may be what kills it). */
export const MAX_RECOVERIES = 3;

/** This process as the owner of the jobs it runs (a pid alone is reused after a restart). */
export const PROCESS_INSTANCE = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/** The job was taken over by another process (this one was silent for too long): this one must stop writing. */
export class ImportJobLostError extends Error {
  constructor(readonly jobId: string) {
    super(`Import job ${jobId} was taken over by another process`);
    this.name = "ImportJobLostError";
  }
}

/** Counts and errors of one committed batch. */
export interface BatchCheckpoint {
  lastRow: number;
  rows: number;
  accepted: number;
  rejected: number;
  flagged: number;
  /** See `WriteCounts` (runner.ts); absent counts are 0. */
  created?: number;
  updated?: number;
  merged?: number;
  warned?: number;
  errors: readonly RowError[];
  /** Values left out of the batch's stored rows (lenient), in row order. */
  warnings?: readonly RowError[];
  /** The batch's stored rows with their hub ids and natural keys, in row order (none in a dry run). */
  acceptedRows?: readonly AcceptedRow[];
}

export type StoredRowError = RowError & { seq: number };

/** A job's two lists of row problems: errors (rejected rows) and warnings (values left out of stored rows). */
export type RowProblemList = "errors" | "warnings";
const PROBLEM_LISTS: Record<RowProblemList, { label: string; stored: string }> = {
  errors: { label: "ImportRowError", stored: "storedErrors" },
  warnings: { label: "ImportRowWarning", stored: "storedWarnings" },
};

/** Stores a batch's errors or warnings after the `stored` ones already kept, and counts them on the job. */
async function storeProblems(tx: Tx, id: string, list: RowProblemList, problems: readonly RowError[], stored: number): Promise<void> {
  if (problems.length === 0) return;
  const { label, stored: counter } = PROBLEM_LISTS[list];
  await tx.run(
    `UNWIND $problems AS e
     CREATE (:${label} { jobId: $id, seq: toInteger(e.seq), row: toInteger(e.row), field: e.field, code: e.code, message: e.message })
     WITH count(*) AS created
     MATCH (j:ImportJob { id: $id }) SET j.${counter} = coalesce(j.${counter}, 0) + created`,
    { id, problems: problems.map((e, i) => ({ ...e, seq: stored + i + 1 })) },
  );
}

export const importJobSchema: readonly string[] = [
  "CREATE CONSTRAINT import_job_id IF NOT EXISTS FOR (j:ImportJob) REQUIRE j.id IS UNIQUE",
  "CREATE INDEX import_row_error_job IF NOT EXISTS FOR (e:ImportRowError) ON (e.jobId, e.seq)",
  "CREATE INDEX import_row_warning_job IF NOT EXISTS FOR (w:ImportRowWarning) ON (w.jobId, w.seq)",
  "CREATE INDEX import_accepted_rows_job IF NOT EXISTS FOR (a:ImportAcceptedRows) ON (a.jobId, a.seq)",
  "CREATE INDEX import_job_status IF NOT EXISTS FOR (j:ImportJob) ON (j.status)",
];

// Neo4j's clock on both sides (the heartbeat is written with datetime()), so replicas' clocks need not agree.
// Jobs from before heartbeats were kept count from their start, with the default threshold. A job handed back by a
// process that shut down (`release`: no owner) is orphaned at once.
const ORPHANED = `(j.status = 'RUNNING' AND (j.owner IS NULL OR coalesce(j.heartbeatAt, j.startedAt) < datetime() - duration({ seconds: coalesce(j.staleAfterSeconds, ${DEFAULT_LIVENESS.staleSeconds}) })))`;

// Jobs from before lenient imports and write counts read as strict, with those counts 0.
const JOB_PROJECTION = `j { .id, .kind, .format, .ownerAgency, .createdBy, .fileName, .fileHash, .fileBytes, .dryRun, .mapping,
  lenient: coalesce(j.lenient, false), created: coalesce(j.created, 0), updated: coalesce(j.updated, 0), merged: coalesce(j.merged, 0),
  warned: coalesce(j.warned, 0), warningCount: coalesce(j.warningCount, 0), storedWarnings: coalesce(j.storedWarnings, 0),
  .totalRows, .accepted, .rejected, .flagged, .errorCount, .storedErrors, storedAccepted: coalesce(j.storedAccepted, 0),
  keyFields: coalesce(j.keyFields, []), .checkpointRow, .startedAt, .finishedAt, .message,
  .country, .owner, .heartbeatAt, .staleAfterSeconds, .spoolFile, recoveries: coalesce(j.recoveries, 0),
  status: CASE WHEN ${ORPHANED} THEN 'INTERRUPTED' ELSE j.status END, orphaned: ${ORPHANED} }`;

/** A job whose process died says so, and how it resumes. */
function present(job: ImportJobRecord): ImportJobRecord {
  if (!job.orphaned) return job;
  const cli = `npm run import -- ${job.kind} <the same file> --agency ${job.ownerAgency} --resume ${job.id}`;
  const upload = `POST /import/${job.kind}?resume=${job.id} with the same file`;
  const how =
    job.spoolFile && job.recoveries < MAX_RECOVERIES
      ? `A subgraph that can read its spooled upload resumes it by itself; otherwise send ${upload}.`
      : job.spoolFile
        ? `It was resumed automatically ${job.recoveries} times and stopped each time: send ${upload} to resume it by hand.`
    : `Resume it with the same file: ${job.createdBy.startsWith("cli:") ? cli : `${upload} (or ${cli})`}.`;
  const stopped = job.owner === null ? "was shut down" : "stopped";
  return { ...job, message: `The process running this job ${stopped} after row ${job.checkpointRow} (last heartbeat ${job.heartbeatAt ?? job.startedAt}). ${how}` };
}

/**
 * The job checkpoint store: one `(:ImportJob)` node per job, one `(:ImportRowError {jobId, seq})` node per stored
 * row error and one `(:ImportAcceptedRows {jobId, seq, rows, ids, keys})` node per batch with the hub ids of its
 * stored rows (lists, so a million accepted rows are a few thousand nodes). A batch's counts, errors, accepted rows
 * and checkpoint are written in one transaction, so after a crash the job says exactly which rows are done and its
 * report has no row twice.
 */
export class ImportJobStore {
  constructor(
    private readonly db: Database,
    private readonly maxErrors: number,
    readonly liveness: JobLiveness = DEFAULT_LIVENESS,
    /** Who this store writes as: the process, or a test's stand-in for another process. */
    readonly owner: string = PROCESS_INSTANCE,
    /** Accepted rows listed per job (CIX_IMPORT_MAX_ACCEPTED_IDS); further ones are counted, not listed. */
    private readonly maxAcceptedIds: number = DEFAULT_MAX_ACCEPTED_IDS,
  ) {}

  async create(job: NewImportJob): Promise<ImportJobRecord> {
    const [row] = await this.db.write<{ job: ImportJobRecord }>(
      `CREATE (j:ImportJob)
       SET j = $job, j.status = 'RUNNING', j.totalRows = 0, j.accepted = 0, j.rejected = 0, j.flagged = 0, j.errorCount = 0,
           j.created = 0, j.updated = 0, j.merged = 0, j.warned = 0, j.warningCount = 0, j.storedWarnings = 0,
           j.storedErrors = 0, j.storedAccepted = 0, j.checkpointRow = 0, j.startedAt = datetime(), j.finishedAt = null, j.message = null,
           j.owner = $owner, j.heartbeatAt = datetime(), j.staleAfterSeconds = $staleSeconds, j.recoveries = 0
       RETURN ${JOB_PROJECTION} AS job`,
      { job: { country: null, spoolFile: null, keyFields: [], lenient: false, ...job }, owner: this.owner, staleSeconds: this.liveness.staleSeconds },
    );
    return row!.job;
  }

  async get(id: string): Promise<ImportJobRecord | null> {
    const [row] = await this.db.read<{ job: ImportJobRecord }>(`MATCH (j:ImportJob { id: $id }) RETURN ${JOB_PROJECTION} AS job`, { id });
    return row ? present(row.job) : null;
  }

  /**
   * Takes a stopped job over to run it here (a resume): refused (`busy`) while another process still runs it, so a
   * job never has two writers. A COMPLETED job is returned as it is. `spoolFile` replaces the job's upload (a
   * re-upload); `recovery` counts a resume by a subgraph after the job's process died.
   */
  async claim(
    id: string,
    options: { spoolFile?: string | null; recovery?: boolean } = {},
  ): Promise<{ job: ImportJobRecord; previousSpoolFile: string | null } | { busy: ImportJobRecord }> {
    return this.db.transaction(async (tx) => {
      // Locks the node first: a second claimant waits here, then reads what the first one wrote.
      const locked = await tx.run("MATCH (j:ImportJob { id: $id }) SET j.claimedAt = datetime() RETURN j.id AS id", { id });
      if (locked.length === 0) throw new Error(`There is no import job ${id}`);
      const [current] = await tx.run<{ job: ImportJobRecord }>(`MATCH (j:ImportJob { id: $id }) RETURN ${JOB_PROJECTION} AS job`, { id });
      const job = current!.job;
      if (job.status === "RUNNING") return { busy: present(job) };
      if (job.status === "COMPLETED") return { job, previousSpoolFile: null };
      const [claimed] = await tx.run<{ job: ImportJobRecord }>(
        `MATCH (j:ImportJob { id: $id })
         SET j.status = 'RUNNING', j.finishedAt = null, j.message = null, j.owner = $owner, j.heartbeatAt = datetime(),
             j.staleAfterSeconds = $staleSeconds, j.spoolFile = CASE WHEN $keepSpool THEN j.spoolFile ELSE $spoolFile END,
             j.recoveries = coalesce(j.recoveries, 0) + CASE WHEN $recovery THEN 1 ELSE 0 END
         RETURN ${JOB_PROJECTION} AS job`,
        {
          id,
          owner: this.owner,
          staleSeconds: this.liveness.staleSeconds,
          keepSpool: options.spoolFile === undefined,
          spoolFile: options.spoolFile ?? null,
          recovery: options.recovery ?? false,
        },
      );
      return { job: claimed!.job, previousSpoolFile: job.spoolFile };
    });
  }

  /**
   * Hands a job this process runs back, unfinished (its process is shutting down): it stays RUNNING with its
   * checkpoint and spooled upload but without an owner, so it counts as orphaned at once and the next subgraph
   * process that can read the upload resumes it (not counted as a recovery: nothing failed).
   */
  async release(id: string): Promise<ImportJobRecord> {
    const [row] = await this.db.write<{ job: ImportJobRecord }>(
      `MATCH (j:ImportJob { id: $id }) WHERE j.owner = $owner AND j.status = 'RUNNING'
       SET j.owner = null, j.heartbeatAt = datetime()
       RETURN ${JOB_PROJECTION} AS job`,
      { id, owner: this.owner },
    );
    return present(row ? row.job : (await this.get(id))!);
  }

  /** Says this process still runs the job; false when it no longer owns it (taken over, or finished elsewhere). */
  async heartbeat(id: string): Promise<boolean> {
    const rows = await this.db.write(
      "MATCH (j:ImportJob { id: $id }) WHERE j.owner = $owner AND j.status = 'RUNNING' SET j.heartbeatAt = datetime() RETURN j.id AS id",
      { id, owner: this.owner },
    );
    return rows.length > 0;
  }

  /**
   * Beats every `heartbeatSeconds` until the returned function is called; `onLost` is called once when the job is
   * no longer this process's. A failed beat (Neo4j busy or away) is only skipped: the next one may get through.
   */
  keepAlive(id: string, onLost: () => void, onError: (error: unknown) => void = () => undefined): () => void {
    let lost = false;
    const timer = setInterval(() => {
      void this.heartbeat(id).then(
        (alive) => {
          if (!alive && !lost) {
            lost = true;
            onLost();
          }
        },
        onError,
      );
    }, this.liveness.heartbeatSeconds * 1000);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** RUNNING jobs of these kinds whose process stopped, that were uploaded (so a spool file may still hold them). */
  async orphanedUploads(kinds: readonly string[]): Promise<ImportJobRecord[]> {
    const rows = await this.db.read<{ job: ImportJobRecord }>(
      `MATCH (j:ImportJob) WHERE j.status = 'RUNNING' AND j.kind IN $kinds AND j.spoolFile IS NOT NULL AND ${ORPHANED}
       RETURN ${JOB_PROJECTION} AS job ORDER BY j.startedAt`,
      { kinds: [...kinds] },
    );
    return rows.map((r) => present(r.job));
  }

  /**
   * Records a committed batch: counts, its row errors and accepted rows (each up to the job's cap) and the new
   * checkpoint, in one transaction, and only while this process owns the job (else ImportJobLostError: nothing is
   * counted twice).
   */
  async checkpoint(id: string, batch: BatchCheckpoint): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [job] = await tx.run<{ stored: number; storedAccepted: number; storedWarnings: number }>(
        `MATCH (j:ImportJob { id: $id }) WHERE j.owner = $owner AND j.status = 'RUNNING'
         SET j.totalRows = j.totalRows + $rows, j.accepted = j.accepted + $accepted, j.rejected = j.rejected + $rejected,
             j.flagged = j.flagged + $flagged, j.errorCount = j.errorCount + $errorCount, j.checkpointRow = $lastRow,
             j.created = coalesce(j.created, 0) + $created, j.updated = coalesce(j.updated, 0) + $updated,
             j.merged = coalesce(j.merged, 0) + $merged, j.warned = coalesce(j.warned, 0) + $warned,
             j.warningCount = coalesce(j.warningCount, 0) + $warningCount, j.heartbeatAt = datetime()
         RETURN j.storedErrors AS stored, coalesce(j.storedAccepted, 0) AS storedAccepted, coalesce(j.storedWarnings, 0) AS storedWarnings`,
        {
          id,
          owner: this.owner,
          rows: batch.rows,
          accepted: batch.accepted,
          rejected: batch.rejected,
          flagged: batch.flagged,
          created: batch.created ?? 0,
          updated: batch.updated ?? 0,
          merged: batch.merged ?? 0,
          warned: batch.warned ?? 0,
          errorCount: batch.errors.length,
          warningCount: batch.warnings?.length ?? 0,
          lastRow: batch.lastRow,
        },
      );
      if (!job) throw new ImportJobLostError(id);
      await storeProblems(tx, id, "errors", batch.errors.slice(0, Math.max(0, this.maxErrors - job.stored)), job.stored);
      await storeProblems(tx, id, "warnings", (batch.warnings ?? []).slice(0, Math.max(0, this.maxErrors - job.storedWarnings)), job.storedWarnings);
      const accepted = (batch.acceptedRows ?? []).slice(0, Math.max(0, this.maxAcceptedIds - job.storedAccepted));
      if (accepted.length > 0) {
        // One node per batch, ordered by the batch's last row (checkpoints only move forward).
        await tx.run(
          `MATCH (j:ImportJob { id: $id })
           CREATE (:ImportAcceptedRows { jobId: $id, seq: toInteger($lastRow), rows: [r IN $rows | toInteger(r)], ids: $ids, keys: $keys })
           SET j.storedAccepted = coalesce(j.storedAccepted, 0) + size($ids)`,
          {
            id,
            lastRow: batch.lastRow,
            rows: accepted.map((a) => a.row),
            ids: accepted.map((a) => a.id),
            keys: accepted.map((a) => JSON.stringify(a.key)),
          },
        );
      }
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

  /** Ends the job, if this process still owns it (else it is left to its new owner and returned as it is). */
  async finish(id: string, status: Exclude<ImportJobStatus, "RUNNING">, message: string | null = null): Promise<ImportJobRecord> {
    const [row] = await this.db.write<{ job: ImportJobRecord }>(
      `MATCH (j:ImportJob { id: $id }) WHERE j.owner = $owner OR j.owner IS NULL
       SET j.status = $status, j.message = $message, j.finishedAt = datetime(), j.spoolFile = null
       RETURN ${JOB_PROJECTION} AS job`,
      { id, status, message, owner: this.owner },
    );
    return row ? row.job : (await this.get(id))!;
  }

  /** Stored errors (or warnings) after sequence number `afterSeq`, in order. */
  async errors(id: string, first: number, afterSeq = 0, list: RowProblemList = "errors"): Promise<StoredRowError[]> {
    return this.db.read<StoredRowError & Record<string, unknown>>(
      `MATCH (e:${PROBLEM_LISTS[list].label} { jobId: $id }) WHERE e.seq > $afterSeq
       RETURN e.seq AS seq, e.row AS row, e.field AS field, e.code AS code, e.message AS message
       ORDER BY e.seq LIMIT toInteger($first)`,
      { id, first, afterSeq },
    );
  }

  /** Every listed accepted row of a job in row order, a few batches at a time (for the downloadable reports). */
  async *allAccepted(id: string, batchesPerPage = 20): AsyncGenerator<AcceptedRow> {
    let after = -1;
    for (;;) {
      const page = await this.db.read<{ seq: number; rows: number[]; ids: string[]; keys: string[] }>(
        `MATCH (a:ImportAcceptedRows { jobId: $id }) WHERE a.seq > $after
         RETURN a.seq AS seq, a.rows AS rows, a.ids AS ids, a.keys AS keys ORDER BY a.seq LIMIT toInteger($first)`,
        { id, after, first: batchesPerPage },
      );
      for (const batch of page) {
        for (let i = 0; i < batch.rows.length; i++) yield { row: batch.rows[i]!, id: batch.ids[i]!, key: JSON.parse(batch.keys[i]!) as string[] };
      }
      if (page.length < batchesPerPage) return;
      after = page[page.length - 1]!.seq;
    }
  }

  /** Every stored error (or warning) of a job, page by page (for the downloadable reports). */
  async *allErrors(id: string, pageSize = 5000, list: RowProblemList = "errors"): AsyncGenerator<StoredRowError> {
    let after = 0;
    for (;;) {
      const page = await this.errors(id, pageSize, after, list);
      yield* page;
      if (page.length < pageSize) return;
      after = page[page.length - 1]!.seq;
    }
  }
}
