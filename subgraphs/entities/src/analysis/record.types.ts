import { createUnionType, Directive, Field, ID, ObjectType } from "type-graphql";
import { Company } from "../company/company.types.js";
import { Address, BankAccount, Email, IdentityDocument, Phone } from "../identifier/identifier.types.js";
import { Person } from "../person/person.types.js";

/*
 * Stubs of the records other subgraphs own. This subgraph only returns `{ __typename, id }` for them; the
 * gateway fetches their fields from the owner, whose permission rules guard them. `resolvable: false`: no
 * other subgraph ever asks this one to resolve them.
 */

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType("Seizure", { description: "A CEN seizure case (owned by the seizures subgraph)." })
export class SeizureStub {
  @Field(() => ID, { description: "The case's hub id." })
  id: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType("Order", { description: "An e-commerce order (owned by the ecommerce subgraph)." })
export class OrderStub {
  @Field(() => ID, { description: "The order's hub id." })
  id: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType("Payment", { description: "A payment (owned by the ecommerce subgraph)." })
export class PaymentStub {
  @Field(() => ID, { description: "The payment's hub id." })
  id: string;
}

@Directive('@key(fields: "id", resolvable: false)')
@ObjectType("Shipment", { description: "A shipment (owned by the ecommerce subgraph)." })
export class ShipmentStub {
  @Field(() => ID, { description: "The shipment's hub id." })
  id: string;
}

/** The record behind a network node; values carry `__typename` (set by the node's `record` resolver). */
export const NetworkRecord = createUnionType({
  name: "NetworkRecord",
  description:
    "The record or identifier a network node stands for, resolved by the subgraph that owns its type and guarded by that " +
    "type's permission rules (nominal fields need a role, a purpose and access to the record).",
  types: () => [SeizureStub, Person, Company, Phone, Email, Address, BankAccount, IdentityDocument, OrderStub, PaymentStub, ShipmentStub] as const,
  resolveType: (value) => (value as { __typename?: string }).__typename,
});
