import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { keyOf, recordUpToDate, upToDateReport, type Invocation } from '../../generator/cli-up-to-date.ts';
import type { EmittedFile } from '../../generator/emit/emit-package.ts';
import { LOCK_NAME } from '../../generator/write/write-lock.ts';
import { withMarker } from '../../generator/write/ownership.ts';
import { filesDigest, RACY_MS } from '../../generator/write/tree-digest.ts';
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
  const trees = [{ dir: out, digest: filesDigest(withMarker(FILES)) }];
  recordUpToDate({ invocation, keyBefore: keyOf(invocation), trees, report: REPORT });
});

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
    expect(readers).toStrictEqual(['cli-init.ts', 'cli-up-to-date.ts', 'load/read-assets.ts', 'load/read-inputs.ts', 'load/read-previous-package.ts', 'load/template-cache.ts', 'shared/o200k-cache.ts', 'shared/o200k-source.ts']);
  });

  it('records nothing for --check', () => {
    const stamps = () => readdirSync(path.join(root, '.cache', 'up-to-date'));
    const before = stamps();
    const check = { ...invocation, argv: [...invocation.argv, '--check'] };
    recordUpToDate({ invocation: check, keyBefore: keyOf(check), trees: [], report: 'up to date\n' });
    expect(stamps()).toStrictEqual(before);
  });

  it('records nothing when an input changed while the run read it (even if it is changed back later)', () => {
    const fresh = { ...invocation, generatorId: 'gen-3' };
    const keyBefore = keyOf(fresh);
    put(path.join(root, 'spec.yaml'), 'openapi: 3.0.3\n');
    recordUpToDate({ invocation: fresh, keyBefore, trees: [], report: REPORT });
    put(path.join(root, 'spec.yaml'), 'openapi: 3.1.0\n');
    expect(upToDateReport(fresh)).toBeUndefined();
    recordUpToDate({ invocation: fresh, keyBefore, trees: [], report: REPORT });
    expect(upToDateReport(fresh)).toBe(REPORT);
  });
});

describe('the regeneration fast path, answered from stats', () => {
  /** As if checked long after every file was last written: nothing is racy. */
  const later = () => Date.now() + RACY_MS + 1000;
  const stampOf = () => {
    const dir = path.join(root, '.cache', 'up-to-date');
    const [name] = readdirSync(dir);
    return { file: path.join(dir, name!), stamp: JSON.parse(readFileSync(path.join(dir, name!), 'utf8')) as { key: string; stats?: string } };
  };

  beforeEach(() => {
    expect(upToDateReport(invocation, later)).toBe(REPORT);
    expect(stampOf().stamp.stats).toEqual(expect.any(String));
    // Lets the file clock move on, so a change made now gets a ctime no earlier write had.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30);
  });

  it('answers from the stats alone once the contents were confirmed (a key it no longer matches is not read)', () => {
    const { file, stamp } = stampOf();
    writeFileSync(file, JSON.stringify({ ...stamp, key: 'not this key' }));
    expect(upToDateReport(invocation, later)).toBe(REPORT);
  });

  it.each(CHANGES)('runs the full generation after $given', ({ change }) => {
    change();
    expect(upToDateReport(invocation, later)).toBeUndefined();
  });

  it.each([
    { given: 'another generator build', other: () => ({ ...invocation, generatorId: 'gen-2' }) },
  ])('has no answer for $given', ({ other }) => {
    expect(upToDateReport(other(), later)).toBeUndefined();
  });

  it('adds no stats while a file changed within RACY_MS of taking them (an edit in the same clock tick would keep them)', () => {
    const { file, stamp } = stampOf();
    writeFileSync(file, JSON.stringify({ ...stamp, stats: undefined }));
    expect(upToDateReport(invocation)).toBe(REPORT);
    expect(stampOf().stamp.stats).toBeUndefined();
  });
});
