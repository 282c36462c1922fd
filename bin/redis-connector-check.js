#!/usr/bin/env node
// CommonJS on purpose (see package.json beside it): Node starts its ES module loader only when
// something is imported, so a bare --version, answered here, costs little more than Node itself.
"use strict";

const argv = process.argv.slice(2);

if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V")) {
  try {
    require("node:fs").writeSync(1, `${require("../package.json").version}\n`);
  } catch (error) {
    // A reader that has already gone (`| head -0`) is no reason for a stack trace.
    if (error.code !== "EPIPE") throw error;
  }
} else {
  import("../dist/main.js").then(
    async ({ main }) => {
      // Setting exitCode instead of calling process.exit lets stdout drain when it is a pipe.
      process.exitCode = await main();
    },
    (error) => {
      // Only a broken installation gets here; say so in one line rather than a stack trace.
      process.stderr.write(`redis-connector-check: cannot load its code (${error.message})\n`);
      process.exitCode = 1;
    },
  );
}
