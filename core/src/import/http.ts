import { createHash, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, unlink } from "node:fs/promises";
import { basename, isAbsolute, join } from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Request, Response, Router } from "express";
import { GraphQLError } from "graphql";
import { bearerToken, GATEWAY_HEADER, statedPurpose } from "../auth/request.js";
import { routeRequest } from "../auth/tokens.js";
import { hasRole, type Viewer } from "../auth/viewer.js";
import { loadConfig, type Config, type SubgraphName } from "../config.js";
import type { SubgraphHttpDeps } from "../graphql/federation.js";
import { repoRoot } from "../paths.js";
import { withRequestId } from "../http.js";
import { formatOfContentType, isImportFormat } from "./formats.js";
import { ColumnMapping } from "./mapping.js";
import { importBodyLimit, isMultipart, MAPPING_PART, MultipartRefused, receiveMultipart, type MultipartUpload } from "./multipart.js";
import { writeCsvReport, writeJsonReport } from "./report.js";
import { ImportRequestError } from "./runner.js";
import type { ImportJobRecord } from "./job-store.js";
import { ImportService } from "./service.js";
import { IMPORT_KIND_SUBGRAPHS, type ImportKind } from "./types.js";

/** Header carrying a column mapping (JSON object: source column → field path) with an upload. */
export const MAPPING_HEADER = "x-cix-import-mapping";
/** Header asking for a lenient import (`true`): optional values that fail their checks are left out, with a warning. */
export const LENIENT_HEADER = "x-cix-import-lenient";

/** The lenient header's value: absent is false; anything but `true` or `false` is the client's error. */
export function lenientOf(value: string | undefined): boolean | Error {
  if (value === undefined) return false;
  const v = value.trim().toLowerCase();
  if (v === "true" || v === "false") return v === "true";
  return new Error(`The ${LENIENT_HEADER} header is "true" or "false".`);
}
const MAX_MAPPING_CHARS = 64 * 1024;

/** Row errors quote rejected values (a malformed phone, a name): reading them needs what any nominal read needs. */
export const ROW_ERRORS_NEED_PURPOSE =
  "Import row errors may quote values from the file (names, numbers): reading them is a nominal read; state its purpose (x-cix-purpose header with a case or operation reference).";

/** The public paths of a job's reports (through the gateway). */
export function reportUrls(jobId: string) {
  return { reportCsvUrl: `/import/jobs/${jobId}/report.csv`, reportJsonUrl: `/import/jobs/${jobId}/report.json` };
}

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

function send(res: Response, problem: HttpProblem): void {
  if (res.headersSent) return;
  res.status(problem.status).json({ errors: [{ message: problem.message, extensions: withRequestId(res, { code: problem.code, ...problem.extra }) }] });
}

/**
 * The caller of a route: a gateway credential and a valid user token are required, as for /graphql. The body is
 * streamed, so the credential is bound to the method and the path with its query (`routeRequest`), as the
 * gateway's import proxy sent them, besides the user token, this subgraph and single use.
 */
async function caller(req: Request, deps: SubgraphHttpDeps, subgraph: SubgraphName): Promise<Viewer> {
  try {
    const token = bearerToken(req);
    await deps.tokens.verifyGatewayCall(req.header(GATEWAY_HEADER), {
      audience: subgraph,
      token,
      request: routeRequest(req.method, req.originalUrl),
      requestId: req.header("x-request-id"),
    });
    return await deps.tokens.verifyUserToken(token);
  } catch (error) {
    throw new HttpProblem(401, "UNAUTHENTICATED", error instanceof GraphQLError ? error.message : "A valid bearer token is required.");
  }
}

/** Only investigators and supervisors import records or read import reports (reports may quote values from the file). */
function requireImporter(viewer: Viewer): void {
  if (!hasRole(viewer, "investigator", "supervisor")) throw new HttpProblem(403, "FORBIDDEN", "Importing needs the investigator or supervisor role.");
}

/** The stated purpose, if any; a malformed one is the client's 400 (see `statedPurpose`). */
function purposeOf(req: Request): string | undefined {
  try {
    return statedPurpose(req);
  } catch (error) {
    throw new HttpProblem(400, "BAD_REQUEST", error instanceof GraphQLError ? error.message : "Invalid x-cix-purpose header.");
  }
}

function mappingOf(req: Request): ColumnMapping | null {
  const raw = req.header(MAPPING_HEADER);
  if (!raw) return null;
  if (raw.length > MAX_MAPPING_CHARS) throw new HttpProblem(400, "BAD_REQUEST", `The ${MAPPING_HEADER} header is longer than ${MAX_MAPPING_CHARS} characters.`);
  return parseMapping(raw, MAPPING_HEADER);
}

/** A column mapping's JSON (from the header or a multipart part, named by `field`), or the client's 400. */
function parseMapping(raw: string, field: string): ColumnMapping {
  try {
    return ColumnMapping.parse(raw);
  } catch (error) {
    throw new HttpProblem(400, "BAD_REQUEST", (error as Error).message, { field });
  }
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB`;

function tooLarge(limit: number, seen?: number): HttpProblem {
  return new HttpProblem(
    413,
    "PAYLOAD_TOO_LARGE",
    `The file is larger than the import limit of ${limit} bytes (${mib(limit)})${seen ? `: ${seen} bytes or more were sent` : ""}. ` +
      "Split it, or import it with the CLI (npm run import), which streams files of any size.",
    { limit },
  );
}

/** CIX_IMPORT_DIR as a path. */
export function importSpoolDir(config: Pick<Config, "CIX_IMPORT_DIR">): string {
  return isAbsolute(config.CIX_IMPORT_DIR) ? config.CIX_IMPORT_DIR : join(repoRoot, config.CIX_IMPORT_DIR);
}

/** Streams the request body to a spool file, hashing it, and stops with 413 as soon as it passes the limit. */
async function spool(req: Readable, config: Config, extension: string): Promise<{ file: string; hash: string; bytes: number }> {
  const dir = importSpoolDir(config);
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${randomUUID()}.${extension}`);
  const limit = config.CIX_IMPORT_MAX_BYTES;
  const hash = createHash("sha256");
  let bytes = 0;
  // Past the limit the rest of the body is read and dropped (not stored), so the client gets the 413 answer
  // instead of a reset connection; the gateway's request timeout bounds how long that may take.
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > limit) return callback();
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(req, meter, createWriteStream(file));
  } catch {
    await unlink(file).catch(() => undefined);
    throw new HttpProblem(400, "BAD_REQUEST", "The upload was interrupted.");
  }
  if (bytes > limit) {
    await unlink(file).catch(() => undefined);
    throw tooLarge(limit, bytes);
  }
  return { file, hash: hash.digest("hex"), bytes };
}

type Spooled = Awaited<ReturnType<typeof spool>>;

/**
 * The uploaded file, spooled: a raw body (its format by `?format=` or Content-Type), or the file part of a
 * `multipart/form-data` body with its optional mapping part (see multipart.ts).
 */
async function receive(req: Request, config: Config, formatParam: string | undefined, mappingHeaderGiven: boolean): Promise<MultipartUpload<Spooled>> {
  if (isMultipart(req.header("content-type"))) {
    return receiveMultipart(req, {
      formatParam,
      mappingHeaderGiven,
      maxMappingChars: MAX_MAPPING_CHARS,
      store: (file, format) => spool(file, config, format),
      discard: (stored) => unlink(stored.file).catch(() => undefined),
    });
  }
  const format = formatParam ?? formatOfContentType(req.header("content-type"));
  if (!format || !isImportFormat(format)) {
    throw new HttpProblem(
      415,
      "UNSUPPORTED_MEDIA_TYPE",
      "Send the file as text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/xml, application/json or application/x-ndjson " +
        "(or name it with ?format=), or as the file part of a multipart/form-data upload.",
    );
  }
  return { stored: await spool(req, config, format), format, fileName: null, mapping: null };
}

/**
 * The import routes of a subgraph, for the kinds it owns:
 * - `POST /import/<kind>`: the file as the body (CSV, XLSX, XML, JSON or NDJSON, by `Content-Type` or `?format=`),
 *   or as the `file` part of a multipart/form-data body (with an optional `mapping` part), streamed to a spool
 *   file (refused with 413 past CIX_IMPORT_MAX_BYTES); `?dryRun=true` checks without storing;
 *   `?resume=<jobId>` continues a stopped job with the same file; a column mapping in the x-cix-import-mapping header;
 *   `x-cix-import-lenient: true` for a lenient import.
 *   Answers 202 with the job id at once; the job runs in the background (status: GraphQL `importJob(id)`).
 * - `GET /import/jobs/<id>/report.csv|json`: a job's report, for its own agency only (`report.csv?rows=all` lists
 *   accepted rows with their hub ids too, as report.json always does; `?warnings=true` the values left out).
 * Both need the gateway's credential and a user token of an investigator or supervisor.
 */
export function importRoutes(kinds: readonly ImportKind[]) {
  return (app: Router, deps: SubgraphHttpDeps): void => {
    const config = loadConfig();
    for (const kind of kinds) {
      if (IMPORT_KIND_SUBGRAPHS[kind.name] !== kind.subgraph) throw new Error(`Import kind ${kind.name} is not listed as owned by ${kind.subgraph} in IMPORT_KIND_SUBGRAPHS`);
    }
    // The subgraph serving these routes: the audience its gateway credentials must name.
    const subgraph = kinds[0]?.subgraph;
    if (!subgraph || kinds.some((k) => k.subgraph !== subgraph)) throw new Error("importRoutes takes the kinds of one subgraph (at least one)");
    const service = new ImportService({ db: deps.db, schema: deps.schema, kinds, config, log: deps.log, auditKey: deps.auditKey, shuttingDown: deps.stopped });

    // A job's upload stays spooled while the job runs; if this process dies mid-job, the file is what lets a
    // subgraph (this one restarted, or a replica sharing CIX_IMPORT_DIR) resume it from its checkpoint. A job
    // handed back at shutdown, or taken over by another process, still names its file: it is kept for them.
    const removeSpoolWhenDone = (jobId: string, done: Promise<ImportJobRecord>, file: string) => {
      const settled = done.then(
        // null when the job was deleted while it ran: its upload is of no more use.
        (job: ImportJobRecord | null) => (job?.spoolFile ? undefined : unlink(file).catch(() => undefined)),
        (error: unknown) => {
          deps.log.error({ err: error, jobId }, "import job failed");
          return unlink(file).catch(() => undefined);
        },
      );
      deps.keepUntilDone?.(settled);
    };
    const resumeOrphans = async () => {
      for (const { job, done, file } of await service.resumeOrphanedUploads(importSpoolDir(config))) removeSpoolWhenDone(job.id, done, file);
    };
    // Every heartbeat period: a job becomes resumable only once its heartbeat is stale, after this process started.
    const sweep = setInterval(() => {
      resumeOrphans().catch((error: unknown) => deps.log.warn({ err: error }, "could not look for import jobs to resume"));
    }, config.CIX_IMPORT_HEARTBEAT_SECONDS * 1000);
    sweep.unref();
    deps.stopped?.addEventListener("abort", () => clearInterval(sweep));

    app.post("/import/:kind", async (req, res) => {
      let spooled: { file: string } | null = null;
      try {
        const viewer = await caller(req, deps, subgraph);
        requireImporter(viewer);
        const kind = service.kind(String(req.params.kind));
        if (!kind) throw new HttpProblem(404, "NOT_FOUND", `There is no import kind "${String(req.params.kind)}": ${kinds.map((k) => k.name).join(", ")}.`);
        const formatParam = typeof req.query.format === "string" ? req.query.format : undefined;
        const declared = Number(req.header("content-length"));
        if (Number.isFinite(declared) && declared > importBodyLimit(req.header("content-type"), config.CIX_IMPORT_MAX_BYTES)) throw tooLarge(config.CIX_IMPORT_MAX_BYTES, declared);
        const headerMapping = mappingOf(req);
        const lenient = lenientOf(req.header(LENIENT_HEADER));
        if (lenient instanceof Error) throw new HttpProblem(400, "BAD_REQUEST", lenient.message, { field: LENIENT_HEADER });
        const resumeJobId = typeof req.query.resume === "string" ? req.query.resume : null;
        const received = await receive(req, config, formatParam, headerMapping !== null);
        const upload = received.stored;
        spooled = upload;
        const { job, done, previousSpoolFile } = await service.start(
          {
            kind,
            format: received.format,
            file: upload.file,
            fileName: typeof req.query.fileName === "string" ? req.query.fileName.slice(0, 200) : received.fileName,
            mapping: received.mapping === null ? headerMapping : parseMapping(received.mapping, MAPPING_PART),
            dryRun: req.query.dryRun === "true",
            lenient,
            agency: viewer.agency,
            country: viewer.country,
            createdBy: viewer.sub,
            resumeJobId,
            spoolFile: basename(upload.file),
          },
          { fileHash: upload, roles: viewer.roles, requestId: req.header("x-request-id") ?? randomUUID() },
        );
        spooled = null;
        // The upload of the run this one resumes (its process died) is not needed any more.
        if (previousSpoolFile && previousSpoolFile !== basename(upload.file)) void unlink(join(importSpoolDir(config), previousSpoolFile)).catch(() => undefined);
        removeSpoolWhenDone(job.id, done, upload.file);
        res.status(202).json({ jobId: job.id, kind: kind.name, format: received.format, dryRun: job.dryRun, lenient: job.lenient, status: job.status, ...reportUrls(job.id) });
      } catch (error) {
        if (spooled) await unlink(spooled.file).catch(() => undefined);
        if (error instanceof HttpProblem) return send(res, error);
        if (error instanceof MultipartRefused) return send(res, new HttpProblem(error.status, error.code, error.message, { field: error.field }));
        if (error instanceof ImportRequestError) return send(res, new HttpProblem(409, "CONFLICT", error.message));
        deps.log.error({ err: error }, "import upload failed");
        send(res, new HttpProblem(500, "INTERNAL_SERVER_ERROR", "Internal server error"));
      }
    });

    app.get("/import/jobs/:id/report.:ext", async (req, res) => {
      try {
        const viewer = await caller(req, deps, subgraph);
        requireImporter(viewer);
        const ext = String(req.params.ext);
        if (ext !== "csv" && ext !== "json") throw new HttpProblem(404, "NOT_FOUND", "Reports are report.csv and report.json.");
        const job = await service.store.get(String(req.params.id));
        // Another agency's job answers like a missing one: its existence is not disclosed.
        if (!job || job.ownerAgency !== viewer.agency) throw new HttpProblem(404, "NOT_FOUND", `Import job ${String(req.params.id)} was not found.`);
        if (!purposeOf(req)) throw new HttpProblem(403, "FORBIDDEN", ROW_ERRORS_NEED_PURPOSE);
        res.status(200);
        res.setHeader("content-disposition", `attachment; filename="import-${job.id}.${ext}"`);
        if (ext === "csv") {
          res.type("text/csv; charset=utf-8");
          await writeCsvReport(res, service.store, job, { acceptedRows: req.query.rows === "all", warnings: req.query.warnings === "true" });
        } else {
          res.type("application/json; charset=utf-8");
          await writeJsonReport(res, service.store, job);
        }
        res.end();
      } catch (error) {
        if (error instanceof HttpProblem) return send(res, error);
        deps.log.error({ err: error }, "import report failed");
        if (res.headersSent) res.destroy();
        else send(res, new HttpProblem(500, "INTERNAL_SERVER_ERROR", "Internal server error"));
      }
    });
  };
}
