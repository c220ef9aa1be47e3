import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { SHA256_HEX, type PhotoStore, type StoredPhoto } from "./photo-store.js";

/**
 * Photo files on local disk at `<dir>/<first 2 hex digits>/<sha256>`. A file is written under a temporary name
 * and renamed into place, so a reader never sees half a photo and concurrent writers of the same photo agree.
 */
export class LocalDiskPhotoStore implements PhotoStore {
  constructor(readonly dir: string) {}

  /** The path of the file for `hash` (callers check the hash's form first). */
  pathOf(hash: string): string {
    return join(this.dir, hash.slice(0, 2), hash);
  }

  async put(bytes: Uint8Array): Promise<StoredPhoto> {
    const hash = createHash("sha256").update(bytes).digest("hex");
    const path = this.pathOf(hash);
    if (!(await exists(path))) {
      await mkdir(join(this.dir, hash.slice(0, 2)), { recursive: true });
      const temporary = `${path}.${randomUUID()}.tmp`;
      try {
        await writeFile(temporary, bytes, { flag: "wx" });
        await rename(temporary, path);
      } finally {
        await rm(temporary, { force: true });
      }
    }
    return { hash, size: bytes.byteLength };
  }

  async get(hash: string): Promise<Uint8Array | null> {
    if (!SHA256_HEX.test(hash)) return null;
    try {
      return await readFile(this.pathOf(hash));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
