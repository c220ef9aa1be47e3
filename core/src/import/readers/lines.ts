import { createReadStream } from "node:fs";
import { FileRejectedError } from "./file-rejected.js";

/**
 * The lines of a UTF-8 file, streamed; a line longer than `maxChars` stops the read with a FileRejectedError instead
 * of being held in memory (Node's readline would buffer a 100 MB line whole).
 */
export async function* readLines(file: string, maxChars: number): AsyncGenerator<{ line: number; text: string }> {
  let pending = "";
  let line = 0;
  for await (const chunk of createReadStream(file, { encoding: "utf8", highWaterMark: 256 * 1024 })) {
    pending += chunk as string;
    let start = 0;
    for (let nl = pending.indexOf("\n", start); nl >= 0; nl = pending.indexOf("\n", start)) {
      line++;
      yield { line, text: pending.slice(start, nl).replace(/\r$/, "") };
      start = nl + 1;
    }
    pending = pending.slice(start);
    if (pending.length > maxChars) throw new FileRejectedError(line + 1, `Line ${line + 1} is longer than the limit of ${maxChars} characters for one record.`);
  }
  if (pending !== "") yield { line: line + 1, text: pending.replace(/\r$/, "") };
}
