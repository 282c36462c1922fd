// Builds dist/: one bundle that carries every runtime dependency, so the published package
// has none and `npx` fetches a single tarball. Run by `npm run build`.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";

import { build } from "esbuild";

import { writeNotices } from "./notices.js";
import { assertLazy } from "./static-closure.js";

const root = new URL("../../", import.meta.url);
const outdir = new URL("dist/", root).pathname;
const { version } = JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as {
  version: string;
};

// Some bundled CommonJS packages (ioredis among them) call require() for Node's built-in
// modules; ES modules have no require, so each output file gets one of its own.
const requireShim =
  'import{createRequire as __rccRequire}from"node:module";const require=__rccRequire(import.meta.url);';

rmSync(outdir, { recursive: true, force: true });

const entryPoint = "src/cli/main.ts";
const result = await build({
  absWorkingDir: new URL(".", root).pathname,
  entryPoints: { main: entryPoint },
  outdir,
  bundle: true,
  // Each dynamic import (the probe with ioredis, the Entra provider with @azure/identity,
  // chalk, ora) becomes a chunk of its own that only the runs needing it load.
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  format: "esm",
  platform: "node",
  target: "node20",
  // Prefer the ES module builds: they let unused exports of @azure/identity be dropped.
  mainFields: ["module", "main"],
  minify: true,
  // Licence texts go to one notices file instead of being scattered through the chunks.
  legalComments: "none",
  define: { __PACKAGE_VERSION__: JSON.stringify(version) },
  banner: { js: requireShim },
  metafile: true,
  logLevel: "warning",
});

assertLazy(result.metafile, entryPoint, /node_modules\/(ioredis|chalk|ora|@azure)\//);
writeNotices(result.metafile, new URL("dist/THIRD-PARTY-NOTICES.txt", root));

// Kept out of dist/ (and so out of the package) for anyone asking where the bytes go.
mkdirSync(new URL(".tmp/", root), { recursive: true });
writeFileSync(new URL(".tmp/bundle-meta.json", root), JSON.stringify(result.metafile));
