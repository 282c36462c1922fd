// Loader hooks for load-recorder.mjs. They run on the loader's own thread, so they write
// straight to the file instead of talking to the main thread.
import { appendFileSync } from "node:fs";

let file;

export function initialize(data) {
  file = data.file;
}

export async function load(url, context, nextLoad) {
  if (url.startsWith("file:")) appendFileSync(file, `${url}\n`);
  return nextLoad(url, context);
}
