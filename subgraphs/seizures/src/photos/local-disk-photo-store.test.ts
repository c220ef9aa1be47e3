import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LocalDiskPhotoStore } from "./local-disk-photo-store.js";

describe("LocalDiskPhotoStore", () => {
  const dir = mkdtempSync(join(tmpdir(), "cix-photo-store-"));
  const store = new LocalDiskPhotoStore(dir);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("stores bytes under their SHA-256, once, and reads them back", async () => {
    const bytes = Buffer.from("a photo");
    const hash = createHash("sha256").update(bytes).digest("hex");
    expect(await store.put(bytes)).toEqual({ hash, size: bytes.length });
    expect(await store.put(bytes)).toEqual({ hash, size: bytes.length });
    expect(readdirSync(join(dir, hash.slice(0, 2)))).toEqual([hash]);
    expect(Buffer.from((await store.get(hash))!).equals(bytes)).toBe(true);
  });

  it("answers null for unknown hashes and for anything that is not a hash", async () => {
    expect(await store.get("0".repeat(64))).toBeNull();
    expect(await store.get("../../etc/passwd")).toBeNull();
  });
});
