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
