import type { EmittedFile } from '../emit/emit-package.ts';
import { listTree, readTreeFile } from './package-tree.ts';

export type Drift = { readonly file: string; readonly change: 'changed' | 'missing' | 'stale' };

/** `--check`: compares what would be written with what is on disk, without writing anything. */
export function checkTree(input: { readonly dir: string; readonly files: readonly EmittedFile[] }): Drift[] {
  const wanted = new Map(input.files.map((f) => [f.path, f.contents]));
  const drift: Drift[] = [];
  for (const [file, contents] of wanted) {
    const current = readTreeFile({ root: input.dir, file });
    if (current === undefined) drift.push({ file, change: 'missing' });
    else if (current !== contents) drift.push({ file, change: 'changed' });
  }
  for (const file of listTree(input.dir)) if (!wanted.has(file)) drift.push({ file, change: 'stale' });
  return drift.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
