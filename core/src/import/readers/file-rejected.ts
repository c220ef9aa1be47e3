/** The file cannot be read on from `row` (broken XML, a DOCTYPE, a record over the size limit): the import stops there. */
export class FileRejectedError extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(message);
    this.name = "FileRejectedError";
  }
}

/** Limits every reader applies, so a hostile or broken file cannot exhaust memory. */
export interface ReaderLimits {
  /** Largest single record (a CSV row, a JSON element, an NDJSON line, an XML record element), in bytes/characters. */
  maxRecordBytes: number;
}
