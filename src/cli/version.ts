import { createRequire } from "node:module";

/** Written into the bundle by the build (see scripts/bundle.ts); absent when run from source. */
declare const __PACKAGE_VERSION__: string | undefined;

/**
 * The package's version. The bundle carries it as a constant, since dist/ has no fixed path to
 * package.json; from source (tests, tsx) it is read from package.json, two folders up.
 */
export const VERSION: string =
  typeof __PACKAGE_VERSION__ === "string"
    ? __PACKAGE_VERSION__
    : (createRequire(import.meta.url)("../../package.json") as { version: string }).version;
