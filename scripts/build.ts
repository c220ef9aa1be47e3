// `npm run build [-- --outdir dist]`: compiles every process and the operator's command-line tools into plain
// JavaScript (esbuild), so the image runs `node dist/<entry>.js` with neither TypeScript nor tsx. The workspace
// packages (@cix/*) are bundled, since their package.json exports point at TypeScript sources; every other
// package stays external and is loaded from node_modules, which in the image holds production dependencies only.
import { readFileSync, rmSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, relative, resolve } from "node:path";
import { build, type Metafile, type Plugin } from "esbuild";
import { parseCommandLine, repoRoot } from "@cix/core";

/** `dist/<name>.js` ← source. Services first, then the tools an operator runs in a container. */
const ENTRIES: Record<string, string> = {
  gateway: "gateway/src/main.ts",
  seizures: "subgraphs/seizures/src/main.ts",
  entities: "subgraphs/entities/src/main.ts",
  ecommerce: "subgraphs/ecommerce/src/main.ts",
  healthcheck: "scripts/healthcheck.ts",
  "audit-verify": "scripts/audit-verify.ts",
  "purge-operations": "scripts/purge-operations.ts",
  import: "scripts/import.ts",
  // A local trial in the development profile only: both refuse to mint or seed with production's keys.
  seed: "seed/src/cli.ts",
  token: "scripts/token.ts",
};

const USAGE = "usage: npm run build -- [--outdir dist]";
const { values } = parseCommandLine({ options: { outdir: { type: "string", default: "dist" } } }, USAGE);
const outdir = resolve(repoRoot, values.outdir);

/** Bare specifiers other than @cix/* stay imports of node_modules; relative paths and @cix/* are bundled. */
const thirdPartyExternal: Plugin = {
  name: "third-party-external",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith("@cix/") ? undefined : { path: args.path, external: true }));
  },
};

const started = performance.now();
rmSync(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: repoRoot,
  entryPoints: ENTRIES,
  outdir,
  bundle: true,
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  format: "esm",
  platform: "node",
  target: "node20",
  // type-graphql names GraphQL types after their classes; bundling renames classes whose names collide.
  keepNames: true,
  sourcemap: "linked",
  sourcesContent: false,
  plugins: [thirdPartyExternal],
  metafile: true,
  logLevel: "warning",
});
assertProductionImportsOnly(result.metafile);
console.error(`Built ${Object.keys(ENTRIES).length} entries into ${relative(repoRoot, outdir) || "."}/ in ${Math.round(performance.now() - started)} ms`);

/**
 * The image installs production dependencies only (`npm ci --omit=dev`): a bundle that imports a package
 * listed nowhere in a workspace's `dependencies` would build here and fail in the container, so it fails here.
 */
function assertProductionImportsOnly(metafile: Metafile): void {
  const root = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { workspaces: string[] };
  const production = new Set<string>();
  for (const workspace of root.workspaces) {
    const manifest = JSON.parse(readFileSync(join(repoRoot, workspace, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
    for (const name of Object.keys(manifest.dependencies ?? {})) production.add(name);
  }
  const builtins = new Set(builtinModules);
  const missing = new Set<string>();
  for (const [file, output] of Object.entries(metafile.outputs)) {
    for (const { path, external } of output.imports) {
      if (!external || path.startsWith("node:") || builtins.has(path)) continue;
      const name = path.startsWith("@") ? path.split("/").slice(0, 2).join("/") : path.split("/")[0]!;
      if (!production.has(name)) missing.add(`${file} imports ${name}`);
    }
  }
  if (missing.size > 0) {
    throw new Error(`Not a production dependency of any workspace (add it to the "dependencies" of the one that uses it): ${[...missing].join("; ")}`);
  }
}
