import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { keyOf, recordUpToDate, upToDateReport, type Invocation } from '../../generator/cli-up-to-date.ts';
import type { EmittedFile } from '../../generator/emit/emit-package.ts';
import { LOCK_NAME } from '../../generator/write/write-lock.ts';
import { withMarker } from '../../generator/write/ownership.ts';
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

/** A checkout (templates, vendor docs, manifests), a spec, and a package generated from it and recorded as up to date. */
beforeEach(async () => {
  root = mkdtempSync(path.join(work, 'root-'));
  put(path.join(root, 'templates', 'runtime', 'server.ts'), 'export {};\n');
  put(path.join(root, 'vendor-docs', 'acme', 'openapi.yaml'), 'openapi: 3.1.0\n');
  put(path.join(root, 'package.json'), '{}\n');
  put(path.join(root, 'spec.yaml'), 'openapi: 3.1.0\n');
  out = path.join(root, 'generated', 'pkg');
  await writeTrees({ trees: [{ dir: out, files: FILES }] });
  invocation = { root, cwd: root, argv: ['--spec', 'spec.yaml', '--vendor', 'pkg', '--out', 'generated/pkg'], generatorId: 'gen-1' };
  const trees = [{ dir: out, digest: filesDigest(withMarker(FILES)) }];
  recordUpToDate({ invocation, keyBefore: keyOf(invocation), trees, report: REPORT });
});

describe('the regeneration fast path', () => {
  it('answers with what the recorded run printed when inputs, generator and output are unchanged', () => {
    expect(upToDateReport(invocation)).toBe(REPORT);
  });

  it('ignores build output and installs in the package (they survive every write)', () => {
    put(path.join(out, 'dist', 'bin.js'), 'x');
    put(path.join(out, 'node_modules', 'zod', 'index.js'), 'x');
    expect(upToDateReport(invocation)).toBe(REPORT);
  });

  it.each([
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
  ])('runs the full generation after $given', ({ change }) => {
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
    expect(readers).toStrictEqual(['cli-init.ts', 'cli-up-to-date.ts', 'load/read-assets.ts', 'load/read-inputs.ts', 'load/read-previous-package.ts']);
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
