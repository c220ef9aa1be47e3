export { DEMO_SEED, seedDemoIfEmpty } from "./demo.js";
export { generateDataset, SCALES, type DatasetOptions, type ScaleCounts } from "./generate.js";
export { loadPlan, type LoadOptions, type LoadResult } from "./load-graphql.js";
export { buildManifest, MANIFEST_PATH, writeManifest, type SeedManifest } from "./manifest.js";
export { subsetPlan, type SubsetOptions } from "./subset.js";
export { checkPlanCodes } from "./codes.js";
export type * from "./plan.js";
export { CEN_COUNTS, cenCounts, loadCen, type CenLoadOptions, type CenLoadResult, type PhaseResult } from "./load-import.js";
export { CEN_MANIFEST_PATH, runCen } from "./cen.js";
