import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import path from 'node:path';
import type { EmittedFile } from '../emit/emit-package.ts';

/** Build output and installs are not ours: they survive regeneration. */
const KEPT = ['dist', 'node_modules'];

/**
 * Writes a package folder as a whole: the new tree is built beside the old one, then swapped in
 * with renames, so readers see the old tree or the new one, never a mix.
 */
export function writeTree(input: { readonly dir: string; readonly files: readonly EmittedFile[] }): void {
  const { dir } = input;
  const parent = path.dirname(dir);
  mkdirSync(parent, { recursive: true });
  const staging = `${dir}.tmp-${process.pid}`;
  const retired = `${dir}.old-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  for (const file of input.files) {
    const target = path.join(staging, file.path);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.contents);
  }
  for (const kept of KEPT) {
    const from = path.join(dir, kept);
    if (existsSync(from)) cpSync(from, path.join(staging, kept), { recursive: true, verbatimSymlinks: true });
  }
  if (existsSync(dir)) renameSync(dir, retired);
  renameSync(staging, dir);
  rmSync(retired, { recursive: true, force: true });
}
