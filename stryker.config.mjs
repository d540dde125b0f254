// Mutation testing of the runtime and the pure generator stages: `npm run mutation` (see
// scripts/mutation/run.mjs, which supplies Node 22 and the TypeScript checker's own compiler).
const checkerDir = process.env.VMCP_MUTATION_CHECKER;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // Forks, as the unit config itself: Stryker's default pool is threads, where the generator tests'
  // process.chdir() throws ("not supported in workers") and the initial run stops.
  vitest: { configFile: 'vitest.unit.config.ts', related: false, pool: 'forks' },
  // The project compiles with TypeScript 7, which has no compiler API; the checker brings 5.9.
  ...(checkerDir !== undefined ? { checkers: ['typescript'], tsconfigFile: 'tsconfig.mutation.json', typescriptChecker: { prioritizePerformanceOverAccuracy: true } } : {}),
  plugins: [process.env.VMCP_MUTATION_RUNNER ?? '@stryker-mutator/vitest-runner', ...(checkerDir !== undefined ? [checkerDir] : [])],
  mutate: [
    'templates/runtime/**/*.ts',
    'generator/ir/**/*.ts',
    'generator/plan/**/*.ts',
    'generator/release/**/*.ts',
    '!**/types.ts',
  ],
  // Stryker marks files `// @ts-nocheck` (its mutants do not type-check), by default every .ts file it
  // copies: then generated/ no longer matches what the generator emits, nor templates/runtime/ the copies
  // in it, and tests comparing generated packages with the committed ones fail their baseline. Only
  // the stages mutated need it (VMCP_MUTATING_RUNTIME: set by run.mjs when the runtime is mutated).
  disableTypeChecks: process.env.VMCP_MUTATING_RUNTIME === '1' ? '{generator,templates/runtime}/**/*.ts' : 'generator/**/*.ts',
  coverageAnalysis: 'perTest',
  concurrency: 1,
  timeoutMS: 3_000,
  incremental: true,
  incrementalFile: '.cache/mutation/stryker-incremental.json',
  reporters: ['json', 'clear-text', 'progress'],
  jsonReporter: { fileName: '.cache/mutation/mutation.json' },
  tempDirName: '.cache/mutation/tmp',
  cleanTempDir: 'always',
  thresholds: { high: 85, low: 80, break: null },
};
