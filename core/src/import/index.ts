/**
 * Bulk import (EDI): format-independent engine. Readers (CSV, XLSX, XML, JSON, NDJSON), column mapping, the row
 * contract (the mutation's GraphQL input type), the job store with checkpoints, reports, templates, the HTTP routes
 * and the `importJob` query. The record kinds themselves (row mappers calling each subgraph's validation and
 * upserts) live in the subgraphs' `src/import/` folders.
 */
export * from "./types.js";
export { FORMAT_CONTENT_TYPES, formatOfContentType, formatOfFileName, isImportFormat } from "./formats.js";
export { ColumnMapping, type MappingSpec } from "./mapping.js";
export { flatten, formatPath, parsePath, pathFromKeys, type PathSegment } from "./paths.js";
export { shapeRecord } from "./shape.js";
export { coerceRow, rowErrorFromValidation, validateRow } from "./coerce.js";
export { importRowType } from "./row-type.js";
export { FileRejectedError, readRecords, type ReaderLimits } from "./readers/index.js";
export {
  DEFAULT_LIVENESS,
  IMPORT_JOB_STATUSES,
  ImportJobLostError,
  ImportJobStore,
  importJobSchema,
  MAX_RECOVERIES,
  PROCESS_INSTANCE,
  type ImportJobRecord,
  type ImportJobStatus as ImportJobState,
  type JobLiveness,
} from "./job-store.js";
export { hashFile, ImportRequestError, openImportJob, runImportJob, type ImportJobRequest, type ImportProgress, type ImportRunOptions } from "./runner.js";
export { ImportService, type ImportServiceDeps, type StartOptions } from "./service.js";
export { importRoutes, importSpoolDir, LENIENT_HEADER, lenientOf, MAPPING_HEADER, reportUrls } from "./http.js";
export { FILE_PART, importBodyLimit, isMultipart, MAPPING_PART, MULTIPART_OVERHEAD_BYTES } from "./multipart.js";
export { jobSummary, writeCsvReport, writeJsonReport } from "./report.js";
export { exampleRecord, exampleRow, fieldsMarkdown, templateFields, templateFile, type TemplateField } from "./template.js";
export { ImportErrorCode, ImportFileFormat, ImportJob, ImportJobResolver, ImportJobStatus, ImportRowError } from "./graphql.js";
export { ProgressBar, type ProgressUpdate } from "./progress.js";
export {
  OrderReferenceImport,
  PartyReferenceImport,
  resolveOrderReferences,
  resolvePartyReferences,
  resolveSeizureReferences,
  SeizureReferenceImport,
  type OrderReference,
  type PartyReference,
  type ReferenceUse,
  type Resolved,
  type SeizureReference,
} from "./references.js";
export { prepareRows } from "./prepare.js";
export { localImportServices, type LocalImportDeps } from "./local.js";
