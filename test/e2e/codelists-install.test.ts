import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BUNDLED_CODELISTS_DIR, repoRoot } from "@cix/core";

/** `npm run codelists:install` as an operator runs it, into a folder of the test's own. */
function install(...args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/codelists-install.ts", ...args], { cwd: repoRoot, encoding: "utf8" });
}

describe("npm run codelists:install: a newer edition goes in only after it loads as the hub loads it", () => {
  const folders: string[] = [];
  const installed = () => {
    const dir = mkdtempSync(join(tmpdir(), "cix-codelists-installed-"));
    folders.push(dir);
    for (const file of ["hs2022.csv", "hs-sections.csv", "unlocode.csv"]) copyFileSync(join(BUNDLED_CODELISTS_DIR, file), join(dir, file));
    return dir;
  };
  afterEach(() => folders.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it("refuses a broken file, names it, and leaves the installed list as it was", () => {
    const into = installed();
    const broken = join(into, "new-hs.csv");
    writeFileSync(broken, "code,text\n01,Animals\n");
    const run = install("--hs", broken, "--into", into);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("nothing installed");
    expect(run.stderr).toContain(broken);
    expect(readFileSync(join(into, "hs2022.csv"))).toEqual(readFileSync(join(BUNDLED_CODELISTS_DIR, "hs2022.csv")));
  });

  it("installs a valid edition and prints its counts and SHA-256", () => {
    const into = installed();
    const edition = join(into, "new-unlocode.csv");
    // A smaller valid export: the header and the Dutch locations.
    const rows = readFileSync(join(BUNDLED_CODELISTS_DIR, "unlocode.csv"), "utf8").split("\n");
    writeFileSync(edition, [rows[0], ...rows.filter((r) => r.startsWith("NL,"))].join("\n") + "\n");
    const run = install("--unlocode", edition, "--into", into);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Installed into .*: 6936 HS codes, \d{3,4} UN\/LOCODEs/);
    expect(run.stdout).toMatch(/unlocode\.csv {2}sha256 [0-9a-f]{64}/);
    expect(readFileSync(join(into, "unlocode.csv"), "utf8")).toBe(readFileSync(edition, "utf8"));
  });

  it("explains itself with --help and refuses a call that names no file", () => {
    expect(install("--help").status).toBe(0);
    const none = install();
    expect(none.status).toBe(2);
    expect(none.stderr).toContain("name at least one file");
  });
});
