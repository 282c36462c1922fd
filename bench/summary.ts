import type { Sample } from "./measure.js";

/** A goal from the issue: `subject` at most `limit` times `baseline`, on time or on memory. */
export interface Goal {
  label: string;
  subject: string;
  baseline: string;
  metric: "time" | "memory";
  limit: number;
}

export const GOALS: readonly Goal[] = [
  {
    label: "--version vs node -e 0",
    subject: "check --version",
    baseline: "node -e 0",
    metric: "time",
    limit: 1.3,
  },
  {
    label: "key probe vs bare ioredis",
    subject: "check, access key",
    baseline: "bare ioredis, access key",
    metric: "time",
    limit: 0.8,
  },
  {
    label: "identity probe vs bare identity + ioredis",
    subject: "check, managed identity",
    baseline: "bare identity + ioredis",
    metric: "time",
    limit: 0.6,
  },
  {
    label: "key probe peak memory",
    subject: "check, access key",
    baseline: "bare ioredis, access key",
    metric: "memory",
    limit: 1.2,
  },
  {
    label: "identity probe peak memory",
    subject: "check, managed identity",
    baseline: "bare identity + ioredis",
    metric: "memory",
    limit: 1.2,
  },
];

/** Medians of one command's samples. */
export interface Figures {
  name: string;
  runs: number;
  medianMs: number;
  medianRssMb: number | null;
}

/** The middle value, or the mean of the two middle values; NaN for no values. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;

  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Reduces each command's samples to medians. */
export function figuresOf(samples: ReadonlyMap<string, Sample[]>): Figures[] {
  return [...samples].map(([name, runs]) => {
    const rss = runs.flatMap((run) => (run.maxRssKb === null ? [] : [run.maxRssKb / 1024]));
    return {
      name,
      runs: runs.length,
      medianMs: median(runs.map((run) => run.ms)),
      medianRssMb: rss.length > 0 ? median(rss) : null,
    };
  });
}

const fixed = (value: number | null, digits = 1): string =>
  value === null || Number.isNaN(value) ? "—" : value.toFixed(digits);

/** The medians as a Markdown table, ready to paste into docs/performance.md. */
export function figuresTable(figures: readonly Figures[]): string {
  const rows = figures.map(
    (f) => `| ${f.name} | ${f.runs} | ${fixed(f.medianMs)} | ${fixed(f.medianRssMb)} |`,
  );
  return [
    "| command | runs | median ms | median peak RSS MB |",
    "| --- | ---: | ---: | ---: |",
    ...rows,
  ].join("\n");
}

/** Each goal's ratio of medians, and whether it is met. */
export function goalsTable(figures: readonly Figures[]): string {
  const byName = new Map(figures.map((f) => [f.name, f]));
  const rows = GOALS.map((goal) => {
    const subject = byName.get(goal.subject);
    const baseline = byName.get(goal.baseline);
    const pick = (f: Figures | undefined): number | null =>
      f === undefined ? null : goal.metric === "time" ? f.medianMs : f.medianRssMb;
    const [a, b] = [pick(subject), pick(baseline)];
    const ratio = a !== null && b !== null && b > 0 ? a / b : null;
    const verdict = ratio === null ? "—" : ratio <= goal.limit ? "met" : "not met";
    return `| ${goal.label} | ${fixed(ratio, 2)}x | ≤ ${goal.limit}x | ${verdict} |`;
  });
  return ["| goal | ratio | target | |", "| --- | ---: | ---: | --- |", ...rows].join("\n");
}
