// `npm run codelists:install -- [--hs hs2022.csv] [--sections hs-sections.csv] [--unlocode unlocode.csv] [--into DIR]`
// Installs a newer edition of the HS or UN/LOCODE list: the new files are loaded and checked exactly as the hub
// loads them at start-up (columns, codes, the pseudo-row TOTAL, duplicate rows), together with the lists they join,
// and only then copied over the old ones. Prints what was installed, with row counts and SHA-256.
import { createHash } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { BUNDLED_CODELISTS_DIR, HS_FILE, HS_SECTIONS_FILE, loadCodeLists, parseCommandLine, UNLOCODE_FILE } from "@cix/core";

const USAGE =
  "usage: npm run codelists:install -- [--hs <hs2022.csv>] [--sections <hs-sections.csv>] [--unlocode <unlocode.csv>] [--into <folder>]\n" +
  "  Checks the given files as the hub loads them, then replaces the lists in <folder> (default: codelists/).";

const { values } = parseCommandLine(
  { options: { hs: { type: "string" }, sections: { type: "string" }, unlocode: { type: "string" }, into: { type: "string" } } },
  USAGE,
);

const into = resolve(values.into ?? BUNDLED_CODELISTS_DIR);
const replacements: Array<[string, string | undefined]> = [
  [HS_FILE, values.hs],
  [HS_SECTIONS_FILE, values.sections],
  [UNLOCODE_FILE, values.unlocode],
];
if (replacements.every(([, file]) => file === undefined)) {
  console.error(`codelists:install: name at least one file to install.\n${USAGE}`);
  process.exit(2);
}

// The candidate set: the new files, and the installed ones they are loaded with.
const staging = mkdtempSync(join(tmpdir(), "cix-codelists-"));
try {
  for (const [name, file] of replacements) copyFileSync(resolve(file ?? join(into, name)), join(staging, name));
  const lists = loadCodeLists(staging, { warn: (message) => console.error(message), info: () => undefined });
  if (lists.counts.hs === 0 || lists.counts.unlocode === 0) throw new Error("the lists loaded empty");
  for (const [name, file] of replacements) if (file !== undefined) copyFileSync(join(staging, name), join(into, name));
  console.log(`Installed into ${into}: ${lists.counts.hs} HS codes, ${lists.counts.unlocode} UN/LOCODEs (${lists.counts.unlocodeWithCoordinates} with coordinates).`);
  for (const [name, file] of replacements) {
    if (file !== undefined) console.log(`  ${name}  sha256 ${createHash("sha256").update(readFileSync(join(into, name))).digest("hex")}`);
  }
  console.log("Update the edition, rows and SHA-256 in codelists/README.md in the same commit, and restart the hub.");
} catch (error) {
  // Name the user's file, not its staging copy.
  let message = (error as Error).message;
  for (const [name, file] of replacements) message = message.replaceAll(join(staging, name), file ?? join(into, name));
  console.error(`codelists:install: nothing installed: ${message}`);
  process.exitCode = 1;
} finally {
  rmSync(staging, { recursive: true, force: true });
}
