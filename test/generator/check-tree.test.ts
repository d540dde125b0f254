import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPreviousPackage } from '../../generator/load/read-previous-package.ts';
import { checkTree } from '../../generator/write/check-tree.ts';
import { writeTrees } from '../../generator/write/write-tree.ts';

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'vmcp-check-tree-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const FILES = [
  { path: 'package.json', contents: '{}\n' },
  { path: 'src/index.ts', contents: 'export const v = 1;\n' },
];

/** A package folder as the write stage leaves it, under a fresh name. */
async function written(): Promise<string> {
  const dir = path.join(mkdtempSync(path.join(work, 'pkg-')), 'out');
  await writeTrees({ trees: [{ dir, files: FILES }] });
  return dir;
}

function put(input: { readonly dir: string; readonly file: string }): void {
  mkdirSync(path.dirname(path.join(input.dir, input.file)), { recursive: true });
  writeFileSync(path.join(input.dir, input.file), 'export const x = 1;\n');
}

describe('--check sees what the write stage replaces', () => {
  it('leaves out top-level dist and node_modules, which the write stage keeps', async () => {
    const dir = await written();
    for (const file of ['dist/index.js', 'node_modules/zod/index.js']) put({ dir, file });
    expect(checkTree({ dir, files: FILES })).toStrictEqual([]);
  });

  it.each(['src/dist/evil.ts', 'src/node_modules/evil/index.js', 'src/a/dist/evil.ts'])('calls a nested build-output or install name stale: %s', async (file) => {
    const dir = await written();
    put({ dir, file });
    expect(checkTree({ dir, files: FILES })).toStrictEqual([{ file, change: 'stale' }]);
    // The write stage agrees: a regeneration removes it.
    await writeTrees({ trees: [{ dir, files: FILES }] });
    expect([existsSync(path.join(dir, file)), checkTree({ dir, files: FILES })]).toStrictEqual([false, []]);
  });
});

describe('a link or a pipe in a package is reported, never followed, and replaced', () => {
  /** A file outside every package, with the bytes of the package's src/index.ts. */
  const outside = () => {
    const dir = mkdtempSync(path.join(work, 'outside-'));
    writeFileSync(path.join(dir, 'index.ts'), FILES[1]!.contents);
    return dir;
  };
  const LINK = 'a symbolic link';

  it.each([
    { given: 'a dangling link', make: (dir: string) => symlinkSync('nope', path.join(dir, 'notes.md')), want: [{ file: 'notes.md', change: 'foreign', kind: LINK }] },
    { given: 'a loop', make: (dir: string) => symlinkSync('..', path.join(dir, 'src', 'loop')), want: [{ file: 'src/loop', change: 'foreign', kind: LINK }] },
    { given: 'a link to /etc', make: (dir: string) => symlinkSync('/etc', path.join(dir, 'src', 'etc')), want: [{ file: 'src/etc', change: 'foreign', kind: LINK }] },
    { given: 'a link to a file inside, where a generated file belongs', make: (dir: string) => (rmSync(path.join(dir, 'src', 'index.ts')), symlinkSync('../package.json', path.join(dir, 'src', 'index.ts'))), want: [{ file: 'src/index.ts', change: 'foreign', kind: LINK }] },
    { given: 'a link to a file outside, where a generated file belongs', make: (dir: string) => (rmSync(path.join(dir, 'src', 'index.ts')), symlinkSync(path.join(outside(), 'index.ts'), path.join(dir, 'src', 'index.ts'))), want: [{ file: 'src/index.ts', change: 'foreign', kind: LINK }] },
    { given: 'a linked folder outside, holding the same bytes', make: (dir: string) => (rmSync(path.join(dir, 'src'), { recursive: true }), symlinkSync(outside(), path.join(dir, 'src'))), want: [{ file: 'src', change: 'foreign', kind: LINK }, { file: 'src/index.ts', change: 'missing' }] },
    { given: 'a named pipe', make: (dir: string) => spawnSync('mkfifo', [path.join(dir, 'src', 'pipe')]), want: [{ file: 'src/pipe', change: 'foreign', kind: 'a named pipe' }] },
  ])('$given: --check names it, a write replaces it and leaves what it points to alone', async ({ make, want }) => {
    const dir = await written();
    make(dir);
    expect(checkTree({ dir, files: FILES })).toStrictEqual(want);
    await writeTrees({ trees: [{ dir, files: FILES }] });
    expect(checkTree({ dir, files: FILES })).toStrictEqual([]);
    // Every file is a plain file of the package's own: none is a second name of a file outside it.
    for (const file of FILES) expect(lstatSync(path.join(dir, file.path)).nlink).toBe(1);
  });

  it('a link to a file outside stays untouched by the write', async () => {
    const dir = await written();
    const target = path.join(outside(), 'index.ts');
    rmSync(path.join(dir, 'src', 'index.ts'));
    symlinkSync(target, path.join(dir, 'src', 'index.ts'));
    await writeTrees({ trees: [{ dir, files: [{ path: 'package.json', contents: '{}\n' }, { path: 'src/index.ts', contents: 'export const v = 2;\n' }] }] });
    expect([readFileSync(target, 'utf8'), lstatSync(path.join(dir, 'src', 'index.ts')).isFile()]).toStrictEqual([FILES[1]!.contents, true]);
  });
});

describe('the previous package is read from its regular files only', () => {
  it.each([
    { given: 'a regular package.json', link: false, want: '9.9.9' },
    { given: 'package.json linked to a file outside', link: true, want: undefined },
  ])('$given', ({ link, want }) => {
    const dir = mkdtempSync(path.join(work, 'previous-'));
    const manifest = path.join(mkdtempSync(path.join(work, 'elsewhere-')), 'package.json');
    writeFileSync(manifest, '{"version":"9.9.9"}\n');
    if (link) symlinkSync(manifest, path.join(dir, 'package.json'));
    else writeFileSync(path.join(dir, 'package.json'), readFileSync(manifest));
    expect(readPreviousPackage(dir)?.version).toBe(want);
  });
});
