import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
