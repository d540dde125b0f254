import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The absolute path of the one `bin` a generated package's package.json names: scripts and tests
 * start the server as `npx` and hosts do, from what the package says, so a build that moves its
 * bin (and older builds compared beside newer ones in the bench) start the right file.
 */
export function packageBin(packageDir: string): string {
  const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { readonly bin?: Readonly<Record<string, string>> };
  const bins = Object.values(manifest.bin ?? {});
  if (bins.length !== 1) throw new Error(`${packageDir}/package.json names ${bins.length} bins, not one.`);
  return path.resolve(packageDir, bins[0]!);
}
