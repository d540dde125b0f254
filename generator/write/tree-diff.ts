import type { EmittedFile } from '../emit/emit-package.ts';
import type { ForeignEntry } from './package-tree.ts';

/** One difference; a `foreign` entry (a link, a pipe) says what it is in `kind`. */
export type Drift = { readonly file: string; readonly change: 'changed' | 'missing' | 'stale' } | { readonly file: string; readonly change: 'foreign'; readonly kind: string };

/**
 * Pure: how a package tree on disk differs from what a generation produced, in path order. A
 * foreign entry is reported once, as what it is, even where a generated file belongs.
 */
export function diffTree(input: { readonly current: ReadonlyMap<string, string>; readonly foreign?: readonly ForeignEntry[]; readonly files: readonly EmittedFile[] }): Drift[] {
  const wanted = new Map(input.files.map((f) => [f.path, f.contents]));
  const foreign = input.foreign ?? [];
  const foreignPaths = new Set(foreign.map((entry) => entry.file));
  const drift: Drift[] = foreign.map((entry) => ({ file: entry.file, change: 'foreign', kind: entry.kind }));
  for (const [file, contents] of wanted) {
    const current = input.current.get(file);
    if (current === undefined && !foreignPaths.has(file)) drift.push({ file, change: 'missing' });
    else if (current !== undefined && current !== contents) drift.push({ file, change: 'changed' });
  }
  for (const file of input.current.keys()) if (!wanted.has(file)) drift.push({ file, change: 'stale' });
  return drift.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
