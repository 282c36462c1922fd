import { setTimeout as sleep } from "node:timers/promises";

import type { Redis } from "ioredis";

import { isConnectionLost } from "../probe/connection-lost.js";
import { DeadlineError, withDeadline } from "../probe/deadline.js";

export interface SamplingOptions {
  count: number;
  /** Pause between the end of one PING and the start of the next. */
  intervalMs: number;
  /** Deadline for each PING. */
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface Samples {
  samplesMs: number[];
  errors: number;
  /** True when the connection was lost or the run was stopped before `count` PINGs. */
  interrupted: boolean;
}

function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function connectionLost(error: unknown): boolean {
  return error instanceof DeadlineError || isConnectionLost(error);
}

/**
 * PINGs a warm, authenticated connection `count` times, timing each round trip with the
 * monotonic high-resolution clock (nanoseconds, so microseconds are exact). An error reply
 * counts as an error and sampling goes on; a lost connection or a PING past its deadline
 * ends sampling, since every further attempt would only measure the failure.
 */
export async function samplePings(redis: Redis, options: SamplingOptions): Promise<Samples> {
  const samplesMs: number[] = [];
  let errors = 0;

  for (let i = 0; i < options.count; i += 1) {
    if (options.signal?.aborted) return { samplesMs, errors, interrupted: true };
    if (i > 0 && options.intervalMs > 0) await sleep(options.intervalMs);

    const start = process.hrtime.bigint();
    try {
      await withDeadline("ping", options.timeoutMs, () => redis.ping());
      samplesMs.push(elapsedMs(start));
    } catch (error) {
      errors += 1;
      if (connectionLost(error)) return { samplesMs, errors, interrupted: true };
    }
  }
  return { samplesMs, errors, interrupted: false };
}
