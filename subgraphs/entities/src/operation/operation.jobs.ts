import type { ScheduledJob } from "@cix/core";
import { purgeExpiredOperationData } from "./operation.repository.js";

/** Hourly: operation-only data whose retention period has run out is deleted. */
export const purgeOperationDataJob: ScheduledJob = {
  name: "purge-operation-data",
  intervalMs: 60 * 60 * 1000,
  async run(db, log) {
    const purged = await purgeExpiredOperationData(db);
    if (purged.operations > 0) log.info(purged, "purged operation-only data past retention");
  },
};
