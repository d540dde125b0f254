import { execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, VENDORS } from './repo-root.ts';
import { treeHash } from './tree-hash.ts';

/**
 * Runs one package's own `build` script, with the repository's pinned tools on PATH. The folder must
 * sit inside the repository (as `generated/<vendor>` does) so its imports resolve to our node_modules.
 */
export function buildPackage(dir: string): void {
  const bin = path.join(REPO_ROOT, 'node_modules', '.bin');
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { scripts: { build: string } };
  execSync(manifest.scripts.build, { cwd: dir, stdio: 'inherit', env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env['PATH'] ?? ''}` } });
}

/** Builds each named vendor's package under `generated/`. */
export function buildPackages(vendors: readonly string[]): void {
  for (const vendor of vendors) buildPackage(path.join(REPO_ROOT, 'generated', vendor));
}

/** The build tools and bundled libraries, by installed version: a new version rebuilds. */
const TOOLCHAIN = ['typescript', 'esbuild', '@modelcontextprotocol/server', 'zod'];

/** Everything a package's build reads: its sources, manifest and tsconfig, the toolchain, and its output. */
function buildInputs(vendor: string): string {
  const dir = path.join(REPO_ROOT, 'generated', vendor);
  const hash = createHash('sha256').update(treeHash(path.join(dir, 'src')));
  for (const file of ['package.json', 'tsconfig.json']) hash.update(readFileSync(path.join(dir, file)));
  for (const name of TOOLCHAIN) hash.update(`${name}@${(JSON.parse(readFileSync(path.join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version}`);
  // A dist that was changed or removed since the stamp is rebuilt too.
  return hash.update(treeHash(path.join(dir, 'dist'))).digest('hex');
}

const stampOf = (vendor: string) => path.join(REPO_ROOT, '.cache', 'build-stamps', `${vendor}.sha256`);

/**
 * The generated packages' `dist/` is build output, not committed: it is built by each package's
 * own `build` script (tsc, the esbuild bundle of the server, its V8 code cache), so the tests run
 * exactly what `npm pack` would ship. A package whose sources, toolchain and dist are unchanged
 * since its last build is not built again: one test file no longer pays three package builds.
 */
export default function buildGenerated(): void {
  const stale = VENDORS.filter((vendor) => !existsSync(stampOf(vendor)) || readFileSync(stampOf(vendor), 'utf8') !== buildInputs(vendor));
  buildPackages(stale);
  mkdirSync(path.dirname(stampOf(VENDORS[0]!)), { recursive: true });
  for (const vendor of stale) writeFileSync(stampOf(vendor), buildInputs(vendor));
}
