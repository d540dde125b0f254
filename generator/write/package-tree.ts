import { readFileSync, type Stats } from 'node:fs';
import { walkTree, type TreeEntry } from './tree-digest.ts';

/** An entry the write stage never writes (a symbolic link, a named pipe, …): its path and what it is. */
export type ForeignEntry = { readonly file: string; readonly kind: string };

/** A package folder as `--check` compares it: its regular files' texts by path, and every other non-folder entry. */
export type PackageTree = { readonly files: ReadonlyMap<string, string>; readonly foreign: readonly ForeignEntry[] };

/** What an entry that is neither a regular file nor a folder is, in words. */
function kindOf(stat: Stats): string {
  if (stat.isSymbolicLink()) return 'a symbolic link';
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  return 'a device';
}

/**
 * Every entry under a folder as the write stage sees it (`walkTree`): forward-slash paths relative
 * to it, top-level build output and installs (`KEPT`) left out, links never followed. A `src/dist`
 * is no build output (the write stage replaces it, and `npm pack` would ship it), and a link is
 * reported, not read: a dangling one or a loop would throw, and one to /etc would read system files.
 */
function walkPackage(root: string): { readonly files: TreeEntry[]; readonly foreign: ForeignEntry[] } {
  const files: TreeEntry[] = [];
  const foreign: ForeignEntry[] = [];
  walkTree(root, (entry) => {
    if (entry.stat.isFile()) files.push(entry);
    else if (!entry.stat.isDirectory()) foreign.push({ file: entry.relative, kind: kindOf(entry.stat) });
  });
  return { files: files.sort((a, b) => byPath(a.relative, b.relative)), foreign: foreign.sort((a, b) => byPath(a.file, b.file)) };
}

const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every regular file under a folder, as `walkPackage` sees it. */
export function listTree(root: string): string[] {
  return walkPackage(root).files.map((entry) => entry.relative);
}

/** A package folder's regular files by path (none followed through a link), and its foreign entries. */
export function readPackageTree(root: string): PackageTree {
  const { files, foreign } = walkPackage(root);
  return { files: new Map(files.map((entry) => [entry.relative, readFileSync(entry.full, 'utf8')])), foreign };
}

/** Every regular file of a package folder (as `listTree` sees it) by path. */
export function readTree(root: string): Map<string, string> {
  return new Map(readPackageTree(root).files);
}
