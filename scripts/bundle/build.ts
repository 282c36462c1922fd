// Builds dist/: one bundle that carries every runtime dependency, so the published package
// has none and `npx` fetches a single tarball. Run by `npm run build`.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";

import { build } from "esbuild";

import { deferRequire } from "./defer-require.js";
import { writeOutputs } from "./outputs.js";
import { noFormDataProbe } from "./no-form-data-probe.js";
import { writeNotices } from "./notices.js";
import { assertLazy } from "./static-closure.js";

const root = new URL("../../", import.meta.url);
const outdir = new URL("dist/", root).pathname;
const { version } = JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as {
  version: string;
};

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
  write: false,
  plugins: [
    deferRequire([
      // For subcommands that run as programs of their own; this command has none. With net
      // and dgram behind it, it would cost every run about 3 ms, --help included.
      { from: "commander", module: "node:child_process" },
      // For client assertions signed with a certificate, which no method here uses; with
      // semver behind it, it is the largest part of msal-node's start-up that goes unused.
      { from: "@azure/msal-node", module: "jsonwebtoken" },
      // For checking the arguments of a protocol error, which a healthy server never causes.
      { from: "redis-errors", module: "node:assert" },
    ]),
    noFormDataProbe(),
  ],
  metafile: true,
  logLevel: "warning",
});

writeOutputs(result.outputFiles);
assertLazy(result.metafile, entryPoint, /node_modules\/(ioredis|chalk|ora|@azure)\//);
writeNotices(result.metafile, new URL("dist/THIRD-PARTY-NOTICES.txt", root));

// Kept out of dist/ (and so out of the package) for anyone asking where the bytes go.
mkdirSync(new URL(".tmp/", root), { recursive: true });
writeFileSync(new URL(".tmp/bundle-meta.json", root), JSON.stringify(result.metafile));
