import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmittedFile } from '../../generator/emit/emit-package.ts';
import { withMarker } from '../../generator/write/ownership.ts';
import { readTree } from '../../generator/write/package-tree.ts';
import { writeTrees } from '../../generator/write/write-tree.ts';

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'vmcp-reuse-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const V1: EmittedFile[] = [
  { path: 'README.md', contents: '# pkg\n' },
  { path: 'src/index.ts', contents: 'export const version = 1;\n' },
  { path: 'src/tools/a.ts', contents: 'export const a = 1;\n' },
  { path: 'src/tools/b.ts', contents: 'export const b = 1;\n' },
];
/** One input change: one file differs, one is new, one is gone. */
const V2: EmittedFile[] = [V1[0]!, { path: 'src/index.ts', contents: 'export const version = 2;\n' }, V1[2]!, { path: 'src/tools/c.ts', contents: 'export const c = 1;\n' }];

const inode = (file: string) => statSync(file).ino;
const expectExactly = (input: { readonly dir: string; readonly files: readonly EmittedFile[] }) =>
  expect(Object.fromEntries(readTree(input.dir))).toStrictEqual(Object.fromEntries(withMarker(input.files).map((file) => [file.path, file.contents])));

function freshPackage(label: string): { parent: string; dir: string } {
  const parent = mkdtempSync(path.join(work, `${label}-`));
  return { parent, dir: path.join(parent, 'pkg') };
}

describe('a regeneration reuses what did not change and still writes exactly the new tree', () => {
  it('after one input change: the changed file is new, the new file is there, the dropped one is gone, and unchanged files are the old ones reused', async () => {
    const { dir } = freshPackage('change');
    await writeTrees({ trees: [{ dir, files: V1 }] });
    const before = { readme: inode(path.join(dir, 'README.md')), a: inode(path.join(dir, 'src/tools/a.ts')), index: inode(path.join(dir, 'src/index.ts')) };
    await writeTrees({ trees: [{ dir, files: V2 }] });
    expectExactly({ dir, files: V2 });
    expect(inode(path.join(dir, 'README.md'))).toBe(before.readme);
    expect(inode(path.join(dir, 'src/tools/a.ts'))).toBe(before.a);
    expect(inode(path.join(dir, 'src/index.ts'))).not.toBe(before.index);
    // Reused files have one name again once the old tree is gone: nothing outside the package shares them.
    expect(statSync(path.join(dir, 'README.md')).nlink).toBe(1);
  });

  it('rewrites a hand-edited file, even one edited to the same length', async () => {
    const { dir } = freshPackage('edited');
    await writeTrees({ trees: [{ dir, files: V1 }] });
    writeFileSync(path.join(dir, 'src/tools/a.ts'), 'export const a = 9;\n');
    await writeTrees({ trees: [{ dir, files: V1 }] });
    expectExactly({ dir, files: V1 });
  });

  it.each([
    { given: 'a stray file', spoil: (dir: string) => writeFileSync(path.join(dir, 'src/stray.ts'), 'x\n') },
    { given: 'a stray empty folder', spoil: (dir: string) => mkdirSync(path.join(dir, 'src/empty')) },
    { given: 'a deleted file', spoil: (dir: string) => rmSync(path.join(dir, 'src/tools/b.ts')) },
  ])('replaces a tree holding $given, though every generated file in it is unchanged', async ({ spoil }) => {
    const { dir } = freshPackage('spoiled');
    await writeTrees({ trees: [{ dir, files: V1 }] });
    spoil(dir);
    await writeTrees({ trees: [{ dir, files: V1 }] });
    expectExactly({ dir, files: V1 });
    expect(existsSync(path.join(dir, 'src/empty'))).toBe(false);
  });

  it('leaves a tree that is already exactly the new one untouched: not staged, not swapped, no journal', async () => {
    const { parent, dir } = freshPackage('same');
    await writeTrees({ trees: [{ dir, files: V1 }] });
    const folder = inode(dir);
    const mtime = statSync(dir).mtimeMs;
    await writeTrees({ trees: [{ dir, files: V1 }] });
    expect(inode(dir)).toBe(folder);
    expect(statSync(dir).mtimeMs).toBe(mtime);
    expect(readdirSync(parent)).toStrictEqual(['pkg']);
  });

  it('writes only the trees that changed when one write holds several', async () => {
    const parent = mkdtempSync(path.join(work, 'several-'));
    const [alpha, beta] = [path.join(parent, 'alpha'), path.join(parent, 'beta')];
    await writeTrees({ trees: [{ dir: alpha, files: V1 }, { dir: beta, files: V1 }] });
    const alphaFolder = inode(alpha);
    await writeTrees({ trees: [{ dir: alpha, files: V1 }, { dir: beta, files: V2 }] });
    expect(inode(alpha)).toBe(alphaFolder);
    expectExactly({ dir: alpha, files: V1 });
    expectExactly({ dir: beta, files: V2 });
    expect(readdirSync(parent).sort()).toStrictEqual(['alpha', 'beta']);
  });

  it('does not reuse a file that has another name outside the package: editing that name later cannot reach the package', async () => {
    const { parent, dir } = freshPackage('linked');
    await writeTrees({ trees: [{ dir, files: V1 }] });
    const outside = path.join(parent, 'outside-link.ts');
    linkSync(path.join(dir, 'src/tools/a.ts'), outside);
    await writeTrees({ trees: [{ dir, files: V2 }] });
    writeFileSync(outside, 'export const a = "edited elsewhere";\n');
    expectExactly({ dir, files: V2 });
    expect(readFileSync(path.join(dir, 'src/tools/a.ts'), 'utf8')).toBe(V1[2]!.contents);
  });
});
