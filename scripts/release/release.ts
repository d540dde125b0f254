import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../shared/repo-root.ts';
import { fileAtRef, verifyRef } from './git-files.ts';
import { generatedPackages } from './generated-packages.ts';
import { packagesToPublish, type PackageInfo } from './select-packages.ts';
import { BIN_FILE } from '../../generator/ir/naming.ts';
import { KEPT } from '../../generator/write/tree-digest.ts';

const USAGE = `Usage: npm run release -- [--dry-run] [--base <git ref> | --all] [--out <dir>]
  Publishes every generated package whose version is not released yet, with npm provenance.
  --dry-run      pack each such package and show what would be published; publish nothing
  --base <ref>   "released" means: the version at <ref> (default: the npm registry has it)
  --all          every package, whatever is released
  --out <dir>    where --dry-run leaves the tarballs (default: a temp folder)`;

type Options = { readonly dryRun: boolean; readonly base?: string; readonly all: boolean; readonly out?: string };

function parse(argv: readonly string[]): Options | string {
  let dryRun = false;
  let all = false;
  let base: string | undefined;
  let out: string | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    if (arg === '--dry-run') dryRun = true;
    else if (arg === '--all') all = true;
    else if (arg === '--base' || arg === '--out') {
      const value = argv[++index];
      if (value === undefined) return `${arg} needs a value`;
      if (arg === '--base') base = value;
      else out = value;
    } else return `Unknown argument ${arg}`;
  }
  if (base !== undefined && !verifyRef(base)) return `Not a commit: ${base}`;
  return { dryRun, all, ...(base !== undefined ? { base } : {}), ...(out !== undefined ? { out } : {}) };
}

/** The packages under generated/, saying on stderr what else is there and why it is not published. */
function packagesOnDisk(): PackageInfo[] {
  const { packages, skipped } = generatedPackages(path.join(REPO_ROOT, 'generated'));
  for (const { name, why } of skipped) process.stderr.write(`skipped generated/${name}: ${why}\n`);
  return packages;
}

function versionAt(input: { readonly ref: string; readonly vendor: string }): string | undefined {
  const text = fileAtRef({ ref: input.ref, path: `generated/${input.vendor}/package.json` });
  return text === undefined ? undefined : (JSON.parse(text) as { version?: string }).version;
}

/** Asks the registry for exactly this version; a 404 means it is not out yet. */
function onRegistry(pkg: PackageInfo): boolean {
  try {
    const out = execFileSync('npm', ['view', `${pkg.name}@${pkg.version}`, 'version', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return out.trim() !== '';
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '');
    if (stderr.includes('E404')) return false;
    throw new Error(`npm view ${pkg.name}@${pkg.version} failed: ${stderr.trim()}`);
  }
}

type Packed = { readonly filename: string; readonly size: number; readonly unpackedSize: number; readonly files: readonly { readonly path: string }[] };

/**
 * `npm pack` runs the package's prepack (tsc + esbuild bundle), exactly as publishing would. It
 * runs on a staged copy inside the repository (so the pinned tools resolve) rather than in
 * generated/, whose dist/ other processes (tests, a running server) may be reading, and whose dist/
 * may hold files of an older build (a removed tool's): the copy leaves out the top-level build
 * output and installs the write stage keeps (KEPT), so the build starts from an empty dist/ and
 * the tarball holds only what this build made. `repository` (CI only) is set in the copy's
 * package.json: npm provenance requires it to name the repository that built it.
 */
function pack(input: { readonly pkg: PackageInfo; readonly out: string; readonly repository?: string }): Packed {
  const source = path.join(REPO_ROOT, 'generated', input.pkg.vendor);
  const stage = path.join(REPO_ROOT, '.cache', `release-${process.pid}`, input.pkg.vendor);
  const kept = new Set(KEPT.map((name) => path.join(source, name)));
  rmSync(stage, { recursive: true, force: true });
  cpSync(source, stage, { recursive: true, filter: (file) => !kept.has(file) });
  try {
    if (input.repository !== undefined) {
      execFileSync('npm', ['pkg', 'set', 'repository.type=git', `repository.url=git+https://github.com/${input.repository}.git`, `repository.directory=generated/${input.pkg.vendor}`], { cwd: stage, stdio: 'inherit' });
    }
    const json = execFileSync('npm', ['pack', '--json', '--pack-destination', input.out], { cwd: stage, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    return (JSON.parse(json) as Packed[])[0]!;
  } finally {
    rmSync(path.dirname(stage), { recursive: true, force: true });
  }
}

/**
 * Publishes the tarball packed from the clean staged copy, the same way --dry-run shows it: an
 * `npm publish` in generated/<vendor> would pack that folder's dist/ again, stale files and all.
 */
function publish(input: { readonly pkg: PackageInfo; readonly out: string }): void {
  process.stdout.write(`publishing ${input.pkg.name}@${input.pkg.version}\n`);
  const repository = process.env['GITHUB_REPOSITORY'];
  const packed = pack({ ...input, ...(repository ? { repository } : {}) });
  execFileSync('npm', ['publish', path.join(input.out, packed.filename), '--provenance', '--access', 'public'], { cwd: input.out, stdio: 'inherit' });
}

function main(argv: readonly string[]): number {
  const options = parse(argv);
  if (typeof options === 'string') {
    process.stderr.write(`${options}\n\n${USAGE}\n`);
    return 2;
  }
  const isReleased = options.all ? () => false : options.base !== undefined ? (pkg: PackageInfo) => versionAt({ ref: options.base!, vendor: pkg.vendor }) === pkg.version : onRegistry;
  const selected = packagesToPublish({ packages: packagesOnDisk(), isReleased });
  if (selected.length === 0) {
    process.stdout.write('Nothing to publish: every generated package version is already released.\n');
    return 0;
  }
  if (!options.dryRun) {
    const out = mkdtempSync(path.join(os.tmpdir(), 'vendor-mcp-publish-'));
    for (const pkg of selected) publish({ pkg, out });
    return 0;
  }
  const out = options.out ?? mkdtempSync(path.join(os.tmpdir(), 'vendor-mcp-release-'));
  mkdirSync(out, { recursive: true });
  for (const pkg of selected) {
    const packed = pack({ pkg, out });
    process.stdout.write(`would publish ${pkg.name}@${pkg.version} (${packed.files.length} files, ${packed.size} bytes packed, ${packed.unpackedSize} unpacked) with provenance\n`);
    process.stdout.write(`  tarball ${path.join(out, packed.filename)}\n`);
    const files = packed.files.map((f) => f.path).sort();
    const built = files.filter((file) => file.startsWith('dist/'));
    process.stdout.write(`  ${[...files.filter((file) => !file.startsWith('dist/')), `dist/ (${built.length} files, bin bundled: ${built.includes(BIN_FILE)})`].join('\n  ')}\n`);
  }
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main(process.argv.slice(2));
