import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Build output and installs are not ours: they survive regeneration and no comparison sees them. */
export const KEPT = ['dist', 'node_modules'] as const;

/** Text is hashed as its UTF-8 bytes, so a file's text and the file it was written to hash alike. */
const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

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

/** The digest of a tree that would hold exactly these files (and the folders they need). */
export function filesDigest(files: readonly { readonly path: string; readonly contents: string }[]): string {
  return digestOf([...[...foldersOf(files.map((file) => file.path))].map((folder) => `d ${folder}`), ...files.map((file) => `f ${file.path} ${sha256(file.contents)}`)]);
}

/**
 * The digest of a folder on disk as the write stage sees it (`KEPT` top-level entries left out):
 * every name, its kind and its bytes, so an extra, missing or edited entry changes it. Anything but
 * a regular file or a folder (a link) hashes as a kind no generated tree has. Undefined when missing.
 */
export function treeDigest(root: string): string | undefined {
  if (lstatSync(root, { throwIfNoEntry: false })?.isDirectory() !== true) return undefined;
  const lines: string[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir)) {
      if (prefix === '' && (KEPT as readonly string[]).includes(name)) continue;
      const full = path.join(dir, name);
      const relative = `${prefix}${name}`;
      const stat = lstatSync(full);
      if (stat.isDirectory()) {
        lines.push(`d ${relative}`);
        walk(full, `${relative}/`);
      } else lines.push(stat.isFile() ? `f ${relative} ${sha256(readFileSync(full))}` : `other ${relative}`);
    }
  };
  walk(root, '');
  return digestOf(lines);
}
