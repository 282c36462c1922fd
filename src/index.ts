export { run, type CliIo } from "./cli/run.js";
export { buildPlan } from "./plan/build-plan.js";
export { runProbe } from "./probe/probe.js";
export { classifyFailure } from "./diagnose/classify.js";
export { EXIT_CODES, type Category } from "./diagnose/categories.js";
export type { Report } from "./report/report.js";
export type { Plan, AuthMethod } from "./plan/types.js";
