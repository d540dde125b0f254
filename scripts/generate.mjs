/**
 * `npm run generate`: runs generator/cli.ts from an esbuild bundle cached in .cache/, rebuilt
 * whenever a file under generator/ changes. Loading the CLI through tsx's on-the-fly transform and
 * loader hooks cost ~0.5 s of CPU per run, a third of a small spec's generation (see
 * scripts/bench/results.md). The bundle is CommonJS because ts-morph, yaml and handlebars are:
 * imported from ES modules, node first scans their sources for export names (cjs-module-lexer),
 * another ~0.2-0.4 s. It sits one level below the repository root, so the CLI resolves templates
 * and vendor docs exactly as it does from generator/.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const ROOT = path.resolve(import.meta.dirname, '..');
const CACHE = path.join(ROOT, '.cache');

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => (entry.isDirectory() ? sourceFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
}

function sourceHash() {
  const hash = createHash('sha256');
  for (const file of sourceFiles(path.join(ROOT, 'generator'))) hash.update(`${path.relative(ROOT, file)}\0`).update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

async function ensureBundle() {
  const bundle = path.join(CACHE, `generator-${sourceHash()}.cjs`);
  if (existsSync(bundle)) return bundle;
  mkdirSync(CACHE, { recursive: true });
  for (const old of readdirSync(CACHE).filter((name) => /^generator-[0-9a-f]{16}\.c?js$|^generator-[0-9a-f]{16}\.mjs$/.test(name))) rmSync(path.join(CACHE, old), { force: true });
  const { buildSync } = await import('esbuild');
  const staging = `${bundle}.${process.pid}.tmp`;
  buildSync({ entryPoints: [path.join(ROOT, 'generator', 'cli.ts')], outfile: staging, bundle: true, platform: 'node', format: 'cjs', target: 'node20', packages: 'external', define: { 'import.meta.dirname': '__dirname' }, logLevel: 'warning' });
  renameSync(staging, bundle);
  return bundle;
}

createRequire(import.meta.url)(await ensureBundle());
