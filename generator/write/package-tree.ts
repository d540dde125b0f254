import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { KEPT } from './tree-digest.ts';

/**
 * Every file under a folder, as forward-slash paths relative to it, leaving out the top-level build
 * output and installs the write stage keeps (`KEPT`). Only there: a `src/dist` is no build output,
 * the write stage replaces it, and `npm pack` would ship what it holds, so `--check` must see it.
 */
export function listTree(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (prefix === '' && (KEPT as readonly string[]).includes(name)) continue;
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full, `${prefix}${name}/`);
      else files.push(`${prefix}${name}`);
    }
  };
  if (existsSync(root)) walk(root, '');
  return files;
}

export function readTreeFile(input: { readonly root: string; readonly file: string }): string | undefined {
  const full = path.join(input.root, input.file);
  return existsSync(full) ? readFileSync(full, 'utf8') : undefined;
}

/** Every file of a package folder (as `listTree` sees it) by path. */
export function readTree(root: string): Map<string, string> {
  return new Map(listTree(root).map((file) => [file, readFileSync(path.join(root, file), 'utf8')]));
}
