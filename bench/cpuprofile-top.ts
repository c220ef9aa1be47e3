// `npx tsx bench/cpuprofile-top.ts <file.cpuprofile> [top]`: self time by package and by function of a CPU profile.
import { formatSummary, summarizeProfile } from "./profile.js";

const [file, top] = process.argv.slice(2);
if (!file) {
  console.error("usage: npx tsx bench/cpuprofile-top.ts <file.cpuprofile> [top]");
  process.exit(2);
}
console.log(formatSummary(file, await summarizeProfile(file, Number(top ?? 15))));
