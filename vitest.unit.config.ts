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
      // VMCP_MUTATING_RUNTIME then). These tests generate packages from the templates on disk against
      // the committed ones, so the rewrite alone is a runtime change with its own release record and
      // they fail whatever mutant is active; since they read the runtime only as text, they can kill
      // none of its mutants.
      ...(process.env['VMCP_MUTATING_RUNTIME'] === '1' ? ['test/release/reviewable-diffs.test.ts', 'test/generator/overlay-split.test.ts'] : []),
    ],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
