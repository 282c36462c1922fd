import type { Reporter, TestModule } from "vitest/node";

/**
 * Ends a run with one plain `tests: N passed, N failed, N skipped` line, a format any log
 * reader can parse without knowing vitest's own summary layout.
 */
export default class TallyReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const tally = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") tally.passed += 1;
        else if (state === "failed") tally.failed += 1;
        else tally.skipped += 1;
      }
    }
    process.stdout.write(
      `\ntests: ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped\n`,
    );
  }
}
