import { createRequire } from "node:module";

/** Read once from package.json, which sits two folders up from both src/ and dist/ files. */
export const VERSION: string = (
  createRequire(import.meta.url)("../../package.json") as { version: string }
).version;
