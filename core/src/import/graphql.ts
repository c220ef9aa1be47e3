import { Arg, Ctx, Directive, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root, registerEnumType } from "type-graphql";
import { requireRole } from "../auth/viewer.js";
import { badUserInput, forbidden } from "../errors.js";
import type { RequestContext } from "../graphql/context.js";
import { cursorScope, openCursor, sealCursor } from "../graphql/cursors.js";
import { DateTimeScalar } from "../scalars/index.js";
import { reportUrls, ROW_ERRORS_NEED_PURPOSE } from "./http.js";
import { ImportJobStore, type ImportJobRecord, type ImportJobStatus as Status, type RowProblemList } from "./job-store.js";
import { jobSummary } from "./report.js";
import type { ImportFormat as Format, RowErrorCode } from "./types.js";

export enum ImportJobStatus {
  RUNNING = "RUNNING",
  COMPLETED = "COMPLETED",
  FAILED = "FAILED",
  INTERRUPTED = "INTERRUPTED",
}
// Compile-time check that the GraphQL enum and the store's statuses are the same list.
const _sameStatuses: Record<Status, ImportJobStatus> = ImportJobStatus;
registerEnumType(ImportJobStatus, {
  name: "ImportJobStatus",
  description: "Where an import job stands.",
  valuesConfig: {
    RUNNING: { description: "Reading and storing rows; the process running it shows it is alive (a heartbeat) at least every CIX_IMPORT_HEARTBEAT_SECONDS." },
    COMPLETED: { description: "Every row was read: stored, or rejected with its errors in the report." },
    FAILED: { description: "The file was refused from some point on (see message and the FILE_REJECTED error); rows before it were processed." },
    INTERRUPTED: {
      description:
        "Stopped after a committed batch (by request, a database outage, or its process died: no heartbeat for CIX_IMPORT_STALE_SECONDS); " +
        "`message` says how it resumes (an upload whose spooled file is still there is resumed by the subgraph itself).",
    },
  },
});

export enum ImportFileFormat {
  csv = "csv",
  xlsx = "xlsx",
  xml = "xml",
  json = "json",
  ndjson = "ndjson",
}
const _sameFormats: Record<Format, ImportFileFormat> = ImportFileFormat;
registerEnumType(ImportFileFormat, {
  name: "ImportFileFormat",
  description: "Format of an import file.",
  valuesConfig: {
    csv: { description: "CSV, UTF-8, header row of field paths; `,`, `;` or tab separated." },
    xlsx: { description: "Excel workbook: the first worksheet, header row of field paths." },
    xml: { description: "XML: a document element holding one element per record; no DOCTYPE." },
    json: { description: "JSON: an array of record objects." },
    ndjson: { description: "NDJSON: one JSON record object per line." },
  },
});

export enum ImportErrorCode {
  REQUIRED = "REQUIRED",
  UNKNOWN_FIELD = "UNKNOWN_FIELD",
  INVALID_NUMBER = "INVALID_NUMBER",
  INVALID_BOOLEAN = "INVALID_BOOLEAN",
  INVALID_DATE = "INVALID_DATE",
  INVALID_ENUM = "INVALID_ENUM",
  INVALID_CODE = "INVALID_CODE",
  INVALID_FORMAT = "INVALID_FORMAT",
  INVALID_VALUE = "INVALID_VALUE",
  REFERENCE_NOT_FOUND = "REFERENCE_NOT_FOUND",
  MALFORMED_ROW = "MALFORMED_ROW",
  WRITE_FAILED = "WRITE_FAILED",
  FILE_REJECTED = "FILE_REJECTED",
}
const _sameCodes: Record<RowErrorCode, ImportErrorCode> = ImportErrorCode;
registerEnumType(ImportErrorCode, {
  name: "ImportErrorCode",
  description: "Why an import row was rejected, or (a warning of a lenient import) why a value was left out of a stored row.",
  valuesConfig: {
    REQUIRED: { description: "A mandatory field is missing or empty." },
    UNKNOWN_FIELD: { description: "A column or element that is not a field of the kind." },
    INVALID_NUMBER: { description: "Not a number (decimal point, no thousands separators)." },
    INVALID_BOOLEAN: { description: "Not true/false (yes/no, 1/0)." },
    INVALID_DATE: { description: "Not a date (YYYY-MM-DD) or date-time with time zone." },
    INVALID_ENUM: { description: "Not one of the field's allowed values." },
    INVALID_CODE: { description: "Not in the field's code list (HS 2022, UN/LOCODE, ISO 3166, ISO 4217, IATA)." },
    INVALID_FORMAT: { description: "Not of the field's form (IBAN, phone number, e-mail, …)." },
    INVALID_VALUE: { description: "Refused by the record's validation: a range or a cross-field rule, as the mutation would." },
    REFERENCE_NOT_FOUND: { description: "A natural-key reference names no stored record." },
    MALFORMED_ROW: { description: "The row cannot be read (wrong number of cells, broken JSON line)." },
    WRITE_FAILED: { description: "Valid, but could not be stored." },
    FILE_REJECTED: { description: "The file was refused from this row on (DOCTYPE, broken XML, over a size limit, unknown columns)." },
  },
});

@Directive("@shareable")
@ObjectType({ description: "One problem with one row of an import file." })
export class ImportRowError {
  @Field(() => Int, { description: "CSV/XLSX: spreadsheet row (header = 1); NDJSON: line; JSON: array element (from 1); XML: record element (from 1); 0: the file." })
  row: number;

  @Field(() => String, { description: 'Field path, e.g. "goods[1].hsCode"; empty for the row as a whole.' })
  field: string;

  @Field(() => ImportErrorCode, { description: "Kind of problem." })
  code: ImportErrorCode;

  @Field(() => String, { description: "What is wrong and what was expected." })
  message: string;

  @Field(() => String, { description: "Cursor of this error: pass it as `after` for the errors that follow." })
  cursor: string;
}

@Directive("@shareable")
@ObjectType({ description: "A bulk import job: a file of one kind of record, read row by row; valid rows stored, invalid ones reported." })
export class ImportJob {
  @Field(() => ID, { description: "The job id (also the `source` of every record it wrote: import:<id>)." })
  id: string;

  @Field(() => String, { description: "Kind of records: seizures, persons, companies, orders, payments or shipments." })
  kind: string;

  @Field(() => ImportFileFormat, { description: "Format of the file." })
  format: ImportFileFormat;

  @Field(() => ImportJobStatus, { description: "Where the job stands." })
  status: ImportJobStatus;

  @Field(() => Boolean, { description: "A dry run checks every row but stores nothing." })
  dryRun: boolean;

  @Field(() => Boolean, {
    description:
      "A lenient import (X-CIX-Import-Lenient: true, or the CLI's --lenient) stores a row whose optional values fail their checks without " +
      "those values, each with a warning (see `warnings`); mandatory fields, natural keys and references still reject the row.",
  })
  lenient: boolean;

  @Field(() => String, { nullable: true, description: "Name of the file as sent, if given." })
  fileName: string | null;

  @Field(() => Int, { description: "Rows read so far (valid or not)." })
  totalRows: number;

  @Field(() => Int, { description: "Rows stored (in a dry run: that would be stored)." })
  accepted: number;

  @Field(() => Int, { description: "Rows rejected, each with at least one error." })
  rejected: number;

  @Field(() => Int, { description: "Stored rows that got at least one quality flag (not rejected: to review)." })
  flagged: number;

  @Field(() => Int, {
    description:
      "Accepted rows whose record was new to the hub. accepted = created + updated + merged, except for associations and company roles, " +
      "which are not counted in these three; a dry run counts none.",
  })
  created: number;

  @Field(() => Int, { description: "Accepted rows whose record was stored before this job (by an earlier import or a mutation) and was replaced by the row." })
  updated: number;

  @Field(() => Int, {
    description:
      "Accepted rows whose record an earlier row of this job had written already (the natural key repeats in the file): the later row " +
      "replaced it, and the record is counted once, in created or updated.",
  })
  merged: number;

  @Field(() => Int, { description: "Accepted rows stored without one or more values that failed their checks (lenient imports only)." })
  warned: number;

  @Field(() => Int, { description: "Values left out of stored rows, each a warning (the report keeps the first CIX_IMPORT_MAX_ERRORS)." })
  warningCount: number;

  @Field(() => Int, { description: "Errors found (the report keeps the first CIX_IMPORT_MAX_ERRORS)." })
  errorCount: number;

  @Field(() => Int, { description: "Last row whose batch is committed: a resume continues after it." })
  checkpointRow: number;

  @Field(() => DateTimeScalar, { description: "When the job started." })
  startedAt: string;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it last stopped (completed, failed or interrupted)." })
  finishedAt: string | null;

  @Field(() => String, { nullable: true, description: "Why it failed or was interrupted, and how to resume it." })
  message: string | null;

  @Field(() => String, {
    description:
      "Path of the CSV report on the gateway (GET with your token and a purpose): row,field,code,message, a line per error. With " +
      "?rows=all, every row in row order: row,field,code,message,status,id and the kind's natural-key columns; a line per error of a " +
      "REJECTED row, and a line per ACCEPTED row with the hub id of the record it created or updated. With ?warnings=true (alone or " +
      "with ?rows=all), the same columns and a WARNING line per value a lenient import left out of a stored row.",
  })
  reportCsvUrl: string;

  @Field(() => String, {
    description:
      "Path of the JSON report on the gateway (GET with your token and a purpose): the summary, every error, every warning, and every " +
      "accepted row as { row, id, key } with the hub id of the record it created or updated.",
  })
  reportJsonUrl: string;
}

function toGraphQL(job: ImportJobRecord): ImportJob {
  const s = jobSummary(job);
  return { ...s, format: s.format as ImportFileFormat, status: s.status as ImportJobStatus, ...reportUrls(job.id) };
}

/** `importJob(id)` and the errors of a job. Only investigators and supervisors of the job's agency see it. */
@Resolver(() => ImportJob)
export class ImportJobResolver {
  @Directive("@shareable")
  @Query(() => ImportJob, { nullable: true, description: "An import job of your agency by id; null if there is none (or it is another agency's)." })
  async importJob(@Arg("id", () => ID, { description: "The job id returned by POST /import/<kind> or the CLI." }) id: string, @Ctx() ctx: RequestContext) {
    const viewer = requireRole(ctx.viewer, "investigator", "supervisor");
    const job = await new ImportJobStore(ctx.db, 0).get(id);
    return job && job.ownerAgency === viewer.agency ? toGraphQL(job) : null;
  }

  @FieldResolver(() => [ImportRowError], {
    description: "The job's row errors in row order, a page at a time. They may quote values from the file, so reading them needs a stated purpose.",
  })
  errors(
    @Root() job: ImportJob,
    @Arg("first", () => Int, { defaultValue: 100, description: "How many (1 to 1,000)." }) first: number,
    @Arg("after", () => String, { nullable: true, description: "Cursor of the last error of the previous page." }) after: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ImportRowError[]> {
    return rowProblems(job, "errors", first, after, ctx);
  }

  @FieldResolver(() => [ImportRowError], {
    description:
      "Values a lenient import left out of stored rows, in row order, a page at a time: each with its row, field, the code of the check it " +
      "failed and why; the row was stored without it. They may quote values from the file, so reading them needs a stated purpose.",
  })
  warnings(
    @Root() job: ImportJob,
    @Arg("first", () => Int, { defaultValue: 100, description: "How many (1 to 1,000)." }) first: number,
    @Arg("after", () => String, { nullable: true, description: "Cursor of the last warning of the previous page." }) after: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ImportRowError[]> {
    return rowProblems(job, "warnings", first, after, ctx);
  }
}

/** A page of a job's errors or warnings, with cursors sealed to that list, that job and the caller. */
async function rowProblems(job: ImportJob, list: RowProblemList, first: number, after: string | null, ctx: RequestContext): Promise<ImportRowError[]> {
  if (!ctx.viewer?.purpose) throw forbidden(ROW_ERRORS_NEED_PURPOSE);
  if (!Number.isInteger(first) || first < 1 || first > 1000) throw badUserInput("first", "a whole number from 1 to 1,000");
  const scope = cursorScope(ctx.viewer, `ImportJob.${list}`, { job: job.id });
  const cursor = openCursor(after, scope);
  const afterSeq = cursor ? Number(cursor[0]) : 0;
  if (!Number.isInteger(afterSeq) || afterSeq < 0) throw badUserInput("after", `a cursor of an earlier ${list === "errors" ? "error" : "warning"}`);
  const rows = await new ImportJobStore(ctx.db, 0).errors(job.id, first, afterSeq, list);
  return rows.map((e) => ({ row: e.row, field: e.field, code: e.code as ImportErrorCode, message: e.message, cursor: sealCursor([e.seq], scope) }));
}
