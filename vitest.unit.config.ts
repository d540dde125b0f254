import { defineConfig } from 'vitest/config';

/**
 * The fast unit tests: no generated-package build, no child processes. Stryker runs these for
 * every mutant (`npm run mutation`); the full suite stays `vitest.config.ts`.
 */
export default defineConfig({
  test: {
    include: ['test/runtime/**/*.test.ts', 'test/generator/**/*.test.ts', 'test/release/**/*.test.ts'],
    exclude: [
      // These spawn processes, type-check or build generated packages: seconds per run, not milliseconds.
      'test/generator/cli.test.ts',
      'test/generator/golden.test.ts',
      'test/generator/generate-launcher.test.ts',
      'test/generator/typecheck-generated.test.ts',
      'test/generator/write-interrupt.test.ts',
      'test/release/cli-release.test.ts',
      'test/release/packaged-tarball.e2e.test.ts',
      'test/release/release-scripts.test.ts',
      'test/release/workflows.test.ts',
      // Stryker rewrites every runtime file it mutates with all its mutants switched in (run.mjs sets
      // VMCP_MUTATING_RUNTIME then). These tests generate Malomo from the templates on disk and compare it
      // with the committed package, so the rewrite alone makes them fail whatever mutant is active, and
      // since they only read the runtime as text they can kill none of its mutants.
      ...(process.env['VMCP_MUTATING_RUNTIME'] === '1' ? ['test/release/reviewable-diffs.test.ts'] : []),
    ],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
