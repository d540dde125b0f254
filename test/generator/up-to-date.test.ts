import { cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { recordUpToDate, upToDateBefore, upToDateReport, type ClockReader, type Invocation } from '../../generator/cli-up-to-date.ts';
import type { EmittedFile } from '../../generator/emit/emit-package.ts';
import { LOCK_NAME } from '../../generator/write/write-lock.ts';
import { withMarker } from '../../generator/write/ownership.ts';
import { readFileClock } from '../../generator/write/file-clock.ts';
import { filesDigest } from '../../generator/write/tree-digest.ts';
import { writeTrees } from '../../generator/write/write-tree.ts';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';

const work = mkdtempSync(path.join(tmpdir(), 'vmcp-up-to-date-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const FILES: EmittedFile[] = [
  { path: 'package.json', contents: '{"name":"pkg"}\n' },
  { path: 'src/index.ts', contents: 'export const v = 1;\n' },
];
const REPORT = 'generated/pkg: 2 tools from spec.yaml\n';

let root: string;
let out: string;
let invocation: Invocation;

const put = (file: string, contents: string) => {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, contents);
};

/** Every change that must force the full run, whichever way the fast path compares. */
const CHANGES = [
    { given: 'a hand-edited output file', change: () => put(path.join(out, 'src', 'index.ts'), 'export const v = 2;\n') },
    { given: 'an extra output file', change: () => put(path.join(out, 'src', 'extra.ts'), 'x') },
    { given: 'a deleted output file', change: () => rmSync(path.join(out, 'src', 'index.ts')) },
    { given: 'a deleted package', change: () => rmSync(out, { recursive: true }) },
    { given: 'a changed spec', change: () => put(path.join(root, 'spec.yaml'), 'openapi: 3.0.3\n') },
    { given: 'a changed runtime template', change: () => put(path.join(root, 'templates', 'runtime', 'server.ts'), 'export const x = 1;\n') },
    { given: 'a new vendor folder', change: () => put(path.join(root, 'vendor-docs', 'other', 'openapi.yaml'), 'openapi: 3.1.0\n') },
    { given: 'a new overlay beside a vendor spec', change: () => put(path.join(root, 'vendor-docs', 'acme', 'z.overlay.yaml'), 'overlay: 1.0.0\n') },
    { given: 'changed dependencies', change: () => put(path.join(root, 'node_modules', '.package-lock.json'), '{"packages":{}}\n') },
    { given: 'a staged tree left by a cut-short write', change: () => put(path.join(root, 'generated', 'pkg.vmcp-staging', 'x'), 'x') },
    { given: 'a write journal', change: () => put(path.join(root, 'generated', '.vendor-mcp-write.journal'), '[]') },
    { given: 'a write in progress (the lock)', change: () => mkdirSync(path.join(root, 'generated', LOCK_NAME)) },
  { given: 'an output file edited to the same size with its mtime put back', change: () => sameSizeEdit(path.join(out, 'src', 'index.ts')) },
  { given: 'a spec edited to the same size with its mtime put back', change: () => sameSizeEdit(path.join(root, 'spec.yaml')) },
];

/** An edit that keeps size and mtime (`cp -p`, `touch -d`): only ctime, which nobody can set back, moves. */
function sameSizeEdit(file: string) {
  const { atime, mtime, size, mtimeMs } = statSync(file);
  writeFileSync(file, readFileSync(file, 'utf8').replace(/\d/, (digit) => String((Number(digit) + 1) % 10)));
  utimesSync(file, atime, mtime);
  expect([statSync(file).size, statSync(file).mtimeMs]).toStrictEqual([size, mtimeMs]);
}

/** A checkout (templates, vendor docs, manifests), a spec, and a package generated from it and recorded as up to date. */
beforeEach(async () => {
  root = mkdtempSync(path.join(work, 'root-'));
  put(path.join(root, 'templates', 'runtime', 'server.ts'), 'export {};\n');
  put(path.join(root, 'vendor-docs', 'acme', 'openapi.yaml'), 'openapi: 3.1.0\n');
  put(path.join(root, 'package.json'), '{}\n');
  put(path.join(root, 'spec.yaml'), 'openapi: 3.1.0\n');
  out = path.join(root, 'generated', 'pkg');
  await writeTrees({ trees: [{ dir: out, files: FILES }] });
  // Whole seconds, so sameSizeEdit puts mtime back exactly.
  for (const file of [path.join(out, 'src', 'index.ts'), path.join(root, 'spec.yaml')]) utimesSync(file, 1_700_000_000, 1_700_000_000);
  invocation = { root, cwd: root, argv: ['--spec', 'spec.yaml', '--vendor', 'pkg', '--out', 'generated/pkg'], generatorId: 'gen-1' };
  record({ readClock: noClock });
});

/** No file clock: the stamp carries no stats, and every check hashes. */
const noClock: ClockReader = () => undefined;

/** What the full run does when it finds the tree unchanged: the clock and key before, the record after. */
function record(input: { readonly readClock: ClockReader; readonly invocation?: Invocation }) {
  const recorded = input.invocation ?? invocation;
  const before = upToDateBefore({ ...recorded, readClock: input.readClock });
  recordUpToDate({ invocation: recorded, before, trees: [{ dir: out, digest: filesDigest(withMarker(FILES)) }], report: REPORT });
}

/** Lets the file clock move on, so a write made now gets a ctime no earlier write had. */
const nextTick = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30);

const stampOf = () => {
  const dir = path.join(root, '.cache', 'up-to-date');
  const [name] = readdirSync(dir).filter((entry) => entry.endsWith('.json'));
  return { file: path.join(dir, name!), stamp: JSON.parse(readFileSync(path.join(dir, name!), 'utf8')) as { key: string; stats?: unknown } };
};

/** A stamp whose key no run could match: only an answer from the stats alone can still say "up to date". */
function spoilKey() {
  const { file, stamp } = stampOf();
  writeFileSync(file, JSON.stringify({ ...stamp, key: 'not this key' }));
}

describe('the regeneration fast path', () => {
  it('answers with what the recorded run printed when inputs, generator and output are unchanged', () => {
    expect(upToDateReport(invocation)).toBe(REPORT);
  });

  it('ignores build output and installs in the package (they survive every write)', () => {
    put(path.join(out, 'dist', 'bin.cjs'), 'x');
    put(path.join(out, 'node_modules', 'zod', 'index.js'), 'x');
    expect(upToDateReport(invocation)).toBe(REPORT);
  });

  it.each(CHANGES)('runs the full generation after $given', ({ change }) => {
    change();
    expect(upToDateReport(invocation)).toBeUndefined();
  });

  it.each([
    { given: 'another generator build', other: () => ({ ...invocation, generatorId: 'gen-2' }) },
    { given: 'other arguments', other: () => ({ ...invocation, argv: [...invocation.argv, '--quiet'] }) },
    { given: 'another working folder', other: () => ({ ...invocation, cwd: path.join(root, 'generated') }) },
    { given: '--check', other: () => ({ ...invocation, argv: [...invocation.argv, '--check'] }) },
  ])('has no answer for $given', ({ other }) => {
    expect(upToDateReport(other())).toBeUndefined();
  });

  it('keys every input the generator reads: only the known modules touch the file system', () => {
    // A new module reading files must add what it reads to inputsOf in generator/cli-up-to-date.ts, then here.
    const generatorDir = path.join(REPO_ROOT, 'generator');
    const readers = (readdirSync(generatorDir, { recursive: true }) as string[])
      .filter((file) => file.endsWith('.ts') && /from 'node:fs'/.test(readFileSync(path.join(generatorDir, file), 'utf8')))
      .map((file) => file.split(path.sep).join('/'))
      .filter((file) => !file.startsWith('write/'))
      .sort();
    // shared/o200k-*: gpt-tokenizer's rank module (a dependency, in the generator identity through the installed
    // lockfile) and the table derived from it in .cache/tokenizer/ (checked against it on every read): no input of a run.
    // load/template-cache: the compiled templates in .cache/templates/, named by a digest of the templates they were compiled from.
    // emit/ts/frame-store: file frames ts-morph printed, in .cache/frames/ named by the generator identity (the same generator prints the same frame).
    // shared/write-atomically: writes those .cache/ files (and the stamps) by rename, and reads nothing.
    // shared/repository-root: asks only where generator/cli.ts is, the layout of the generator itself.
    expect(readers).toStrictEqual(['cli-init.ts', 'cli-up-to-date.ts', 'emit/ts/frame-store.ts', 'load/read-assets.ts', 'load/read-inputs.ts', 'load/read-previous-package.ts', 'load/template-cache.ts', 'shared/o200k-cache.ts', 'shared/o200k-source.ts', 'shared/repository-root.ts', 'shared/write-atomically.ts']);
  });

  it('records nothing for --check', () => {
    const stamps = () => readdirSync(path.join(root, '.cache', 'up-to-date'));
    const before = stamps();
    record({ readClock: noClock, invocation: { ...invocation, argv: [...invocation.argv, '--check'] } });
    expect(stamps()).toStrictEqual(before);
  });

  it('records nothing when an input changed while the run read it (even if it is changed back later)', () => {
    const fresh = { ...invocation, generatorId: 'gen-3' };
    const before = upToDateBefore({ ...fresh, readClock: noClock });
    put(path.join(root, 'spec.yaml'), 'openapi: 3.0.3\n');
    recordUpToDate({ invocation: fresh, before, trees: [], report: REPORT });
    put(path.join(root, 'spec.yaml'), 'openapi: 3.1.0\n');
    expect(upToDateReport(fresh)).toBeUndefined();
    recordUpToDate({ invocation: fresh, before, trees: [], report: REPORT });
    expect(upToDateReport(fresh)).toBe(REPORT);
  });
});

/** Every input and output entry the stamp's stats cover, folders and tree roots included. */
function recordedEntries(): string[] {
  const walk = (dir: string): string[] => [dir, ...readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)]))];
  return [...['templates', 'vendor-docs'].flatMap((dir) => walk(path.join(root, dir))), ...walk(out), path.join(root, 'package.json'), path.join(root, 'spec.yaml')];
}

/** The latest mtime or ctime of any recorded entry, and their device. */
function lastChange(): { readonly dev: number; readonly ms: number } {
  const stats = recordedEntries().map((file) => lstatSync(file));
  return { dev: stats[0]!.dev, ms: Math.max(...stats.flatMap((stat) => [stat.mtimeMs, stat.ctimeMs])) };
}

/** The double next to a positive `ms` (its bit pattern plus or minus one): the smallest step a stat's milliseconds can differ by. */
function nextDouble(input: { readonly ms: number; readonly step: 1 | -1 }): number {
  const view = new Float64Array([input.ms]);
  new BigInt64Array(view.buffer)[0]! += BigInt(input.step);
  return view[0]!;
}
const nextUp = (ms: number) => nextDouble({ ms, step: 1 });
const nextDown = (ms: number) => nextDouble({ ms, step: -1 });

describe('stats recorded by the run that confirmed the bytes', () => {
  it('the full run that found the tree unchanged records them, so the next run reads no file (the bench\'s regeneration right after it)', () => {
    nextTick();
    record({ readClock: readRealClock });
    spoilKey();
    expect(upToDateReport(invocation)).toBe(REPORT);
  });

  it.each([
    { given: 'the clock read in the same tick as the latest change', clock: (last: number) => last, recorded: false },
    { given: 'the clock read one step before the latest change', clock: nextDown, recorded: false },
    { given: 'the clock read one step after the latest change', clock: nextUp, recorded: true },
  ])('with $given: stats recorded $recorded', ({ clock, recorded }) => {
    const last = lastChange();
    expect([nextDown(last.ms) < last.ms, nextUp(last.ms) > last.ms]).toStrictEqual([true, true]);
    record({ readClock: () => ({ dev: last.dev, ms: clock(last.ms) }) });
    spoilKey();
    expect(upToDateReport(invocation)).toBe(recorded ? REPORT : undefined);
  });

  it('records none when an entry is on another device than the clock (another file clock and granularity)', () => {
    const last = lastChange();
    record({ readClock: () => ({ dev: last.dev + 1, ms: last.ms + 60_000 }) });
    spoilKey();
    expect(upToDateReport(invocation)).toBeUndefined();
  });

  it('the fast path that hashed adds them, read from the clock before it hashed', () => {
    const last = lastChange();
    expect(stampOf().stamp.stats).toBeUndefined();
    expect(upToDateReport({ ...invocation, readClock: () => ({ dev: last.dev, ms: last.ms }) })).toBe(REPORT);
    expect(stampOf().stamp.stats).toBeUndefined();
    expect(upToDateReport({ ...invocation, readClock: () => ({ dev: last.dev, ms: nextUp(last.ms) }) })).toBe(REPORT);
    spoilKey();
    expect(upToDateReport(invocation)).toBe(REPORT);
  });
});

/** The real file clock, read where the stamps are. */
function readRealClock() {
  return readFileClock(path.join(root, '.cache', 'up-to-date'));
}

describe('the regeneration fast path, answered from stats', () => {
  beforeEach(() => {
    nextTick();
    record({ readClock: () => ({ dev: lastChange().dev, ms: nextUp(lastChange().ms) }) });
    expect(stampOf().stamp.stats).toEqual(expect.any(Object));
    // Lets the file clock move on, so a change made now gets a ctime no earlier write had.
    nextTick();
  });

  it('answers from the stats alone (a key it no longer matches is not read)', () => {
    spoilKey();
    expect(upToDateReport(invocation)).toBe(REPORT);
  });

  it.each([
    ...CHANGES,
    { given: 'an extra file in a nested output folder', change: () => put(path.join(out, 'src', 'deep', 'extra.ts'), 'x') },
    { given: 'an output file renamed (same bytes, another name)', change: () => renameSync(path.join(out, 'src', 'index.ts'), path.join(out, 'src', 'main.ts')) },
    { given: 'a new template beside the others', change: () => put(path.join(root, 'templates', 'runtime', 'extra.ts'), '') },
    { given: 'a created lockfile that was absent', change: () => put(path.join(root, 'package-lock.json'), '{}') },
  ])('runs the full generation after $given', ({ change }) => {
    change();
    expect(upToDateReport(invocation)).toBeUndefined();
  });

  it.each([
    { given: 'another generator build', other: () => ({ ...invocation, generatorId: 'gen-2' }) },
    { given: 'other arguments', other: () => ({ ...invocation, argv: [...invocation.argv, '--quiet'] }) },
    { given: 'another working folder', other: () => ({ ...invocation, cwd: path.join(root, 'generated') }) },
  ])('has no answer for $given', ({ other }) => {
    expect(upToDateReport(other())).toBeUndefined();
  });

  it('has no answer from stats recorded under another Node', () => {
    const { file, stamp } = stampOf();
    const stats = stamp.stats as { head: string };
    writeFileSync(file, JSON.stringify({ ...stamp, key: 'recorded under v0', stats: { ...stats, head: stats.head.replace(JSON.stringify(process.version), '"v0.0.0"') } }));
    expect(upToDateReport(invocation)).toBeUndefined();
  });

  it('a build folder added to the package costs one hashing run, then stats answer again', () => {
    put(path.join(out, 'dist', 'bin.cjs'), 'x');
    nextTick();
    expect(upToDateReport(invocation)).toBe(REPORT);
    spoilKey();
    expect(upToDateReport(invocation)).toBe(REPORT);
  });

  it('never answers a copied checkout from the original\'s files', () => {
    const copy = `${root}-copy`;
    cpSync(root, copy, { recursive: true });
    put(path.join(copy, 'templates', 'runtime', 'server.ts'), 'export const copied = 1;\n');
    expect(upToDateReport({ ...invocation, root: copy })).toBeUndefined();
    expect(upToDateReport(invocation)).toBe(REPORT);
  });
});
