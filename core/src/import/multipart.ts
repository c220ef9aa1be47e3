import type { IncomingMessage } from "node:http";
import type { Readable } from "node:stream";
import busboy from "busboy";
import { formatOfContentType, formatOfFileName, isImportFormat } from "./formats.js";
import type { ImportFormat } from "./types.js";

/**
 * `multipart/form-data` uploads (an HTML form, `curl -F file=@cases.csv`, `FormData` in a browser or Node): a `file`
 * part holding the file and an optional `mapping` part holding the column mapping (JSON, as in the mapping header),
 * parsed as a stream by busboy so that the file goes straight to the spool, as a raw body does.
 */

/** The part holding the file. */
export const FILE_PART = "file";
/** The optional part holding the column mapping (a text field, or a small file such as `mapping.json`). */
export const MAPPING_PART = "mapping";
/**
 * What a multipart body may carry besides the file: the part headers, boundaries and the mapping. The import limit
 * (CIX_IMPORT_MAX_BYTES) is the file's; a declared body is refused only past the limit plus this.
 */
export const MULTIPART_OVERHEAD_BYTES = 512 * 1024;

/** Whether a content type is `multipart/form-data` (parameters such as the boundary ignored). */
export function isMultipart(contentType: string | undefined): boolean {
  return contentType?.split(";")[0]?.trim().toLowerCase() === "multipart/form-data";
}

/** The largest body an upload of this content type may declare, for a file limit of `fileLimit` bytes. */
export function importBodyLimit(contentType: string | undefined, fileLimit: number): number {
  return isMultipart(contentType) ? fileLimit + MULTIPART_OVERHEAD_BYTES : fileLimit;
}

/** A multipart body the upload cannot take: 400 (or 415 for a file of no import format), naming the part. */
export class MultipartRefused extends Error {
  constructor(
    readonly status: 400 | 415,
    readonly code: "BAD_REQUEST" | "UNSUPPORTED_MEDIA_TYPE",
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

const bad = (message: string, field: string) => new MultipartRefused(400, "BAD_REQUEST", message, field);
const unknownPart = (name: string | undefined) => {
  const shown = (name ?? "").slice(0, 50);
  return bad(`Unknown part "${shown}": a multipart upload has a "${FILE_PART}" part and optionally a "${MAPPING_PART}" part.`, shown);
};

export interface MultipartOptions<S> {
  /** The `format` query parameter, which wins over the part's content type and file name. */
  formatParam: string | undefined;
  /** Whether the request also carries the mapping header (a mapping may be given once). */
  mappingHeaderGiven: boolean;
  /** Longest mapping accepted, in characters (as for the header). */
  maxMappingChars: number;
  /** Stores the file part's content (the spool, with its size limit); may throw the 413 answer. */
  store(file: Readable, format: ImportFormat): Promise<S>;
  /** Removes what `store` kept, when the request is refused after all. */
  discard(stored: S): Promise<void>;
}

export interface MultipartUpload<S> {
  stored: S;
  format: ImportFormat;
  /** The file part's file name (its last path segment), or null. */
  fileName: string | null;
  /** The mapping part's text, or null without one. */
  mapping: string | null;
}

const PRINTABLE_NAME = /^[^\p{Cc}\p{Cf}]{1,200}$/u;

/**
 * Reads a multipart upload: exactly one `file` part (its format from `?format=`, else the part's content type, else
 * its file name's extension) and at most one `mapping` part; any other part, a second file or mapping, a mapping
 * given in the header as well, or a body that is not well-formed multipart is refused with 400 and the part's name.
 * The body is read to its end even when refused, so the client gets the answer rather than a reset connection.
 */
export function receiveMultipart<S>(req: IncomingMessage, options: MultipartOptions<S>): Promise<MultipartUpload<S>> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: "utf8",
        // A third part is refused anyway (busboy reads up to the limit): parts past it are skipped unparsed.
        limits: { parts: 3, fieldSize: options.maxMappingChars * 4, headerPairs: 16 },
      });
    } catch {
      reject(bad("The multipart/form-data body needs a boundary parameter in its Content-Type.", FILE_PART));
      return;
    }
    let refusal: MultipartRefused | undefined;
    const refuse = (problem: MultipartRefused) => (refusal ??= problem);
    let stored: Promise<S> | undefined;
    let format: ImportFormat | undefined;
    let fileName: string | null = null;
    let mapping: string | null = null;
    const takeMapping = (text: string, truncated: boolean) => {
      if (options.mappingHeaderGiven) return refuse(bad("Give the column mapping once: in the mapping part or in the x-cix-import-mapping header, not both.", MAPPING_PART));
      if (mapping !== null) return refuse(bad("Give one mapping part.", MAPPING_PART));
      if (truncated || text.length > options.maxMappingChars) return refuse(bad(`The mapping part is longer than ${options.maxMappingChars} characters.`, MAPPING_PART));
      mapping = text;
    };

    parser.on("file", (name, stream, info) => {
      // A body cut off mid-part errors the part's stream, possibly before the spool listens to it: the spool still
      // sees the error (the stream is destroyed), and no error goes unhandled meanwhile.
      stream.on("error", () => undefined);
      if (name === MAPPING_PART) {
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size <= options.maxMappingChars * 4) chunks.push(chunk);
        });
        stream.on("end", () => takeMapping(Buffer.concat(chunks).toString("utf8"), size > options.maxMappingChars * 4));
        return;
      }
      if (name !== FILE_PART) refuse(unknownPart(name));
      else if (stored) refuse(bad(`Send one file per upload: there is a second "${FILE_PART}" part.`, FILE_PART));
      else {
        const given = info.filename;
        format = pickFormat(options.formatParam, info.mimeType, given);
        if (given !== undefined && !PRINTABLE_NAME.test(given)) refuse(bad("The file name must be 1 to 200 printable characters.", FILE_PART));
        else if (!format) {
          refuse(
            new MultipartRefused(
              415,
              "UNSUPPORTED_MEDIA_TYPE",
              "The file part's content type or file name does not name an import format (.csv, .xlsx, .xml, .json, .ndjson or their content types); name it with ?format=.",
              FILE_PART,
            ),
          );
        } else if (!refusal) {
          fileName = given ?? null;
          stored = options.store(stream, format);
          // Settled in `finish`; this keeps an early rejection from counting as unhandled meanwhile.
          stored.catch(() => undefined);
          return;
        }
      }
      stream.resume();
    });
    parser.on("field", (name, value, info) => {
      if (name === MAPPING_PART) takeMapping(value, info.valueTruncated);
      else if (name === FILE_PART) refuse(bad(`The "${FILE_PART}" part must be a file (a part with a file name), not a text field.`, FILE_PART));
      else refuse(unknownPart(name));
    });
    // The third part was refused on its own (a second file or mapping, or an unknown name); this says why the rest are ignored.
    parser.on("partsLimit", () => refuse(bad(`A multipart upload has at most two parts: "${FILE_PART}" and "${MAPPING_PART}".`, FILE_PART)));

    let settled = false;
    const finish = async (error?: Error) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      // A malformed body may leave the file part unfinished: the spool then fails too, and is cleaned up by `store`.
      const outcome = await (stored ?? Promise.resolve(undefined)).then(
        (value) => ({ value, failure: undefined }),
        (failure: unknown) => ({ value: undefined, failure }),
      );
      const problem = error ? bad(`The multipart/form-data body is malformed: ${error.message}.`, FILE_PART) : refusal;
      if (problem || outcome.failure) {
        if (outcome.value !== undefined) await options.discard(outcome.value);
        reject(problem ?? outcome.failure);
        return;
      }
      if (outcome.value === undefined || !format) {
        reject(bad(`The multipart upload has no "${FILE_PART}" part.`, FILE_PART));
        return;
      }
      resolve({ stored: outcome.value, format, fileName, mapping });
    };
    parser.on("error", (error: Error) => void finish(error));
    parser.on("close", () => void finish());
    // A client that goes away mid-upload: the parser is destroyed, which ends the file part (and its spool) with an error.
    req.on("error", (error) => parser.destroy(error));
    req.on("close", () => {
      if (!req.complete) parser.destroy(new Error("the upload was interrupted"));
    });
    req.pipe(parser);
  });
}

/** `?format=` first, then the part's content type when it names a format (clients often send octet-stream), then the extension. */
function pickFormat(formatParam: string | undefined, mimeType: string, fileName: string | undefined): ImportFormat | undefined {
  if (formatParam !== undefined) return isImportFormat(formatParam) ? formatParam : undefined;
  return formatOfContentType(mimeType) ?? (fileName ? formatOfFileName(fileName) : undefined);
}
