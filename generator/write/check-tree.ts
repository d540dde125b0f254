import type { EmittedFile } from '../emit/emit-package.ts';
import { diffTree, type Drift } from './tree-diff.ts';
import { withMarker } from './ownership.ts';
import { readTree } from './package-tree.ts';

export type { Drift };

/** `--check`: compares what would be written with what is on disk, without writing anything. */
export function checkTree(input: { readonly dir: string; readonly files: readonly EmittedFile[] }): Drift[] {
  return diffTree({ current: readTree(input.dir), files: withMarker(input.files) });
}
