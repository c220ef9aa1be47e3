import { Directive } from "type-graphql";

/**
 * Marks nominal (personal) data, printed into the subgraph SDL as `@nominal`, composed into the supergraph, and the
 * single source of the permission rules (core/src/permissions/rules.ts):
 * - on a field: the field's value is personal data, decided on the record the field belongs to;
 * - on a type (Person, Company, Party, the identifiers): every object of it is about a person or company, so any
 *   field that returns one is a link to personal data, disclosed only to callers who may read that object's own
 *   nominal data (otherwise the link is absent), in every subgraph and direction.
 */
export function Nominal(): MethodDecorator & PropertyDecorator & ClassDecorator {
  return Directive("@nominal") as MethodDecorator & PropertyDecorator & ClassDecorator;
}

export const NOMINAL_DIRECTIVE = "nominal";
