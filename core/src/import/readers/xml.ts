import { createReadStream } from "node:fs";
import { SaxesParser } from "saxes";
import type { SourceRecord } from "../types.js";
import { FileRejectedError, type ReaderLimits } from "./file-rejected.js";

/** Deepest element nesting accepted inside a record (the deepest kind needs 4). */
const MAX_DEPTH = 16;
/** Most elements in one record. */
const MAX_ELEMENTS = 20_000;

interface Frame {
  name: string;
  fields: Record<string, unknown>;
  text: string;
  children: number;
}

const localName = (name: string) => name.slice(name.indexOf(":") + 1);

/**
 * XML, streamed with a SAX parser: a document element (e.g. `<seizures>`) whose child elements are the records
 * (`<seizure>`), numbered from 1. Inside a record, an element with child elements is an object and one with text a
 * value; a list is its element repeated (`<goods>…</goods><goods>…</goods>`, `<phones>…</phones><phones>…</phones>`).
 * Attributes are not read. Safe against entity expansion: a DOCTYPE (where entities would be declared) rejects the
 * file, undeclared entities are errors, and records over the size, depth or element limits stop the read.
 */
export async function* readXml(file: string, limits: ReaderLimits): AsyncGenerator<SourceRecord> {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: Frame[] = [];
  const ready: SourceRecord[] = [];
  let records = 0;
  let recordChars = 0;
  let recordElements = 0;
  let rejection: FileRejectedError | null = null;
  const reject = (message: string) => {
    rejection ??= new FileRejectedError(records + 1, message);
  };

  parser.on("doctype", () => reject("XML with a DOCTYPE is refused: document type declarations (and the entities they declare) are not accepted."));
  parser.on("opentag", (tag) => {
    if (stack.length === 1) {
      recordChars = 0;
      recordElements = 0;
    }
    if (stack.length > MAX_DEPTH) reject(`Record ${records + 1} nests elements deeper than ${MAX_DEPTH} levels.`);
    if (++recordElements > MAX_ELEMENTS) reject(`Record ${records + 1} has more than ${MAX_ELEMENTS} elements.`);
    const parent = stack[stack.length - 1];
    if (parent) parent.children++;
    stack.push({ name: localName(tag.name), fields: {}, text: "", children: 0 });
  });
  const addText = (text: string) => {
    const frame = stack[stack.length - 1];
    if (!frame || stack.length < 3) return;
    recordChars += text.length;
    if (recordChars > limits.maxRecordBytes) reject(`Record ${records + 1} is larger than the limit of ${limits.maxRecordBytes} characters.`);
    else frame.text += text;
  };
  parser.on("text", addText);
  parser.on("cdata", addText);
  parser.on("closetag", () => {
    const frame = stack.pop()!;
    const parent = stack[stack.length - 1];
    if (stack.length === 1) {
      // Nothing after a rejection is read: the file is refused from there on.
      if (rejection) return;
      records++;
      ready.push({ row: records, value: frame.fields, textual: true });
    } else if (parent && stack.length >= 2) {
      const value = frame.children > 0 ? frame.fields : frame.text;
      const existing = parent.fields[frame.name];
      if (existing === undefined) parent.fields[frame.name] = value;
      // A repeated element is a list (record values are text or objects, never arrays, until an element repeats).
      else if (Array.isArray(existing)) existing.push(value);
      else parent.fields[frame.name] = [existing, value];
    }
  });
  parser.on("error", (error) => reject(`The XML is not well-formed: ${error.message}`));

  for await (const chunk of createReadStream(file, { encoding: "utf8", highWaterMark: 256 * 1024 })) {
    parser.write(chunk as string);
    yield* ready.splice(0);
    if (rejection) throw rejection;
  }
  parser.close();
  yield* ready.splice(0);
  if (rejection) throw rejection;
}
