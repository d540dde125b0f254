import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Files and bytes under a folder, skipping installs, build output and symlinks. */
export function outputSize(dir: string): { readonly files: number; readonly bytes: number } {
  let files = 0;
  let bytes = 0;
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      if (name === 'node_modules' || name === 'dist' || name === 'build') continue;
      const full = path.join(current, name);
      const stat = lstatSync(full);
      if (stat.isSymbolicLink()) continue;
      if (stat.isDirectory()) walk(full);
      else {
        files += 1;
        bytes += stat.size;
      }
    }
  };
  try {
    walk(dir);
  } catch {
    return { files: 0, bytes: 0 };
  }
  return { files, bytes };
}
