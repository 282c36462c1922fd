import { describe, expect, it, vi } from "vitest";

import { DeadlineError, withDeadline } from "../../../src/probe/deadline.js";

describe("withDeadline", () => {
  it("returns the step's result when it finishes in time", async () => {
    await expect(withDeadline("ping", 1000, async () => "PONG")).resolves.toBe("PONG");
  });

  it("rejects with a DeadlineError and releases the step when time runs out", async () => {
    vi.useFakeTimers();
    const release = vi.fn();

    const pending = withDeadline("tls", 500, () => new Promise(() => {}), release);
    const assertion = expect(pending).rejects.toBeInstanceOf(DeadlineError);
    await vi.advanceTimersByTimeAsync(500);

    await assertion;
    expect(release).toHaveBeenCalledOnce();
    vi.useRealTimers();
  });
});
