import { defineConfig } from 'vitest/config';

/**
 * Set by `npm run mutation` (scripts/mutation/run.mjs): `runtime` when it mutates runtime files only,
 * `mixed` when runtime files and generator stages together.
 */
const scope = process.env['VMCP_MUTATION_SCOPE'];

/**
 * The only tests that run runtime code: the generator and the rest of the release tests import
 * nothing from templates/runtime but types, so they cannot kill a runtime mutant. Stryker runs every
 * test for a mutant in module-level code (a static mutant), and the whole unit config costs minutes.
 */
const RUNTIME_TESTS = ['test/runtime/**/*.test.ts', 'test/generator/variant-strictness.test.ts'];

/**
 * The fast unit tests: no generated-package build, no child processes. Stryker runs these for
 * every mutant (`npm run mutation`); the full suite stays `vitest.config.ts`.
 */
export default defineConfig({
  test: {
    include: scope === 'runtime' ? RUNTIME_TESTS : ['test/runtime/**/*.test.ts', 'test/generator/**/*.test.ts', 'test/release/**/*.test.ts'],
    exclude: [
      // These spawn processes, type-check or build generated packages: seconds per run, not milliseconds.
      'test/generator/cli.test.ts',
      'test/runtime/code-cache.test.ts',
      'test/generator/golden.test.ts',
      'test/generator/generate-launcher.test.ts',
      'test/generator/typecheck-generated.test.ts',
      'test/generator/write-interrupt.test.ts',
      'test/release/cli-release.test.ts',
      'test/release/packaged-tarball.e2e.test.ts',
      'test/release/release-scripts.test.ts',
      'test/release/workflows.test.ts',
      // Stryker rewrites every runtime file it mutates with all its mutants switched in. These tests
      // generate packages from the templates on disk against the committed ones, so the rewrite alone
      // is a runtime change with its own release record and they fail whatever mutant is active; since
      // they read the runtime only as text, they can kill none of its mutants.
      ...(scope === 'mixed' ? ['test/release/reviewable-diffs.test.ts', 'test/generator/overlay-split.test.ts'] : []),
    ],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
