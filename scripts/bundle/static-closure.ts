import type { Metafile } from "esbuild";

/** The output files an entry loads before its first line runs: itself and its static imports. */
export function staticClosure(metafile: Metafile, entry: string): Set<string> {
  const seen = new Set<string>();
  const pending = [entry];

  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);

    for (const edge of metafile.outputs[file]?.imports ?? []) {
      if (edge.kind === "import-statement" && !edge.external) pending.push(edge.path);
    }
  }
  return seen;
}

/**
 * Fails the build if a heavy package is reachable from the entry without a dynamic import.
 * Start-up time depends on this, and one stray static import would undo it silently.
 */
export function assertLazy(metafile: Metafile, entryPoint: string, heavy: RegExp): void {
  const entry = Object.keys(metafile.outputs).find(
    (file) => metafile.outputs[file]?.entryPoint === entryPoint,
  );
  if (entry === undefined) throw new Error(`No output for ${entryPoint}.`);

  for (const file of staticClosure(metafile, entry)) {
    const eager = Object.keys(metafile.outputs[file]?.inputs ?? {}).find((input) =>
      heavy.test(input),
    );
    if (eager !== undefined) {
      throw new Error(`${entry} loads ${eager} at start-up (through ${file}).`);
    }
  }
}
