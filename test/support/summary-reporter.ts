import type { Reporter, TestModule } from 'vitest/node';

/** The files that took longest, to see where the suite's time goes. */
function slowest(testModules: ReadonlyArray<TestModule>): string {
  const timed = testModules.map((module) => ({ file: module.relativeModuleId, seconds: module.diagnostic().duration / 1000 })).sort((a, b) => b.seconds - a.seconds);
  return timed.slice(0, 8).map((t) => `${t.file} ${t.seconds.toFixed(1)} s`).join(', ');
}

/** Prints the slowest files, then the plain `N passed, N failed` line CI reads, after vitest's own summary. */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      const before = failed;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else skipped += 1;
      }
      // A file that failed outside any test (import error, failing beforeAll) still counts once.
      if (module.state() === 'failed' && failed === before) failed += 1;
    }
    if (testModules.length > 1) process.stdout.write(`\nslowest files: ${slowest(testModules)}\n`);
    process.stdout.write(`\n${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}\n`);
  }
}
