import { readFile } from "node:fs/promises";

import type { Plugin } from "esbuild";

const PROBE = 'typeof FormData !== "undefined"';

/**
 * The Azure HTTP pipeline asks, for every request, whether the body is a FormData. On
 * Node 20 the first look at the FormData global loads Node's whole fetch implementation
 * (undici), about 20 ms, and a token request never carries form data. This answers the
 * question with `false` in the pipeline's files. Should a new release word the check
 * differently, nothing is replaced and the bundle only gets slower, never wrong.
 */
export function noFormDataProbe(): Plugin {
  return {
    name: "no-form-data-probe",
    setup(build) {
      build.onLoad({ filter: /[\\/]@typespec[\\/]ts-http-runtime[\\/].*\.js$/ }, async (args) => {
        const text = await readFile(args.path, "utf8");
        if (!text.includes(PROBE)) return undefined;

        return { contents: text.replaceAll(PROBE, "false"), loader: "js" };
      });
    },
  };
}
