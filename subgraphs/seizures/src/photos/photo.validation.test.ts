import type { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { checkMimeType, decodePhoto, MAX_PHOTO_BYTES } from "./photo.validation.js";

const jpegOfSize = (size: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(size - 4)]);

function errorOf(fn: () => unknown): GraphQLError {
  try {
    fn();
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error("expected an error");
}

describe("photo validation", () => {
  it("accepts a file of exactly 10 MB and refuses one byte more with a clear message", () => {
    expect(decodePhoto(jpegOfSize(MAX_PHOTO_BYTES).toString("base64"), "image/jpeg").length).toBe(MAX_PHOTO_BYTES);
    const error = errorOf(() => decodePhoto(jpegOfSize(MAX_PHOTO_BYTES + 1).toString("base64"), "image/jpeg"));
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "contentBase64" });
    expect(error.message).toBe(`The photo is ${MAX_PHOTO_BYTES + 1} bytes; the limit is 10 MB (${MAX_PHOTO_BYTES} bytes).`);
  });

  it("checks the file signature of each type", () => {
    const webp = Buffer.concat([Buffer.from("RIFF"), Buffer.alloc(4), Buffer.from("WEBPVP8 "), Buffer.alloc(8)]);
    expect(decodePhoto(webp.toString("base64"), "image/webp").equals(webp)).toBe(true);
    expect(errorOf(() => decodePhoto(webp.toString("base64"), "image/png")).extensions).toMatchObject({ field: "contentBase64" });
  });

  it("takes the MIME type case-insensitively and only for JPEG, PNG and WebP", () => {
    expect(checkMimeType(" Image/PNG ")).toBe("image/png");
    expect(errorOf(() => checkMimeType("image/svg+xml")).extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "mimeType" });
  });
});
