import type { EmittedFile } from '../emit/emit-package.ts';

export type Drift = { readonly file: string; readonly change: 'changed' | 'missing' | 'stale' };

/** Pure: how a package tree on disk differs from what a generation produced, in path order. */
export function diffTree(input: { readonly current: ReadonlyMap<string, string>; readonly files: readonly EmittedFile[] }): Drift[] {
  const wanted = new Map(input.files.map((f) => [f.path, f.contents]));
  const drift: Drift[] = [];
  for (const [file, contents] of wanted) {
    const current = input.current.get(file);
    if (current === undefined) drift.push({ file, change: 'missing' });
    else if (current !== contents) drift.push({ file, change: 'changed' });
  }
  for (const file of input.current.keys()) if (!wanted.has(file)) drift.push({ file, change: 'stale' });
  return drift.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
