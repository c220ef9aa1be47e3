// @cix/client: a small fetch-based client for CIX's API. The typed documents come from src/operations/*.graphql
// (`npm run clients` regenerates them); each carries only the SHA-256 of its text, and the text itself is read from
// the persisted-documents map, so what is sent is exactly what the trusted-document manifest registers.
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import persistedDocuments from "./generated/persisted-documents.json" with { type: "json" };
import { ImportJobDocument, type ImportJobQuery } from "./generated/graphql.js";

export * from "./generated/graphql.js";
export type { TypedDocumentNode };

export interface CixClientOptions {
  /** The gateway's GraphQL endpoint, e.g. `https://cix.example/graphql`; `/import` is found beside it. */
  url: string;
  /** The bearer token, or a function that returns a current one (called for every request, so it may refresh). */
  token: string | (() => string | Promise<string>);
  /** The case or operation reference sent as `x-cix-purpose` (needed for personal data and import reports). */
  purpose?: string;
  /**
   * `text` (default) sends each operation's text; `hash` sends only its SHA-256, which a client registered with a
   * trusted-document manifest may do (an unregistered hash is answered PERSISTED_QUERY_NOT_FOUND, and the client
   * then sends the text).
   */
  send?: "text" | "hash";
  /** How often a request refused with 429 or 503 and a `Retry-After` is tried again (default 3). */
  maxRetries?: number;
  /** The longest wait for one retry, in seconds (default 60): a longer `Retry-After` is an error at once. */
  maxRetryWaitSeconds?: number;
}

/** One GraphQL error of an answer, with the hub's machine-readable `code` (see docs/integrators.md, "Errors"). */
export interface CixGraphQLError {
  message: string;
  code: string;
  path?: ReadonlyArray<string | number>;
  /** The input field an error is about (`input.goods[0].hsCode`), when the hub names one. */
  field?: string;
  extensions: Readonly<Record<string, unknown>>;
}

/** A request the hub refused or answered with errors. `code` and `path` are those of the first error. */
export class CixError extends Error {
  readonly code: string;
  readonly path?: ReadonlyArray<string | number>;
  readonly field?: string;
  /** The `x-request-id` of the answer: quote it to the operators. */
  readonly requestId?: string;
  /** Set when the hub said when to retry (429 RATE_LIMITED, 503 while it is not ready). */
  readonly retryAfterSeconds?: number;

  constructor(
    readonly status: number,
    readonly errors: readonly CixGraphQLError[],
    details: { requestId?: string; retryAfterSeconds?: number } = {},
  ) {
    const first = errors[0];
    super(`${first?.code ?? "UNKNOWN"}${first?.path ? ` at ${first.path.join(".")}` : ""}: ${first?.message ?? `HTTP ${status}`}`);
    this.name = "CixError";
    this.code = first?.code ?? "UNKNOWN";
    this.path = first?.path;
    this.field = first?.field;
    this.requestId = details.requestId;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

/** Variables are optional only for operations whose variables all are. */
export type VariablesArgument<V> = Record<string, never> extends V ? [variables?: V] : [variables: V];

/** What `execute` answers: `data` may be partial, with an error for each field left out (e.g. FORBIDDEN). */
export interface CixResult<R> {
  data: R | null;
  errors: readonly CixGraphQLError[];
  requestId?: string;
}

export type ImportJob = NonNullable<ImportJobQuery["importJob"]>;

/** `POST /import/<kind>`'s answer: the job started (202). */
export interface ImportStarted {
  jobId: string;
  kind: string;
  format: string;
  dryRun: boolean;
  status: string;
  reportCsvUrl: string;
  reportJsonUrl: string;
}

/** `GET /import/jobs/<id>/report.json`: the job, each rejected row's errors, each accepted row's hub id and key. */
export interface ImportReport {
  job: { id: string; kind: string; status: string; totalRows: number; accepted: number; rejected: number; acceptedListed: number; [key: string]: unknown };
  errors: Array<{ row: number; field: string; code: string; message: string }>;
  accepted: Array<{ row: number; id: string; key: Record<string, unknown> }>;
}

const TEXTS: Readonly<Record<string, string>> = persistedDocuments;

export class CixClient {
  private readonly options: Required<Pick<CixClientOptions, "send" | "maxRetries" | "maxRetryWaitSeconds">> & CixClientOptions;

  constructor(options: CixClientOptions) {
    this.options = { send: "text", maxRetries: 3, maxRetryWaitSeconds: 60, ...options };
  }

  /** The same client with another purpose (each case or operation an officer works on). */
  withPurpose(purpose: string): CixClient {
    return new CixClient({ ...this.options, purpose });
  }

  /** Runs an operation and returns its data; any error (even on one field) throws a CixError. */
  async request<R, V extends Record<string, unknown>>(document: TypedDocumentNode<R, V>, ...[variables]: VariablesArgument<NoInfer<V>>): Promise<R> {
    const result = await this.execute(document, ...([variables] as VariablesArgument<V>));
    if (result.errors.length > 0 || result.data === null) throw new CixError(200, result.errors, { requestId: result.requestId });
    return result.data;
  }

  /** Runs an operation and returns the data with the errors of the fields left out, throwing only when there is no data. */
  async execute<R, V extends Record<string, unknown>>(document: TypedDocumentNode<R, V>, ...[variables]: VariablesArgument<NoInfer<V>>): Promise<CixResult<R>> {
    const hash = hashOf(document);
    const query = TEXTS[hash];
    if (query === undefined) throw new Error(`The document with hash ${hash} is not one of @cix/client's generated operations (run npm run clients).`);
    const extensions = { persistedQuery: { version: 1, sha256Hash: hash } };
    let answer = await this.post(this.options.send === "hash" ? { variables, extensions } : { query, variables });
    // An unregistered client (or an outdated manifest): send the text, as the persisted-query protocol expects.
    if (this.options.send === "hash" && answer.errors.some((e) => e.code === "PERSISTED_QUERY_NOT_FOUND")) {
      answer = await this.post({ query, variables, extensions });
    }
    if (answer.data === null || answer.data === undefined) throw new CixError(answer.status, answer.errors, answer);
    return { data: answer.data as R, errors: answer.errors, requestId: answer.requestId };
  }

  /**
   * Runs an operation given as text, typed by the caller: for operations not (yet) in src/operations. A client
   * held to its trusted-document manifest is refused these with PERSISTED_QUERY_NOT_IN_LIST.
   */
  async requestText<R = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<R> {
    const answer = await this.post({ query, variables });
    if (answer.errors.length > 0 || answer.data === null || answer.data === undefined) throw new CixError(answer.status, answer.errors, answer);
    return answer.data as R;
  }

  /**
   * Uploads a file to the bulk import (`POST /import/<kind>`: seizures, persons, companies, associations,
   * company-roles, orders, payments, shipments) and returns the job it started. `contentType` names the format
   * (`text/csv`, `application/x-ndjson`, `application/json`, …).
   */
  async startImport(kind: string, body: string | Uint8Array<ArrayBuffer> | Blob, contentType: string, options: { dryRun?: boolean; fileName?: string } = {}): Promise<ImportStarted> {
    const query = new URLSearchParams();
    if (options.dryRun) query.set("dryRun", "true");
    if (options.fileName) query.set("fileName", options.fileName);
    const url = `${this.baseUrl()}/import/${encodeURIComponent(kind)}${query.size ? `?${query}` : ""}`;
    const res = await this.fetchWithRetries(url, { method: "POST", headers: { ...(await this.headers()), "content-type": contentType }, body });
    const { status, json, requestId } = await readJson(res);
    if (status !== 202) throw new CixError(status, errorsOf(json), { requestId });
    return json as ImportStarted;
  }

  /** Polls `importJob` until the job is no longer RUNNING (COMPLETED, FAILED or INTERRUPTED) and returns it. */
  async waitForImport(jobId: string, options: { intervalMs?: number; timeoutMs?: number; errorsFirst?: number } = {}): Promise<ImportJob> {
    const deadline = Date.now() + (options.timeoutMs ?? 600_000);
    for (;;) {
      const { importJob } = await this.request(ImportJobDocument, { id: jobId, errorsFirst: options.errorsFirst ?? 100 });
      if (!importJob) throw new Error(`Import job ${jobId} was not found (it belongs to another agency, or the id is wrong).`);
      if (importJob.status !== "RUNNING") return importJob;
      if (Date.now() > deadline) throw new Error(`Import job ${jobId} is still running after ${options.timeoutMs ?? 600_000} ms.`);
      await sleep(options.intervalMs ?? 500);
    }
  }

  /** The job's JSON report: rejected rows with their errors, accepted rows with the hub id of the record written. */
  async importReport(jobId: string): Promise<ImportReport> {
    const res = await this.fetchWithRetries(`${this.baseUrl()}/import/jobs/${encodeURIComponent(jobId)}/report.json`, { headers: await this.headers() });
    const { status, json, requestId } = await readJson(res);
    if (status !== 200) throw new CixError(status, errorsOf(json), { requestId });
    return json as ImportReport;
  }

  private baseUrl(): string {
    return this.options.url.replace(/\/graphql\/?$/, "");
  }

  private async headers(): Promise<Record<string, string>> {
    const token = typeof this.options.token === "function" ? await this.options.token() : this.options.token;
    return { authorization: `Bearer ${token}`, ...(this.options.purpose ? { "x-cix-purpose": this.options.purpose } : {}) };
  }

  private async post(body: Record<string, unknown>): Promise<{ status: number; data?: unknown; errors: CixGraphQLError[]; requestId?: string }> {
    const res = await this.fetchWithRetries(this.options.url, {
      method: "POST",
      headers: { ...(await this.headers()), "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
    });
    const { status, json, requestId } = await readJson(res);
    const retryAfterSeconds = retryAfter(res.headers);
    if (status === 429 || status === 503) throw new CixError(status, errorsOf(json), { requestId, retryAfterSeconds });
    return { status, data: (json as { data?: unknown } | null)?.data ?? null, errors: errorsOf(json), requestId };
  }

  /** Sends a request again after the `Retry-After` of a 429 or 503, up to maxRetries times. */
  private async fetchWithRetries(url: string, init: RequestInit): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(url, init);
      if (res.status !== 429 && res.status !== 503) return res;
      const wait = retryAfter(res.headers);
      if (wait === undefined || wait > this.options.maxRetryWaitSeconds || attempt >= this.options.maxRetries) return res;
      await res.arrayBuffer();
      await sleep(wait * 1000);
    }
  }
}

function hashOf(document: TypedDocumentNode<unknown, never> | object): string {
  const hash = (document as { __meta__?: { hash?: unknown } }).__meta__?.hash;
  if (typeof hash !== "string") throw new Error("Not a generated @cix/client document (it has no __meta__.hash).");
  return hash;
}

/** Retry-After in seconds (delta-seconds or an HTTP date), or undefined. */
function retryAfter(headers: Headers): number | undefined {
  const value = headers.get("retry-after");
  if (!value) return undefined;
  const seconds = /^\d+$/.test(value) ? Number(value) : Math.ceil((Date.parse(value) - Date.now()) / 1000);
  return Number.isFinite(seconds) ? Math.max(0, seconds) : undefined;
}

async function readJson(res: Response): Promise<{ status: number; json: unknown; requestId?: string }> {
  const text = await res.text();
  const requestId = res.headers.get("x-request-id") ?? undefined;
  try {
    return { status: res.status, json: JSON.parse(text) as unknown, requestId };
  } catch {
    // Not the hub's JSON (a proxy's error page): an error with the HTTP status, never the page itself.
    return { status: res.status, json: { errors: [{ message: `HTTP ${res.status} without a JSON body`, extensions: { code: "BAD_RESPONSE" } }] }, requestId };
  }
}

function errorsOf(json: unknown): CixGraphQLError[] {
  const errors = (json as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.map((raw: { message?: unknown; path?: unknown; extensions?: Record<string, unknown> }) => {
    const extensions = raw.extensions ?? {};
    return {
      message: typeof raw.message === "string" ? raw.message : "(no message)",
      code: typeof extensions.code === "string" ? extensions.code : "UNKNOWN",
      ...(Array.isArray(raw.path) ? { path: raw.path as Array<string | number> } : {}),
      ...(typeof extensions.field === "string" ? { field: extensions.field } : {}),
      extensions,
    };
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
