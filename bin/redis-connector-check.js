#!/usr/bin/env node
import { main } from "../dist/cli/main.js";

// Setting exitCode instead of calling process.exit lets stdout drain when it is a pipe.
process.exitCode = await main();
