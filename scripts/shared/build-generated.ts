import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, VENDORS } from './repo-root.ts';

/** Runs each named package's own `build` script, with the repository's pinned tools on PATH. */
export function buildPackages(vendors: readonly string[]): void {
  const bin = path.join(REPO_ROOT, 'node_modules', '.bin');
  for (const vendor of vendors) {
    const dir = path.join(REPO_ROOT, 'generated', vendor);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { scripts: { build: string } };
    execSync(manifest.scripts.build, { cwd: dir, stdio: 'inherit', env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env['PATH'] ?? ''}` } });
  }
}

/**
 * The generated packages' `dist/` is build output, not committed: build it once per test run by
 * running each package's own `build` script (tsc, then the esbuild bundle of the bin), so the
 * tests run exactly what `npm pack` would ship.
 */
export default function buildGenerated(): void {
  buildPackages(VENDORS);
}
