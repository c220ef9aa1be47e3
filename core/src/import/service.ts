import type { GraphQLSchema } from "graphql";
import type { Logger } from "pino";
import { appendAudit } from "../audit/trail.js";
import type { Config } from "../config.js";
import type { Database } from "../neo4j/database.js";
import { ImportJobStore, type ImportJobRecord } from "./job-store.js";
import { importRowType } from "./row-type.js";
import { hashFile, openImportJob, runImportJob, type ImportJobRequest, type ImportProgress } from "./runner.js";
import type { ImportKind } from "./types.js";

export interface ImportServiceDeps {
  db: Database;
  /** The schema of the subgraph(s) the kinds belong to: their row types come from its input types. */
  schema: GraphQLSchema;
  kinds: readonly ImportKind[];
  config: Config;
  log: Logger;
  /** HMAC key of the audit trail: every import is audited as a write. */
  auditKey: Uint8Array;
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
    this.store = new ImportJobStore(deps.db, deps.config.CIX_IMPORT_MAX_ERRORS);
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
  async start(request: ImportJobRequest, options: StartOptions): Promise<{ job: ImportJobRecord; done: Promise<ImportJobRecord> }> {
    const { db, config, log } = this.deps;
    const fileHash = options.fileHash ?? (await hashFile(request.file));
    const { job, mapping } = await openImportJob(this.store, request, fileHash);
    await appendAudit(db, this.deps.auditKey, {
      kind: "WRITE",
      at: new Date().toISOString(),
      requestId: options.requestId,
      component: request.kind.subgraph,
      sub: request.createdBy,
      agency: request.agency,
      roles: options.roles,
      purpose: null,
      operations: [`import:${request.kind.name}${request.resumeJobId ? ":resume" : ""}${job.dryRun ? ":dry-run" : ""}`],
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
    });
    return { job, done };
  }
}
