import { EXIT_CODES } from "../diagnose/categories.js";
import type { Failure } from "../diagnose/failure.js";
import { summarise } from "../latency/stats.js";
import type { OutageEvent, ProbeEvent, RefreshEvent, WatchSummary } from "./events.js";

/** Counts what a watch saw, for the summary printed when it ends. */
export class WatchTally {
  #probes = 0;
  #failures = 0;
  #refreshes = 0;
  #refreshFailures = 0;
  #reconnects = 0;
  #outages = 0;
  #outageMs = 0;
  #pingMs: number[] = [];
  #firstFailure: Failure | null = null;

  constructor(private readonly startedAt: number) {}

  probe(event: ProbeEvent): void {
    this.#probes += 1;
    if (event.reconnected) this.#reconnects += 1;

    const ping = event.phases.find((phase) => phase.name === "ping" && phase.ok);
    if (ping) this.#pingMs.push(ping.ms);
    if (event.ok) return;

    this.#failures += 1;
    this.#firstFailure ??= event.failure;
  }

  refresh(event: RefreshEvent): void {
    if (event.ok) this.#refreshes += 1;
    else this.#refreshFailures += 1;
  }

  outage(event: OutageEvent): void {
    this.#outages += 1;
    this.#outageMs += event.ms;
  }

  get probes(): number {
    return this.#probes;
  }

  summary(now: number): WatchSummary {
    const failure = this.#firstFailure;
    return {
      type: "summary",
      at: new Date(now).toISOString(),
      durationMs: now - this.startedAt,
      probes: this.#probes,
      failures: this.#failures,
      refreshes: this.#refreshes,
      refreshFailures: this.#refreshFailures,
      reconnects: this.#reconnects,
      outages: this.#outages,
      outageMs: this.#outageMs,
      latency: summarise(this.#pingMs, 0),
      exitCode: this.#failures === 0 ? 0 : failure ? EXIT_CODES[failure.category] : 1,
      firstFailure: failure,
    };
  }
}
