import { join } from "node:path";
import { repoRoot } from "@cix/core";
import { LocalDiskPhotoStore } from "./local-disk-photo-store.js";
import type { PhotoStore } from "./photo-store.js";

/** Directory of the local photo store: `CIX_PHOTO_DIR`, default `<repo>/var/photos` (git-ignored). */
export const PHOTO_DIR_ENV = "CIX_PHOTO_DIR";

let store: PhotoStore | undefined;

/** The process-wide photo store, created on first use. */
export function photoStore(): PhotoStore {
  store ??= new LocalDiskPhotoStore(process.env[PHOTO_DIR_ENV] || join(repoRoot, "var", "photos"));
  return store;
}
