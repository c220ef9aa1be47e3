import { Directive } from "type-graphql";

/**
 * Marks a field as nominal (personal) data. The marking is printed into the subgraph SDL as `@nominal`,
 * composed into the supergraph, and is the single source of the permission rules.
 */
export function Nominal(): MethodDecorator & PropertyDecorator {
  return Directive("@nominal") as MethodDecorator & PropertyDecorator;
}

export const NOMINAL_DIRECTIVE = "nominal";
