import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authHeaders } from "../support/auth.js";
import { deleteAgencyData, firstError, minimalCase, upsertSeizure } from "../support/seizures.js";
import { startTestStack, unique, type GraphQLResponse, type TestStack } from "../support/stack.js";

/** A real 1×1 PNG. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
/** Bytes that start like a JPEG (SOI + APP0 marker), unique per run so the store really writes a file. */
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(64)]);

const ADD = `mutation($id: ID!, $content: String!, $mime: String!, $caption: String) {
  addSeizurePhoto(seizureId: $id, contentBase64: $content, mimeType: $mime, caption: $caption) {
    id photos { sha256 mimeType caption sizeBytes addedAt }
  }
}`;

interface Added {
  addSeizurePhoto: { id: string; photos: Array<{ sha256: string; mimeType: string; caption: string | null; sizeBytes: number; addedAt: string }> };
}

describe("seizure photos: content-addressed files outside the graph, metadata in it", () => {
  let stack: TestStack;
  let as: Record<string, string>;
  let seizureId: string;
  const agency = unique("TEST-SZP");
  const photoDir = mkdtempSync(join(tmpdir(), "cix-photos-"));

  beforeAll(async () => {
    // The store is created on first use, from the environment of this (test) process.
    process.env.CIX_PHOTO_DIR = photoDir;
    stack = await startTestStack();
    as = await authHeaders({ role: "investigator", agency, country: "NL", purpose: "CASE seizures-e2e" });
    seizureId = (await upsertSeizure(stack, minimalCase("PHOTO-1", { concealment: { method: "LUGGAGE_FALSE_BOTTOM" } }), as)).data!.upsertSeizure.id;
  });

  afterAll(async () => {
    await deleteAgencyData(stack.db, agency);
    await stack.stop();
    rmSync(photoDir, { recursive: true, force: true });
  });

  const add = (content: string, mime: string, caption?: string, id = seizureId): Promise<GraphQLResponse<Added>> =>
    stack.query<Added>(ADD, { id, content, mime, caption }, as);

  it("stores the file under its SHA-256 and the metadata on the case", async () => {
    const res = await add(JPEG.toString("base64"), "image/jpeg", "False bottom opened");
    expect(res.errors).toBeUndefined();
    const sha256 = createHash("sha256").update(JPEG).digest("hex");
    expect(res.data!.addSeizurePhoto.photos).toEqual([
      { sha256, mimeType: "image/jpeg", caption: "False bottom opened", sizeBytes: JPEG.length, addedAt: expect.any(String) },
    ]);
    expect(readFileSync(join(photoDir, sha256.slice(0, 2), sha256)).equals(JPEG)).toBe(true);

    // Adding the same file again keeps one file and one Photo node, with the new caption.
    const again = await add(JPEG.toString("base64"), "IMAGE/JPEG", "Close-up");
    expect(again.data!.addSeizurePhoto.photos.map((p) => [p.sha256, p.caption])).toEqual([[sha256, "Close-up"]]);
    const [row] = await stack.db.read<{ n: number; size: number }>(
      "MATCH (:Seizure { id: $seizureId })-[:PHOTO]->(p:Photo { sha256: $sha256 }) RETURN count(p) AS n, max(p.sizeBytes) AS size",
      { seizureId, sha256 },
    );
    expect(row).toEqual({ n: 1, size: JPEG.length });
  });

  it("accepts PNG and lists photos on the case", async () => {
    const res = await add(PNG.toString("base64"), "image/png");
    expect(res.errors).toBeUndefined();
    expect(res.data!.addSeizurePhoto.photos.map((p) => p.mimeType)).toContain("image/png");
  });

  it.each<[string, string, string, string]>([
    ["a type that is not JPEG, PNG or WebP", PNG.toString("base64"), "image/gif", "mimeType"],
    ["content that is not what its type says", PNG.toString("base64"), "image/jpeg", "contentBase64"],
    ["content that is not base64", "not base64!", "image/png", "contentBase64"],
    ["a data: URL instead of base64", `data:image/png;base64,${PNG.toString("base64")}`, "image/png", "contentBase64"],
  ])("rejects %s, storing nothing", async (_what, content, mime, field) => {
    const before = await photoCount();
    expect(firstError(await add(content, mime))).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(await photoCount()).toBe(before);
  });

  it("refuses photos on another agency's case and on unknown cases", async () => {
    const other = await authHeaders({ role: "investigator", agency: unique("TEST-OTHER"), country: "BE" });
    const res = await stack.query(ADD, { id: seizureId, content: PNG.toString("base64"), mime: "image/png" }, other);
    expect(firstError(res).code).toBe("FORBIDDEN");
    expect(firstError(await add(PNG.toString("base64"), "image/png", undefined, "no-such-case")).code).toBe("NOT_FOUND");
  });

  async function photoCount(): Promise<number> {
    const [row] = await stack.db.read<{ n: number }>("MATCH (:Seizure { id: $seizureId })-[:PHOTO]->(p:Photo) RETURN count(p) AS n", { seizureId });
    return row!.n;
  }
});
