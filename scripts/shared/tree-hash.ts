import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';

/**
 * One hash over a whole folder: every entry's relative path, kind and bytes, in sorted order. Two
 * folders hash alike only if they hold exactly the same names and the same bytes (leftover staging
 * folders or a missing file change it).
 */
export function treeHash(root: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string, prefix: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      const stat = lstatSync(full);
      const kind = stat.isDirectory() ? 'd' : stat.isSymbolicLink() ? 'l' : 'f';
      hash.update(`${kind}\0${prefix}${name}\0`);
      if (kind === 'd') walk(full, `${prefix}${name}/`);
      else hash.update(kind === 'l' ? readlinkSync(full) : readFileSync(full)).update('\0');
    }
  };
  if (existsSync(root)) walk(root, '');
  else hash.update('absent');
  return hash.digest('hex');
}
