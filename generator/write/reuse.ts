import { linkSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** A file to be written, its bytes encoded once for comparing and writing. */
export type WantedFile = { readonly path: string; readonly bytes: Buffer };

/**
 * Whether `file` is a regular file holding exactly `bytes`. Bytes, not decoded text: two different
 * invalid UTF-8 sequences decode to the same replacement character.
 */
function holds(input: { readonly file: string; readonly bytes: Buffer }): boolean {
  const stat = lstatSync(input.file, { throwIfNoEntry: false });
  return stat !== undefined && stat.isFile() && stat.size === input.bytes.length && readFileSync(input.file).equals(input.bytes);
}

/** Every entry under `root` as a relative path with `/`, folders included, `kept` top-level names left out. */
function entries(input: { readonly root: string; readonly kept: readonly string[] }): string[] {
  const found: string[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir)) {
      if (prefix === '' && input.kept.includes(name)) continue;
      const relative = `${prefix}${name}`;
      found.push(relative);
      if (lstatSync(path.join(dir, name)).isDirectory()) walk(path.join(dir, name), `${relative}/`);
    }
  };
  walk(input.root, '');
  return found;
}

/** Every folder the files need, as relative paths (`a/b/c.ts` needs `a` and `a/b`). */
function foldersOf(files: readonly WantedFile[]): Set<string> {
  const folders = new Set<string>();
  for (const file of files) for (let at = file.path.lastIndexOf('/'); at > 0; at = file.path.lastIndexOf('/', at - 1)) folders.add(file.path.slice(0, at));
  return folders;
}

/**
 * Whether the folder already is exactly this tree: the same names (no extra file, folder or link)
 * and the same bytes, besides the `kept` build output and installs. Such a tree is not rewritten.
 */
export function treeIsUnchanged(input: { readonly dir: string; readonly files: readonly WantedFile[]; readonly kept: readonly string[] }): boolean {
  if (lstatSync(input.dir, { throwIfNoEntry: false })?.isDirectory() !== true) return false;
  const wanted = new Set([...input.files.map((file) => file.path), ...foldersOf(input.files)]);
  const found = entries({ root: input.dir, kept: input.kept });
  if (found.length !== wanted.size || found.some((entry) => !wanted.has(entry))) return false;
  return input.files.every((file) => holds({ file: path.join(input.dir, file.path), bytes: file.bytes }));
}

/**
 * Puts an unchanged file into a staged tree as a second name (hard link) of the old tree's file,
 * instead of writing its bytes again; returns false when it must be written. Only a file with no
 * other name is reused: one linked from elsewhere could be changed through that other name later.
 * The old tree is only read, so an interrupted write still leaves it whole.
 */
export function reuseFile(input: { readonly from: string; readonly to: string; readonly bytes: Buffer }): boolean {
  const stat = lstatSync(input.from, { throwIfNoEntry: false });
  if (stat === undefined || !stat.isFile() || stat.nlink !== 1 || !holds({ file: input.from, bytes: input.bytes })) return false;
  try {
    linkSync(input.from, input.to);
    return true;
  } catch {
    // A file system without hard links (or another device): write the bytes instead.
    return false;
  }
}
