import type { EmittedFile } from '../emit/emit-package.ts';
import { diffTree, type Drift } from './tree-diff.ts';
import { withMarker } from './ownership.ts';
import { readPackageTree } from './package-tree.ts';

export type { Drift };

/** `--check`: compares what would be written with what is on disk, without writing anything or following a link. */
export function checkTree(input: { readonly dir: string; readonly files: readonly EmittedFile[] }): Drift[] {
  const { files, foreign } = readPackageTree(input.dir);
  return diffTree({ current: files, foreign, files: withMarker(input.files) });
}
