import type { Database } from "@cix/core";
import type { Person, PersonInput } from "./person.types.js";

export const personSchema = ["CREATE CONSTRAINT person_id IF NOT EXISTS FOR (p:Person) REQUIRE p.id IS UNIQUE"];

const PERSON_FIELDS = "p { .id, .fullName, dateOfBirth: toString(p.dateOfBirth) }";

export class PersonRepository {
  constructor(private readonly db: Database) {}

  async create(input: PersonInput): Promise<Person> {
    const rows = await this.db.write<{ person: Person }>(
      `CREATE (p:Person { id: randomUUID(), fullName: $input.fullName, createdAt: datetime() })
       SET p.dateOfBirth = CASE WHEN $input.dateOfBirth IS NULL THEN null ELSE date($input.dateOfBirth) END
       RETURN ${PERSON_FIELDS} AS person`,
      { input: { ...input, dateOfBirth: input.dateOfBirth ?? null } },
    );
    return rows[0]!.person;
  }

  async findByIds(ids: readonly string[]): Promise<Person[]> {
    const rows = await this.db.read<{ person: Person }>(
      `UNWIND $ids AS id MATCH (p:Person { id: id }) RETURN ${PERSON_FIELDS} AS person`,
      { ids },
    );
    return rows.map((r) => r.person);
  }
}
