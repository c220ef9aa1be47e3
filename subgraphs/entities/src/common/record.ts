import type { ownedRecordProperties } from "@cix/core";

/** Record properties of a write: owner agency, source and markings. */
export type RecordProps = ReturnType<typeof ownedRecordProperties>;
