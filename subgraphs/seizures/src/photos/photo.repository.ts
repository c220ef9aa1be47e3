import type { Database, Viewer } from "@cix/core";
import { requireOwnCase } from "../access.js";
import type { SeizurePhoto } from "../seizure/seizure.types.js";
import type { PhotoStore } from "./photo-store.js";
import type { PhotoMimeType } from "./photo.validation.js";

/** Photo nodes are found by hash too: the same file in two cases is a link worth seeing. */
export const photoSchema: readonly string[] = [
  "CREATE INDEX photo_sha256 IF NOT EXISTS FOR (p:Photo) ON (p.sha256)",
];

const PHOTO_PROJECTION = "p { .sha256, .mimeType, .caption, .sizeBytes, .addedAt }";

export interface NewPhoto {
  bytes: Buffer;
  mimeType: PhotoMimeType;
  caption: string | null;
}

/** Photo metadata: `(:Seizure)-[:PHOTO]->(:Photo {sha256})`, one Photo node per case and file. */
export class PhotoRepository {
  constructor(private readonly db: Database) {}

  /**
   * Stores the file and links its metadata to the case, inside one transaction that first locks the case and
   * checks the caller's agency owns it. Adding the same file again updates its caption.
   */
  add(seizureId: string, viewer: Viewer, photo: NewPhoto, store: PhotoStore): Promise<SeizurePhoto> {
    return this.db.transaction(async (tx) => {
      const [owner] = await tx.run<{ ownerAgency: string }>(
        "MATCH (s:Seizure { id: $seizureId }) SET s.updatedAt = datetime() RETURN s.ownerAgency AS ownerAgency",
        { seizureId },
      );
      requireOwnCase(viewer, seizureId, owner?.ownerAgency);
      const stored = await store.put(photo.bytes, photo.mimeType);
      const [row] = await tx.run<{ photo: SeizurePhoto }>(
        `MATCH (s:Seizure { id: $seizureId })
         MERGE (s)-[:PHOTO]->(p:Photo { sha256: $sha256 })
         ON CREATE SET p.addedAt = datetime()
         SET p.mimeType = $mimeType, p.caption = $caption, p.sizeBytes = toInteger($sizeBytes)
         RETURN ${PHOTO_PROJECTION} AS photo`,
        { seizureId, sha256: stored.hash, mimeType: photo.mimeType, caption: photo.caption, sizeBytes: stored.size },
      );
      return row!.photo;
    });
  }

  async photosOf(seizureIds: readonly string[]): Promise<Array<SeizurePhoto & { seizureId: string }>> {
    const rows = await this.db.read<{ photo: SeizurePhoto & { seizureId: string } }>(
      `UNWIND $seizureIds AS seizureId
       MATCH (:Seizure { id: seizureId })-[:PHOTO]->(p:Photo)
       RETURN p { .sha256, .mimeType, .caption, .sizeBytes, .addedAt, seizureId: seizureId } AS photo
       ORDER BY p.addedAt, p.sha256`,
      { seizureIds },
    );
    return rows.map((r) => r.photo);
  }
}
