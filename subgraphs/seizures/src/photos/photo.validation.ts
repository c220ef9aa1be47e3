import { badUserInput } from "@cix/core";

export const PHOTO_MIME_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export type PhotoMimeType = (typeof PHOTO_MIME_TYPES)[number];
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The file signature each accepted type starts with, so a file cannot pass as an image it is not. */
const SIGNATURES: Readonly<Record<PhotoMimeType, (b: Buffer) => boolean>> = {
  "image/jpeg": (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  "image/png": (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  "image/webp": (b) => b.toString("latin1", 0, 4) === "RIFF" && b.toString("latin1", 8, 12) === "WEBP",
};

export function checkMimeType(mimeType: string): PhotoMimeType {
  const mime = mimeType.trim().toLowerCase();
  if (!(PHOTO_MIME_TYPES as readonly string[]).includes(mime)) throw badUserInput("mimeType", PHOTO_MIME_TYPES.join(", "));
  return mime as PhotoMimeType;
}

/**
 * The photo's bytes from standard base64 (no data: URL prefix), at most 10 MB decoded, starting with the
 * signature of `mime`. The size is checked before decoding, so an oversized upload is not decoded at all.
 */
export function decodePhoto(contentBase64: string, mime: PhotoMimeType): Buffer {
  const text = contentBase64.replace(/\s+/g, "");
  if (text.length === 0 || text.length % 4 !== 0 || !BASE64.test(text)) {
    throw badUserInput("contentBase64", "the file content in standard base64, without a data: URL prefix");
  }
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  const size = (text.length / 4) * 3 - padding;
  if (size > MAX_PHOTO_BYTES) {
    throw badUserInput("contentBase64", `a file of at most 10 MB (${MAX_PHOTO_BYTES} bytes)`, `The photo is ${size} bytes; the limit is 10 MB (${MAX_PHOTO_BYTES} bytes).`);
  }
  const bytes = Buffer.from(text, "base64");
  if (!SIGNATURES[mime](bytes)) throw badUserInput("contentBase64", `the content of a ${mime} file (its signature does not match)`);
  return bytes;
}
