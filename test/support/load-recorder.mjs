// Preloaded into the built command in tests (NODE_OPTIONS=--import): every file the ES
// module loader loads is appended, as a file: URL, to the file named by RECORD_LOADS_TO.
// Everything the bundle holds is an ES module file, so this lists each chunk a run used.
import { register } from "node:module";

const file = process.env.RECORD_LOADS_TO;
if (file) register("./load-recorder-hooks.mjs", { parentURL: import.meta.url, data: { file } });
