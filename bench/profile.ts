// Where a process spent its CPU: self time of a V8 .cpuprofile (written by `node --cpu-prof`), summed by
// function and by package, so a profile can be read without DevTools.
import { readFile } from "node:fs/promises";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileLine {
  name: string;
  selfMs: number;
  percent: number;
}

export interface ProfileSummary {
  totalMs: number;
  byFunction: ProfileLine[];
  byPackage: ProfileLine[];
}

/** "graphql", "@apollo/gateway", "node:internal", "(garbage collector)", or "cix:<workspace>" for the hub's own code. */
export function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node:internal";
  const nm = url.lastIndexOf("/node_modules/");
  if (nm >= 0) {
    const parts = url.slice(nm + "/node_modules/".length).split("/");
    return parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const own = /\/(core|gateway|subgraphs\/[a-z]+|seed|bench)\/src\//.exec(url);
  return own ? `cix:${own[1]}` : url;
}

export async function summarizeProfile(file: string, top = 15): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const fn = new Map<string, number>();
  const pkg = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === "(idle)") continue;
    total += us;
    const where = frame.url ? `${frame.url.replace(/^.*\/node_modules\//, "").replace(/^file:\/\/.*\/(core|gateway|subgraphs|seed|bench)\//, "$1/")}:${frame.lineNumber + 1}` : "";
    const name = `${frame.functionName || "(anonymous)"} ${where}`.trim();
    fn.set(name, (fn.get(name) ?? 0) + us);
    const p = packageOf(frame.url, frame.functionName);
    pkg.set(p, (pkg.get(p) ?? 0) + us);
  }
  const lines = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, selfMs: Math.round(us / 100) / 10, percent: Math.round((1000 * us) / Math.max(1, total)) / 10 }));
  return { totalMs: Math.round(total / 1000), byFunction: lines(fn), byPackage: lines(pkg) };
}

export function formatSummary(file: string, s: ProfileSummary): string {
  const table = (title: string, rows: ProfileLine[]) => [`${title}:`, ...rows.map((r) => `  ${r.percent.toFixed(1).padStart(5)}%  ${r.selfMs.toFixed(0).padStart(7)} ms  ${r.name}`)];
  return [`CPU profile ${file}: ${s.totalMs} ms on CPU (idle excluded)`, ...table("self time by package", s.byPackage), ...table("self time by function", s.byFunction)].join("\n");
}
