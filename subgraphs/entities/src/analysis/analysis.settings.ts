import { loadConfig, pseudonymKey } from "@cix/core";

/** The bounds of link analysis and the pseudonym key, read once from the environment (core/src/config.ts). */
export interface AnalysisSettings {
  /** CIX_MAX_HOPS: hard maximum of hops / maxHops. */
  maxHops: number;
  /** CIX_SUPERNODE_DEGREE: nodes with more relationships are not expanded. */
  superDegree: number;
  /** CIX_ANALYSIS_MAX_NODES: hard maximum of nodes a query returns or explores. */
  maxNodes: number;
  pseudonymKey: Uint8Array;
}

let settings: AnalysisSettings | undefined;

export function analysisSettings(): AnalysisSettings {
  if (!settings) {
    const config = loadConfig();
    settings = {
      maxHops: config.CIX_MAX_HOPS,
      superDegree: config.CIX_SUPERNODE_DEGREE,
      maxNodes: config.CIX_ANALYSIS_MAX_NODES,
      pseudonymKey: pseudonymKey(config),
    };
  }
  return settings;
}
