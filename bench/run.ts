// `npm run bench`: starts the tests' local world, runs the checker and its baselines
// interleaved, and prints medians and the ratios the performance goals are stated in.
// Timings are for reading, not for passing or failing: nothing here exits non-zero on them.
import { cpus } from "node:os";
import { parseArgs } from "node:util";

import { benchCommands, type Command } from "./commands.js";
import { importTable } from "./imports.js";
import { latencyTable } from "./latency.js";
import { measure, type Sample } from "./measure.js";
import { figuresOf, figuresTable, goalsTable } from "./summary.js";
import { startBenchWorld } from "./world.js";

const { values } = parseArgs({ options: { runs: { type: "string", default: "21" } } });
const runs = Math.max(1, Number(values.runs));
const IMPORT_RUNS = 11;

/** Runs one sample of each command per round, rotating the order so none always goes first. */
async function interleave(commands: readonly Command[]): Promise<Map<string, Sample[]>> {
  const samples = new Map(commands.map((c) => [c.name, [] as Sample[]]));

  // One round first to warm the disk cache and the server; it is not counted.
  for (const command of commands) await checked(command);

  for (let round = 0; round < runs; round++) {
    for (let i = 0; i < commands.length; i++) {
      const command = commands[(round + i) % commands.length];
      if (command) samples.get(command.name)?.push(await checked(command));
    }
    process.stderr.write(`\rround ${round + 1} of ${runs}`);
  }
  process.stderr.write("\n");
  return samples;
}

/** A run that fails measures nothing useful; stop and say why. */
async function checked(command: Command): Promise<Sample> {
  const sample = await measure(command);
  if (sample.code !== 0) {
    throw new Error(`${command.name} exited ${sample.code}:\n${sample.stderr}`);
  }
  return sample;
}

const world = await startBenchWorld();
try {
  const figures = figuresOf(await interleave(benchCommands(world)));
  const cpu = cpus();
  console.log(`Node ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? "unknown CPU"}`);
  console.log(`${runs} interleaved runs of each command, after one warm-up round\n`);
  console.log(figuresTable(figures));
  console.log();
  console.log(goalsTable(figures));
  console.log(`\nImport timings, ${IMPORT_RUNS} fresh processes each:\n`);
  console.log(await importTable(IMPORT_RUNS));
  console.log();
  console.log(await latencyTable(world));
} finally {
  await world.stop();
}
