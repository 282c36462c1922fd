// Preloaded (node --require) into every Node process the benchmark starts, the tool and its
// baselines alike: at exit it reports the process's peak resident memory, in kilobytes, on
// file descriptor 3, which the benchmark opens as a pipe. No extra tool is needed for it.
"use strict";

const { writeSync } = require("node:fs");

process.on("exit", () => {
  writeSync(3, `${process.resourceUsage().maxRSS}\n`);
});
