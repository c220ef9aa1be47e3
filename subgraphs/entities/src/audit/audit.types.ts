import { Connection, DateTimeScalar } from "@cix/core";
import { Field, Int, ObjectType, registerEnumType } from "type-graphql";

export enum AuditKind {
  READ = "READ",
  WRITE = "WRITE",
}
registerEnumType(AuditKind, {
  name: "AuditKind",
  description: "What an audit entry records.",
  valuesConfig: { READ: { description: "A read of nominal data." }, WRITE: { description: "A write (mutation)." } },
});

@ObjectType({ description: "A record touched by an audited request." })
export class AuditedRecord {
  @Field(() => String, { description: "Id of the record." })
  id: string;

  @Field(() => String, { nullable: true, description: "Agency that owns the record (for reads)." })
  ownerAgency: string | null;

  @Field(() => [String], { description: "Nominal fields read, as Type.field." })
  fields: string[];

  @Field(() => [String], { description: "Operations through which the record was shared with the reader." })
  operations: string[];
}

@ObjectType({ description: "One entry of the append-only, hash-chained audit trail." })
export class AuditEntry {
  @Field(() => Int, { description: "Position in the chain." })
  seq: number;

  @Field(() => DateTimeScalar, { description: "When the request was served." })
  at: string;

  @Field(() => AuditKind, { description: "Read of nominal data or write." })
  kind: AuditKind;

  @Field(() => String, { description: "Request id (also in the services' logs)." })
  requestId: string;

  @Field(() => String, { nullable: true, description: "W3C trace id of the request, to find its trace (null when it came without one)." })
  traceId: string | null;

  @Field(() => String, { description: "Subgraph that served the request." })
  component: string;

  @Field(() => String, { description: "Token subject of the officer who made the request." })
  officer: string;

  @Field(() => String, { description: "The officer's agency." })
  agency: string;

  @Field(() => [String], { description: "The officer's roles." })
  roles: string[];

  @Field(() => String, { nullable: true, description: "The stated purpose." })
  purpose: string | null;

  @Field(() => [String], { description: "Root fields of the operation (queries or mutations)." })
  operations: string[];

  @Field(() => [AuditedRecord], { description: "Records read or written." })
  records: AuditedRecord[];
}

export const AuditEntryConnection = Connection("AuditEntry", AuditEntry);
