import { elapsedSince, now } from "./clock.js";
import { withDeadline } from "./deadline.js";
import type { FailureEvidence, PhaseDetails, PhaseName, PhaseRecord } from "./types.js";

/** Thrown out of a phase so the probe stops at the first failure; caught by the probe. */
export class PhaseFailed extends Error {
  constructor(
    readonly phase: PhaseName,
    readonly original: unknown,
    readonly evidence: FailureEvidence = {},
  ) {
    super(`${phase} failed`);
  }
}

export interface PhaseStep<T> {
  run: () => Promise<T>;
  describe?: (result: T) => PhaseDetails;
  /** Releases whatever the step holds when its deadline passes. */
  onTimeout?: () => void;
  /** Extra time past the phase deadline, for steps that enforce the deadline themselves. */
  graceMs?: number;
}

/** Runs phases one after another, timing each against its own deadline and recording it. */
export class PhaseLog {
  readonly phases: PhaseRecord[] = [];

  constructor(
    private readonly timeoutMs: number,
    private readonly onPhaseStart: (name: PhaseName) => void = () => {},
  ) {}

  async run<T>(name: PhaseName, step: PhaseStep<T>): Promise<T> {
    this.onPhaseStart(name);
    const start = now();

    try {
      const deadline = this.timeoutMs + (step.graceMs ?? 0);
      const result = await withDeadline(name, deadline, step.run, step.onTimeout);
      const details = step.describe?.(result) ?? {};
      this.phases.push({ name, ok: true, skipped: false, ms: elapsedSince(start), details });
      return result;
    } catch (error) {
      this.phases.push({ name, ok: false, skipped: false, ms: elapsedSince(start), details: {} });
      throw error instanceof PhaseFailed ? error : new PhaseFailed(name, error);
    }
  }

  skip(name: PhaseName, details: PhaseDetails): void {
    this.phases.push({ name, ok: true, skipped: true, ms: 0, details });
  }

  /** Adds facts to the phase that just failed, learned after it failed. */
  annotateLast(details: PhaseDetails): void {
    const last = this.phases.at(-1);
    if (last) Object.assign(last.details, details);
  }
}
