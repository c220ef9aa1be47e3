import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { GraphQLSchema } from "graphql";
import type { Logger } from "pino";
import { appendAudit } from "../audit/trail.js";
import type { Config } from "../config.js";
import type { Database } from "../neo4j/database.js";
import { ImportJobStore, MAX_RECOVERIES, PROCESS_INSTANCE, type ImportJobRecord } from "./job-store.js";
import { importRowType } from "./row-type.js";
import { hashFile, ImportRequestError, openImportJob, runImportJob, type ImportJobRequest, type ImportProgress } from "./runner.js";
import type { ImportFormat, ImportKind } from "./types.js";

export interface ImportServiceDeps {
  db: Database;
  /** The schema of the subgraph(s) the kinds belong to: their row types come from its input types. */
  schema: GraphQLSchema;
  kinds: readonly ImportKind[];
  config: Config;
  log: Logger;
  /** HMAC key of the audit trail: every import is audited as a write. */
  auditKey: Uint8Array;
  /** Aborted when the serving process shuts down: its jobs commit their batches in flight and are handed back. */
  shuttingDown?: AbortSignal;
}

export interface StartOptions {
  /** Already known (an upload hashed while it was spooled). */
  fileHash?: { hash: string; bytes: number };
  /** Caller's roles and component, for the audit entry. */
  roles: string[];
  requestId: string;
  onProgress?: (progress: ImportProgress) => void;
  stopAfterRows?: number;
  signal?: AbortSignal;
}

/** Starts import jobs (CLI and HTTP alike): opens or resumes the job, audits it, and runs it. */
export class ImportService {
  readonly store: ImportJobStore;

  constructor(private readonly deps: ImportServiceDeps) {
    this.store = new ImportJobStore(
      deps.db,
      deps.config.CIX_IMPORT_MAX_ERRORS,
      { heartbeatSeconds: deps.config.CIX_IMPORT_HEARTBEAT_SECONDS, staleSeconds: deps.config.CIX_IMPORT_STALE_SECONDS },
      PROCESS_INSTANCE,
      deps.config.CIX_IMPORT_MAX_ACCEPTED_IDS,
    );
  }

  kind(name: string): ImportKind | undefined {
    return this.deps.kinds.find((k) => k.name === name);
  }

  get kinds(): readonly ImportKind[] {
    return this.deps.kinds;
  }

  /**
   * Opens the job (or checks the resume) and audits it; `done` settles when the job has run. Request problems
   * (a resume with another file) throw an ImportRequestError before anything is written.
   */
  async start(
    request: ImportJobRequest,
    options: StartOptions,
  ): Promise<{ job: ImportJobRecord; done: Promise<ImportJobRecord>; previousSpoolFile?: string | null }> {
    const { db, config, log } = this.deps;
    const fileHash = options.fileHash ?? (await hashFile(request.file));
    const { job, mapping, previousSpoolFile } = await openImportJob(this.store, request, fileHash);
    await appendAudit(db, this.deps.auditKey, {
      kind: "WRITE",
      at: new Date().toISOString(),
      requestId: options.requestId,
      component: request.kind.subgraph,
      sub: request.createdBy,
      agency: request.agency,
      roles: options.roles,
      purpose: null,
      operations: [`import:${request.kind.name}${request.resumeJobId ? ":resume" : ""}${request.recovery ? ":recovery" : ""}${job.dryRun ? ":dry-run" : ""}`],
      records: [{ id: job.id, ownerAgency: request.agency, fields: [], operations: [] }],
    });
    const done = runImportJob(job, request, mapping, {
      rowType: importRowType(this.deps.schema, request.kind),
      writer: { db, agency: request.agency, country: request.country },
      store: this.store,
      batchSize: Math.min(config.CIX_IMPORT_BATCH_SIZE, request.kind.batchSize ?? Number.POSITIVE_INFINITY),
      concurrency: Math.min(config.CIX_IMPORT_CONCURRENCY, request.kind.concurrency ?? Number.POSITIVE_INFINITY),
      maxRecordBytes: config.CIX_IMPORT_MAX_RECORD_BYTES,
      log: log.child({ jobId: job.id, kind: request.kind.name }),
      onProgress: options.onProgress,
      stopAfterRows: options.stopAfterRows,
      signal: options.signal,
      handOverOn: this.deps.shuttingDown,
    });
    return { job, done, previousSpoolFile };
  }

  /**
   * Resumes the uploaded jobs of this service's kinds whose process died (RUNNING without a heartbeat for their
   * stale time) and whose spooled upload is in `spoolDir`, each from its checkpoint. Another replica claiming the
   * same job first is not an error: the job is skipped here. A job resumed automatically `maxRecoveries` times is
   * left INTERRUPTED-as-reported (its message says how to resume it by hand), so a file that kills its process
   * cannot do so forever. Returns the jobs resumed, each with the promise of its run.
   */
  async resumeOrphanedUploads(spoolDir: string, maxRecoveries = MAX_RECOVERIES): Promise<Array<{ job: ImportJobRecord; done: Promise<ImportJobRecord>; file: string }>> {
    const resumed: Array<{ job: ImportJobRecord; done: Promise<ImportJobRecord>; file: string }> = [];
    for (const orphan of await this.store.orphanedUploads(this.deps.kinds.map((k) => k.name))) {
      const kind = this.kind(orphan.kind);
      const file = join(spoolDir, orphan.spoolFile!);
      if (!kind || orphan.recoveries >= maxRecoveries || !existsSync(file)) continue;
      try {
        const { job, done } = await this.start(
          {
            kind,
            format: orphan.format as ImportFormat,
            file,
            fileName: orphan.fileName,
            dryRun: orphan.dryRun,
            agency: orphan.ownerAgency,
            country: orphan.country ?? orphan.ownerAgency.slice(0, 2),
            createdBy: `subgraph:${kind.subgraph}`,
            resumeJobId: orphan.id,
            // A job handed back by a process that shut down (no owner) did not fail: not a recovery.
            recovery: orphan.owner !== null,
          },
          { roles: [], requestId: randomUUID() },
        );
        this.deps.log.warn({ jobId: job.id, afterRow: job.checkpointRow, recoveries: job.recoveries }, "resuming an import job whose process stopped");
        resumed.push({ job, done, file });
      } catch (error) {
        // Taken by another replica meanwhile, or the spool is not this job's file (hash): left as it is.
        if (!(error instanceof ImportRequestError)) throw error;
        this.deps.log.info({ jobId: orphan.id, reason: error.message }, "orphaned import job not resumed here");
      }
    }
    return resumed;
  }
}
