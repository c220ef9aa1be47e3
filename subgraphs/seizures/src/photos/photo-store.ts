/** Where a stored photo is found again: its SHA-256 (hex) and its size. */
export interface StoredPhoto {
  hash: string;
  size: number;
}

/**
 * Storage for photo files, outside the graph: content-addressed (the SHA-256 of the bytes is the address), so
 * storing the same photo twice keeps one file. The graph holds only the metadata and the hash.
 */
export interface PhotoStore {
  /** Stores the bytes (idempotent). `mime` is for stores that keep a content type (e.g. object storage). */
  put(bytes: Uint8Array, mime: string): Promise<StoredPhoto>;
  /** The bytes stored under `hash`, or null when there are none. */
  get(hash: string): Promise<Uint8Array | null>;
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;
