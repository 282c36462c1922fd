import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

import type { OutputFile } from "esbuild";

// Bundled CommonJS packages (commander, ioredis, msal-node's helpers) call require() for Node's
// built-in modules, through one shim that esbuild puts in a shared chunk. ES modules have no
// require, so that chunk gets one; the others go without, sparing them node:module.
const SHIM_MARK = "Dynamic require of";
const REQUIRE_LINE =
  'import{createRequire as __rccRequire}from"node:module";const require=__rccRequire(import.meta.url);\n';

/** Writes the bundler's output files, giving `require` to the file that defines the shim. */
export function writeOutputs(files: readonly OutputFile[]): void {
  for (const file of files) {
    mkdirSync(dirname(file.path), { recursive: true });
    const needsRequire = file.path.endsWith(".js") && file.text.includes(SHIM_MARK);
    writeFileSync(file.path, needsRequire ? REQUIRE_LINE + file.text : file.text);
  }
}
