import { spawn, spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../scripts/corpus/seeded-sample.ts';
import type { EmittedFile } from '../../generator/emit/emit-package.ts';
import { withMarker } from '../../generator/write/ownership.ts';
import { HOST_TAG, LOCK_NAME } from '../../generator/write/write-lock.ts';
import { recoverInterruptedWrite, writeTrees, type TreeWrite } from '../../generator/write/write-tree.ts';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';
import { treeHash } from '../../scripts/shared/tree-hash.ts';

type Trial = { readonly signal: NodeJS.Signals; readonly delayMs: number; readonly raw: 'old' | 'new' | 'neither'; readonly recovered: 'old' | 'new' | 'neither' };

/** Starts a child, sends `signal` after `delayMs` from `armed` (spawn, or a staging folder appearing), waits for it to end. */
function runAndInterrupt(input: { readonly command: string; readonly args: readonly string[]; readonly signal: NodeJS.Signals; readonly delayMs: number; readonly watchDir?: string }): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(input.command, [...input.args], { stdio: 'ignore', cwd: REPO_ROOT });
    let timer: NodeJS.Timeout | undefined;
    const arm = () => (timer ??= setTimeout(() => child.kill(input.signal), input.delayMs));
    const watcher = input.watchDir === undefined ? undefined : watch(input.watchDir, (_event, name) => {
      if (typeof name === 'string' && name.endsWith('.vmcp-staging')) arm();
    });
    if (watcher === undefined) arm();
    child.on('exit', () => {
      clearTimeout(timer);
      watcher?.close();
      resolve();
    });
  });
}

function classify(input: { readonly hash: string; readonly oldHash: string; readonly newHash: string }): Trial['raw'] {
  return input.hash === input.oldHash ? 'old' : input.hash === input.newHash ? 'new' : 'neither';
}

const SEED = 20261201;
let work: string;

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'vmcp-interrupt-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the write stage, killed at random points with SIGINT and SIGKILL', () => {
  const TRIALS = 24;
  /**
   * Two packages in one write: the transaction must cover both, not each alone. Every third file is
   * the same in both versions, so the new trees reuse (link) files of the old ones while being cut.
   */
  const treesOf = (input: { readonly parent: string; readonly version: string; readonly count: number }): TreeWrite[] =>
    ['alpha', 'beta'].map((name) => ({
      dir: path.join(input.parent, name),
      files: Array.from({ length: input.count }, (_, i): EmittedFile => {
        const version = i % 3 === 0 ? 'shared' : input.version;
        return { path: `src/part-${Math.floor(i / 50)}/file-${i}.ts`, contents: `// ${version}\nexport const value${i} = ${JSON.stringify(`${name}-${version}-${i}`.repeat(20))};\n` };
      }),
    }));

  it('always leaves exactly the old trees or exactly the new trees, byte for byte', async () => {
    const parent = path.join(work, 'stage', 'generated');
    const child = path.join(work, 'write-child.mjs');
    buildSync({ entryPoints: [path.join(REPO_ROOT, 'test', 'support', 'write-child.ts')], bundle: true, platform: 'node', format: 'esm', outfile: child, logLevel: 'silent' });
    const oldTrees = treesOf({ parent, version: 'v1', count: 160 });
    const newTrees = treesOf({ parent, version: 'v2', count: 120 });
    const plan = path.join(work, 'new-trees.json');
    writeFileSync(plan, JSON.stringify(newTrees));
    await writeTrees({ trees: newTrees });
    const newHash = treeHash(parent);
    const reset = async () => {
      rmSync(parent, { recursive: true, force: true });
      await writeTrees({ trees: oldTrees });
    };
    await reset();
    const oldHash = treeHash(parent);
    // Calibrate: how long an uninterrupted write takes here, so kills spread over the whole of it.
    const started = performance.now();
    await runAndInterrupt({ command: process.execPath, args: [child, plan], signal: 'SIGKILL', delayMs: 60_000 });
    const fullMs = performance.now() - started;
    expect(treeHash(parent)).toBe(newHash);

    const random = seededRandom(SEED);
    const trials: Trial[] = [];
    for (let index = 0; index < TRIALS; index += 1) {
      await reset();
      const signal: NodeJS.Signals = random() < 0.5 ? 'SIGINT' : 'SIGKILL';
      // Mostly anywhere in the write; some at once and some never (the child ends first), so both outcomes occur.
      const spread = Math.round(random() * fullMs * 1.3);
      const delayMs = index % 8 === 0 ? 0 : index % 8 === 1 ? 120_000 : spread;
      await runAndInterrupt({ command: process.execPath, args: [child, plan], signal, delayMs });
      const raw = classify({ hash: treeHash(parent), oldHash, newHash });
      recoverInterruptedWrite({ dirs: oldTrees.map((tree) => tree.dir) });
      trials.push({ signal, delayMs, raw, recovered: classify({ hash: treeHash(parent), oldHash, newHash }) });
    }
    const bad = trials.filter((t) => t.recovered === 'neither');
    console.info(`write stage: ${trials.length} interrupts, ${trials.filter((t) => t.raw === 'neither').length} left a mixed state on disk (then recovered), ${trials.filter((t) => t.recovered === 'old').length} old, ${trials.filter((t) => t.recovered === 'new').length} new`);
    expect(bad, `seed ${SEED}, full write ${fullMs.toFixed(0)} ms: ${JSON.stringify(bad)}`).toEqual([]);
    // Kills landed both before and after the commit point, or the test proved nothing.
    expect(trials.some((t) => t.recovered === 'old')).toBe(true);
    expect(trials.some((t) => t.recovered === 'new')).toBe(true);
  }, 240_000);
});

describe('npm run generate, killed while it writes', () => {
  const TRIALS = 5;

  it('leaves the package exactly the old tree or exactly the new tree', async () => {
    const parent = path.join(work, 'cli', 'out');
    mkdirSync(parent, { recursive: true });
    const oldDoc = path.join(REPO_ROOT, 'vendor-docs', 'malomo', 'openapi.yaml');
    const newDoc = path.join(work, 'cli', 'openapi.yaml');
    writeFileSync(newDoc, readFileSync(oldDoc, 'utf8').replace(/\ninfo:\n(\s+)title: [^\n]+/, '\ninfo:\n$1title: Malomo (changed)'));
    const out = path.join(parent, 'malomo');
    // One process (no tsx wrapper), so the signal reaches the process that writes.
    const generate = (spec: string) => ['--import', 'tsx', path.join(REPO_ROOT, 'generator', 'cli.ts'), '--spec', spec, '--vendor', 'malomo', '--out', out, '--quiet'];
    const run = (spec: string) => runAndInterrupt({ command: process.execPath, args: generate(spec), signal: 'SIGKILL', delayMs: 120_000 });
    await run(oldDoc);
    const oldHash = treeHash(parent);
    const snapshot = path.join(work, 'cli', 'old-snapshot');
    cpSync(out, snapshot, { recursive: true });
    // The new tree is what generating over the old one gives (its version bump and changelog entry included).
    await run(newDoc);
    const newHash = treeHash(parent);
    expect(newHash).not.toBe(oldHash);
    rmSync(out, { recursive: true, force: true });
    cpSync(snapshot, out, { recursive: true });

    const random = seededRandom(SEED + 1);
    const trials: Trial[] = [];
    for (let index = 0; index < TRIALS; index += 1) {
      const signal: NodeJS.Signals = index % 2 === 0 ? 'SIGKILL' : 'SIGINT';
      const delayMs = Math.round(random() * 25);
      await runAndInterrupt({ command: process.execPath, args: generate(newDoc), signal, delayMs, watchDir: parent });
      const raw = classify({ hash: treeHash(parent), oldHash, newHash });
      recoverInterruptedWrite({ dirs: [out] });
      trials.push({ signal, delayMs, raw, recovered: classify({ hash: treeHash(parent), oldHash, newHash }) });
      rmSync(out, { recursive: true, force: true });
      cpSync(snapshot, out, { recursive: true });
    }
    expect(trials.filter((t) => t.recovered === 'neither'), `seed ${SEED + 1}: ${JSON.stringify(trials)}`).toEqual([]);
  }, 240_000);
});

describe('recoverInterruptedWrite: every state a write can be cut in', () => {
  type Layout = { readonly journal: boolean; readonly dir?: 'old' | 'new'; readonly staging: boolean; readonly retired: boolean };
  const cases: { given: string; layout: Layout; want: 'old' | 'new' }[] = [
    { given: 'staged, not committed', layout: { journal: false, dir: 'old', staging: true, retired: false }, want: 'old' },
    { given: 'committed, nothing swapped', layout: { journal: true, dir: 'old', staging: true, retired: false }, want: 'new' },
    { given: 'committed, old tree moved aside (between the two renames)', layout: { journal: true, staging: true, retired: true }, want: 'new' },
    { given: 'committed, swapped, old tree not yet removed', layout: { journal: true, dir: 'new', staging: false, retired: true }, want: 'new' },
    { given: 'committed, first write of the package', layout: { journal: true, staging: true, retired: false }, want: 'new' },
  ];
  /** A tree as the write stage leaves it: its files and the marker that makes it the generator's. */
  const put = (input: { readonly at: string; readonly version: 'old' | 'new' }) => {
    for (const file of withMarker([{ path: 'src/index.ts', contents: `export const version = '${input.version}';\n` }])) {
      mkdirSync(path.dirname(path.join(input.at, file.path)), { recursive: true });
      writeFileSync(path.join(input.at, file.path), file.contents);
    }
  };

  it.each(['new', 'stale', 'done'])('a %s folder a killed run left beside the lock goes, and the old tree stands', (label) => {
    const parent = mkdtempSync(path.join(work, 'lock-left-'));
    const expected = mkdtempSync(path.join(work, 'expected-'));
    put({ at: path.join(expected, 'pkg'), version: 'old' });
    put({ at: path.join(parent, 'pkg'), version: 'old' });
    // The pid of a process that has ended: the maker of the leftover is gone.
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    const leftover = path.join(parent, `${LOCK_NAME}.${label}-${HOST_TAG}-${gone}-0badcafe`);
    mkdirSync(leftover);
    writeFileSync(path.join(leftover, 'owner'), JSON.stringify({ pid: gone, host: hostname() }));
    recoverInterruptedWrite({ dirs: [path.join(parent, 'pkg')] });
    expect(treeHash(parent)).toBe(treeHash(expected));
  });

  it.each(cases)('$given → the $want tree', ({ layout, want }) => {
    const parent = mkdtempSync(path.join(work, 'layout-'));
    const expected = mkdtempSync(path.join(work, 'expected-'));
    put({ at: path.join(expected, 'pkg'), version: want });
    if (layout.dir !== undefined) put({ at: path.join(parent, 'pkg'), version: layout.dir });
    if (layout.staging) put({ at: path.join(parent, 'pkg.vmcp-staging'), version: 'new' });
    if (layout.retired) put({ at: path.join(parent, 'pkg.vmcp-retired'), version: 'old' });
    if (layout.journal) writeFileSync(path.join(parent, '.vendor-mcp-write.journal'), JSON.stringify([{ name: 'pkg' }]));
    recoverInterruptedWrite({ dirs: [path.join(parent, 'pkg')] });
    expect(treeHash(parent)).toBe(treeHash(expected));
  });
});
