import { expect } from "vitest";
import type { TestStack } from "./stack.js";

/** Polls `importJob(id) { status <fields> }` through the gateway until the job is no longer RUNNING. */
export async function waitForImportJob<T extends { status: string }>(
  stack: Pick<TestStack, "query">,
  id: string,
  headers: Record<string, string>,
  fields = "accepted rejected",
): Promise<T> {
  const query = `query($id: ID!) { importJob(id: $id) { status ${fields} } }`;
  // Jobs run in the background of a loaded test machine: give them time, but not forever.
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; ) {
    const res = await stack.query<{ importJob: T | null }>(query, { id }, headers);
    expect(res.errors).toBeUndefined();
    const job = res.data!.importJob;
    if (!job) throw new Error(`import job ${id} is not visible to this caller`);
    if (job.status !== "RUNNING") return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`import job ${id} did not finish`);
}
