import { accessProjection, type AccessEnvelope, type Database } from "@cix/core";

/** Reads (never writes) the entities subgraph's Person and Company nodes: only their id and access envelope. */
export class PartyRepository {
  constructor(private readonly db: Database) {}

  async findRefs(ids: readonly string[]): Promise<Array<{ id: string; __access: AccessEnvelope }>> {
    return this.db.read(
      `UNWIND $ids AS id MATCH (p:Person|Company { id: id }) RETURN p.id AS id, ${accessProjection("p")} AS __access`,
      { ids },
    );
  }
}
