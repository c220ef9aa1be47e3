import { isAbsolute, join } from "node:path";
import { loadConfig, repoRoot } from "@cix/core";
import { LocalDiskPhotoStore } from "./local-disk-photo-store.js";
import type { PhotoStore } from "./photo-store.js";

let store: PhotoStore | undefined;

/** The process-wide photo store, created on first use in CIX_PHOTO_DIR (default `<repo>/var/photos`, git-ignored). */
export function photoStore(): PhotoStore {
  if (!store) {
    const dir = loadConfig().CIX_PHOTO_DIR;
    store = new LocalDiskPhotoStore(isAbsolute(dir) ? dir : join(repoRoot, dir));
  }
  return store;
}
