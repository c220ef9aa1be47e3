import type { GraphQLInputFieldConfigMap, GraphQLSchema } from "graphql";
import type { SubgraphName } from "../config.js";
import type { Database } from "../neo4j/database.js";

/** The file formats the import reads. */
export const IMPORT_FORMATS = ["csv", "xlsx", "xml", "json", "ndjson"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/**
 * Why a row was rejected. Every code names what the sender must fix:
 * - REQUIRED: a mandatory field is missing or empty;
 * - UNKNOWN_FIELD: a column or element the kind does not have (map it with a column mapping, or map it to null to ignore it);
 * - INVALID_NUMBER / INVALID_BOOLEAN / INVALID_DATE / INVALID_ENUM / INVALID_CODE / INVALID_FORMAT: the value is not of
 *   the field's type (INVALID_CODE: not in its code list: HS 2022, UN/LOCODE, ISO 3166, ISO 4217, IATA);
 * - INVALID_VALUE: the hub's validation refused it (ranges, cross-field consistency), the same check as the mutation's;
 * - REFERENCE_NOT_FOUND: a natural-key reference (e.g. a person reference or an order number) names no stored record;
 * - MALFORMED_ROW: the row itself cannot be read (wrong number of cells, broken JSON line);
 * - WRITE_FAILED: valid, but could not be stored (the row was retried alone and still failed);
 * - FILE_REJECTED: the file as a whole was refused from this point on (e.g. a DOCTYPE in XML, broken XML).
 */
export const ROW_ERROR_CODES = [
  "REQUIRED",
  "UNKNOWN_FIELD",
  "INVALID_NUMBER",
  "INVALID_BOOLEAN",
  "INVALID_DATE",
  "INVALID_ENUM",
  "INVALID_CODE",
  "INVALID_FORMAT",
  "INVALID_VALUE",
  "REFERENCE_NOT_FOUND",
  "MALFORMED_ROW",
  "WRITE_FAILED",
  "FILE_REJECTED",
] as const;
export type RowErrorCode = (typeof ROW_ERROR_CODES)[number];

/** One problem of one row: where (row and field path), what kind (code) and a message saying what was expected. */
export interface RowError {
  /** CSV/XLSX: spreadsheet row (the header is row 1); NDJSON: line; JSON: array element (from 1); XML: record element (from 1). */
  row: number;
  /** Field path in the kind's own names, e.g. `goods[1].hsCode`; empty for the row as a whole. */
  field: string;
  code: RowErrorCode;
  message: string;
}

/**
 * A row that was stored: its row number, the hub id of the record it created or updated, and that record's natural
 * key as stored (the values of the kind's `naturalKey.fields`, normalised as the upsert does), so the sending
 * system can keep the mapping from its own reference to the hub id.
 */
export interface AcceptedRow {
  row: number;
  id: string;
  key: readonly string[];
}

/** A record as a reader produced it: its row number and its values by path (`goods[0].hsCode`) or nested. */
export interface SourceRecord {
  row: number;
  /** Nested values (JSON, XML) or flat path → value pairs (CSV, XLSX header → cell). */
  value: Record<string, unknown>;
  /** CSV, XLSX: the header row (checked once against the kind's fields). */
  header?: readonly string[];
  /** Whether leaves are text to convert to the field's type (CSV, XLSX, XML) or typed already (JSON). */
  textual: boolean;
  /** Set when the reader could not read the row; the row is rejected with this error. */
  error?: Omit<RowError, "row">;
}

/** Extension key of the input types that name another record by natural key (references.ts). */
export const IMPORT_REFERENCE = "cixImportReference";

/** Who writes, and as which import. */
export interface ImportWriter {
  db: Database;
  /** Owner agency of every record written (the caller's). */
  agency: string;
  /** ISO 3166-1 alpha-2 country of the agency. */
  country: string;
  /** Provenance of the writes: `import:<jobId>`. */
  source: string;
}

/** A row after coercion to the kind's row type: the mutation's input plus the import's reference fields. */
export interface CoercedRow {
  row: number;
  input: Record<string, unknown>;
  /**
   * Errors the engine found already (mapping, shape, coercion): their fields are left out of `input`, so the
   * kind's references and validation still run and report the row's other errors. The engine keeps these itself.
   */
  known?: ReadonlyArray<Omit<RowError, "row">>;
  /** A path in `input` numbered as in the row (list entries left out move the later ones up); identity when absent. */
  rowPath?: (path: string) => string;
}

/**
 * A row ready to store, or why not. `valid` with `errors`: the row validates once the fields the errors name are
 * left out (the engine stores it so only in a lenient import, and only when each of them is an optional value).
 */
export type PreparedRow<T> = { row: number; valid: T; errors?: Array<Omit<RowError, "row">> } | { row: number; errors: Array<Omit<RowError, "row">> };

/** What storing one record did. */
export interface WriteOutcome {
  id: string;
  /** Quality flags the record got (0 when the kind has no quality checks). */
  flags: number;
  /**
   * Whether the write created the record (true) or changed one that existed (false); left out by kinds that cannot
   * tell, whose rows then count in none of created, updated and merged. A kind that gives it must give each row's
   * own record as `id`: rows of one batch with the same id count as one record (the later ones merged).
   */
  created?: boolean;
  /** The record's `source` before this write (null when created): `import:<this job>` means an earlier row of the job wrote it. */
  previousSource?: string | null;
}

/**
 * One kind of record the import reads: its row type is the GraphQL input type of its upsert mutation (so the same
 * scalars, enums and mandatory fields apply), minus the ids a file cannot know, plus natural-key references.
 */
export interface ImportKind<T = unknown> {
  /** URL and CLI name, e.g. "seizures". */
  name: string;
  /** The subgraph that owns (writes) these records. */
  subgraph: SubgraphName;
  description: string;
  /** The GraphQL input type of the upsert mutation, e.g. "SeizureInput". */
  inputType: string;
  /** Input fields a file cannot set (hub ids: they are given as `references` instead). */
  omitFields?: readonly string[];
  /** Fields a row adds (natural-key references resolved to hub ids) or redefines (a natural key made mandatory). */
  extraFields?: (schema: GraphQLSchema) => GraphQLInputFieldConfigMap;
  /**
   * Most rows per transaction for this kind (the engine takes the smaller of this and CIX_IMPORT_BATCH_SIZE): kinds
   * whose upserts still run several statements per record keep their transactions short.
   */
  batchSize?: number;
  /**
   * Most batches of this kind written at once (the engine takes the smaller of this and CIX_IMPORT_CONCURRENCY):
   * kinds that link many records to the same shared nodes (a shop's phone on every order) would only deadlock.
   */
  concurrency?: number;
  /**
   * The natural key of the records this kind writes, for the report's accepted rows (each with the hub id of its
   * record): the key's field names and its value for one prepared row, as the upsert stores it. Kinds that only
   * link records that exist already (associations, company roles) have none, and list no accepted rows.
   */
  naturalKey?: { fields: readonly string[]; of(item: T): readonly string[] };
  /** XML: the document element and the element of one record, e.g. `seizures` / `seizure`. */
  xml: { root: string; record: string };
  /** Template: list fields and how many entries flat templates show (default 1), e.g. `{ goods: 2 }`. */
  templateLists?: Readonly<Record<string, number>>;
  /** Template: example values by field path (indices left out), e.g. `{ "conveyance.flightNumber": "KL1234" }`. */
  examples?: Readonly<Record<string, unknown>>;
  /**
   * Resolves references and runs the mutation's own validation on each row of a batch (it must not write).
   * Returns one entry per row, in order.
   */
  prepare(rows: readonly CoercedRow[], writer: ImportWriter): Promise<Array<PreparedRow<T>>>;
  /** Stores the records in ONE transaction (all or none), with the mutation's Cypher; one outcome per record, in order. */
  writeBatch(items: readonly T[], writer: ImportWriter): Promise<WriteOutcome[]>;
}

/** Which subgraph owns each import kind: the gateway routes `POST /import/<kind>` by it (each kind's `subgraph` must agree). */
export const IMPORT_KIND_SUBGRAPHS: Readonly<Record<string, SubgraphName>> = {
  seizures: "seizures",
  persons: "entities",
  companies: "entities",
  associations: "entities",
  "company-roles": "entities",
  orders: "ecommerce",
  payments: "ecommerce",
  shipments: "ecommerce",
};
