import { alignOne, type RequestContext } from "@cix/core";
import { OperationRepository } from "./operation.repository.js";
import type { Operation } from "./operation.types.js";

export function operationById(ctx: RequestContext) {
  return ctx.loaders.get<string, Operation | null>("operationById", async (ids) =>
    alignOne(ids, await new OperationRepository(ctx.db).findByIds(ids), (o) => o.id),
  );
}
