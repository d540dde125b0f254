import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildPackages } from '../shared/build-generated.ts';
import { REPO_ROOT } from '../shared/repo-root.ts';
import { packageBin } from '../shared/package-bin.ts';

function newestSource(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const full = path.join(dir, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }, 0);
}

/** True when the built bin is missing or older than a source file: the demo must run what the sources say. */
function needsBuild(vendor: string): boolean {
  const packageDir = path.join(REPO_ROOT, 'generated', vendor);
  const bin = packageBin(packageDir);
  let built: number;
  try {
    built = statSync(bin).mtimeMs;
  } catch {
    return true;
  }
  return newestSource(path.join(packageDir, 'src')) > built;
}

export function ensureBuilt(input: { readonly vendors: readonly string[]; readonly log: (line: string) => void }): void {
  const stale = input.vendors.filter(needsBuild);
  if (stale.length === 0) return;
  input.log(`Building ${stale.map((vendor) => `generated/${vendor}/dist`).join(', ')} (what \`npm run build\` does)…`);
  buildPackages(stale);
}
