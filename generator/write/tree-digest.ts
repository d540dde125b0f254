import { lstatSync, readdirSync, readFileSync, type Stats } from 'node:fs';
import path from 'node:path';
import { sha256 } from '../shared/lazy-sha256.ts';

/** Build output and installs are not ours: they survive regeneration and no comparison sees them. */
export const KEPT = ['dist', 'node_modules'] as const;

/** One digest over sorted `kind path [content hash]` lines: the same for a tree on disk and its files in memory. */
function digestOf(lines: string[]): string {
  return sha256(lines.sort().join('\n'));
}

/** Every folder the files need, as relative paths (`a/b/c.ts` needs `a` and `a/b`). */
export function foldersOf(paths: readonly string[]): Set<string> {
  const folders = new Set<string>();
  for (const file of paths) for (let at = file.lastIndexOf('/'); at > 0; at = file.lastIndexOf('/', at - 1)) folders.add(file.slice(0, at));
  return folders;
}

/** The digest of a tree that would hold exactly these files (and the folders they need); text hashes as its UTF-8 bytes, as the file written from it. */
export function filesDigest(files: readonly { readonly path: string; readonly contents: string }[]): string {
  return digestOf([...[...foldersOf(files.map((file) => file.path))].map((folder) => `d ${folder}`), ...files.map((file) => `f ${file.path} ${sha256(file.contents)}`)]);
}

export type TreeEntry = { readonly relative: string; readonly full: string; readonly stat: Stats };

/**
 * Calls `visit` for every entry under `root` (`KEPT` top-level entries left out), as lstat sees it:
 * a link is an entry of its own, never followed; false when `root` is not a folder. The write stage
 * and `--check` both walk a package this way, so they never disagree on what it holds.
 */
export function walkTree(root: string, visit: (entry: TreeEntry) => void): boolean {
  if (lstatSync(root, { throwIfNoEntry: false })?.isDirectory() !== true) return false;
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir)) {
      if (prefix === '' && (KEPT as readonly string[]).includes(name)) continue;
      const full = path.join(dir, name);
      const entry = { relative: `${prefix}${name}`, full, stat: lstatSync(full) };
      visit(entry);
      if (entry.stat.isDirectory()) walk(full, `${entry.relative}/`);
    }
  };
  walk(root, '');
  return true;
}

/**
 * The digest of a folder on disk as the write stage sees it (`KEPT` top-level entries left out):
 * every name, its kind and its bytes, so an extra, missing or edited entry changes it. Anything but
 * a regular file or a folder (a link) hashes as a kind no generated tree has. Undefined when missing.
 */
export function treeDigest(root: string): string | undefined {
  const lines: string[] = [];
  const found = walkTree(root, ({ relative, full, stat }) => {
    if (stat.isDirectory()) lines.push(`d ${relative}`);
    else lines.push(stat.isFile() ? `f ${relative} ${sha256(readFileSync(full))}` : `other ${relative}`);
  });
  return found ? digestOf(lines) : undefined;
}

/**
 * The stats any change to an entry moves, as numbers: kind (0 folder, 1 file, 2 anything else),
 * size, mtime and ctime (milliseconds with their fraction), inode and device; none when missing.
 */
export function entryStats(stat: Stats | undefined): number[] {
  return stat === undefined ? [] : [kindOf(stat), stat.size, stat.mtimeMs, stat.ctimeMs, stat.ino, stat.dev];
}

const kindOf = (stat: Stats) => (stat.isDirectory() ? 0 : stat.isFile() ? 1 : 2);

/** `stat` has exactly the `recorded` entryStats: compared number by number, so the check formats no text (a third of its time). */
export function sameStats(input: { readonly stat: Stats | undefined; readonly recorded: readonly unknown[] }): boolean {
  const { stat, recorded } = input;
  if (stat === undefined) return recorded.length === 0;
  return recorded.length === 6 && recorded[0] === kindOf(stat) && recorded[1] === stat.size && recorded[2] === stat.mtimeMs && recorded[3] === stat.ctimeMs && recorded[4] === stat.ino && recorded[5] === stat.dev;
}

/**
 * `root` and every entry treeDigest reads, with their stats (lstat: a link is not followed), or
 * only `root` when it is missing or not a folder. ctime is in the stats because every write moves
 * it and nothing sets it back (`touch -d` and `cp -p` restore mtime only); a folder's mtime and
 * ctime move whenever a name in it is added, removed or renamed, so where every recorded folder
 * (`root` included) still stats the same, no entry came or went and none needs listing again.
 */
export function treeStatEntries(root: string): { readonly file: string; readonly stat: Stats | undefined }[] {
  const entries: { file: string; stat: Stats | undefined }[] = [{ file: root, stat: lstatSync(root, { throwIfNoEntry: false }) }];
  walkTree(root, ({ full, stat }) => entries.push({ file: full, stat }));
  return entries;
}
