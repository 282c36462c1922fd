import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import type { Metafile } from "esbuild";

interface PackageFacts {
  name: string;
  version: string;
  license?: string;
}

/** The folder of the package each bundled input came from, e.g. node_modules/@azure/identity. */
function packageFolders(metafile: Metafile): string[] {
  const folders = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const input of Object.keys(output.inputs)) {
      const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (match?.[1]) folders.add(match[1]);
    }
  }
  return [...folders].sort();
}

function licenceText(folder: string): string | undefined {
  const file = readdirSync(folder).find((name) => /^(licen[sc]e|copying)/i.test(name));
  return file ? readFileSync(join(folder, file), "utf8").trim() : undefined;
}

/**
 * Writes the licence of every package inside the bundle into one file. Bundling copies their
 * code into dist/, and their licences ask that the notices travel with it.
 */
export function writeNotices(metafile: Metafile, target: URL): void {
  const sections = packageFolders(metafile)
    .filter((folder) => existsSync(join(folder, "package.json")))
    .map((folder) => {
      const facts = JSON.parse(readFileSync(join(folder, "package.json"), "utf8")) as PackageFacts;
      const heading = `${facts.name}@${facts.version} (${facts.license ?? "licence not stated"})`;
      const text = licenceText(folder) ?? "No licence file in the package.";
      return `${heading}\n${"-".repeat(heading.length)}\n${text}\n`;
    });

  const intro = "redis-connector-check bundles the following packages.\n\n";
  writeFileSync(target, intro + sections.join("\n"));
}
