import { linkSync, lstatSync, readFileSync } from 'node:fs';
import { filesDigest, treeDigest } from './tree-digest.ts';

/** A file to be written: its path in the tree and its text (written as UTF-8). */
export type WantedFile = { readonly path: string; readonly contents: string };

/**
 * Whether the folder already is exactly this tree: the same names (no extra file, folder or link)
 * and the same bytes, besides the kept build output and installs. Such a tree is not rewritten.
 */
export function treeIsUnchanged(input: { readonly dir: string; readonly files: readonly WantedFile[] }): boolean {
  const onDisk = treeDigest(input.dir);
  return onDisk !== undefined && onDisk === filesDigest(input.files);
}

/**
 * Puts an unchanged file into a staged tree as a second name (hard link) of the old tree's file,
 * instead of writing its bytes again; returns false when it must be written. Bytes are compared,
 * not decoded text (two invalid UTF-8 sequences decode alike). Only a file with no other name is
 * reused: one linked from elsewhere could be changed through that other name later. The old tree
 * is only read, so an interrupted write still leaves it whole.
 */
export function reuseFile(input: { readonly from: string; readonly to: string; readonly contents: string }): boolean {
  const stat = lstatSync(input.from, { throwIfNoEntry: false });
  if (stat === undefined || !stat.isFile() || stat.nlink !== 1 || stat.size !== Buffer.byteLength(input.contents, 'utf8')) return false;
  if (!readFileSync(input.from).equals(Buffer.from(input.contents, 'utf8'))) return false;
  try {
    linkSync(input.from, input.to);
    return true;
  } catch {
    // A file system without hard links (or another device): write the bytes instead.
    return false;
  }
}
