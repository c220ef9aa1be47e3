import { createReadStream } from "node:fs";

/** Line breaks in a file (for the progress bar's total of CSV and NDJSON files), counted in a streamed pass. */
export async function countLines(file: string): Promise<number> {
  let lines = 0;
  let last = 10;
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) {
    const buffer = chunk as Buffer;
    for (let i = buffer.indexOf(10); i >= 0; i = buffer.indexOf(10, i + 1)) lines++;
    if (buffer.length > 0) last = buffer[buffer.length - 1]!;
  }
  return last === 10 ? lines : lines + 1;
}
