/**
 * The regeneration fast path: "same inputs, same generator, output untouched" is recognised without
 * loading the pipeline (ts-morph, TypeScript, the tokenizer), and nothing is generated or written.
 *
 * A full run records a stamp only when its write found every output folder already holding exactly
 * what it generated: the stamp then states a fact that was checked, "generating from these inputs
 * over these trees gives these trees". A later run takes the fast path only when its key (the
 * generator's identity, Node, the command line and working folder, and the bytes of every input the
 * generator reads) equals the stamp's, every output folder still digests to the recorded tree
 * (an edited, added or deleted file fails it), and no write is in progress or was cut short beside
 * them. `--check`, `--print-ir` and `init` never take it: `--check` always generates and compares.
 *
 * Hashing those bytes was most of the fast path's own time, so once a run has confirmed them it adds
 * their stats to the stamp, and later runs whose stats are all the same answer without reading a
 * file (see upToDateReport and RACY_MS for when equal stats prove equal bytes).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseCliOptions } from './cli-options.ts';
import { cacheFileName, sha256 } from './shared/lazy-sha256.ts';
import { writeUnderway } from './write/journal.ts';
import { fileStats, RACY_MS, treeDigest, treeStats } from './write/tree-digest.ts';

/** Set by scripts/generate.cjs to its hash of generator/; without it no stamp is read or written. */
export const GENERATOR_ID_ENV = 'VENDOR_MCP_GENERATOR_ID';

export type Invocation = { readonly root: string; readonly cwd: string; readonly argv: readonly string[]; readonly generatorId: string };
type Stamp = { readonly key: string; readonly trees: readonly { readonly dir: string; readonly digest: string }[]; readonly report: string; readonly stats?: string };

function fileHash(file: string): string {
  return existsSync(file) ? sha256(readFileSync(file)) : 'absent';
}

/**
 * Everything a generation reads besides its output folders: the generator's own assets
 * (templates/, package.json) and installed dependencies (lockfiles), every vendor folder, and the
 * files a `--spec` run names. A test keeps this list in step with the generator's file reads.
 */
function inputPaths(invocation: Invocation): { readonly trees: readonly string[]; readonly files: readonly string[] } {
  const { root, cwd, argv } = invocation;
  const options = parseCliOptions(argv);
  const named = 'error' in options ? [] : [options.spec, ...options.overlays, options.authFile].filter((file): file is string => file !== undefined);
  return {
    trees: ['templates', 'vendor-docs'].map((dir) => path.join(root, dir)),
    files: [...['package.json', 'package-lock.json', 'node_modules/.package-lock.json'].map((file) => path.join(root, file)), ...named.map((file) => path.resolve(cwd, file))],
  };
}

function inputsOf(invocation: Invocation): string[] {
  const { trees, files } = inputPaths(invocation);
  const label = (file: string) => path.relative(invocation.root, file);
  return [...trees.map((dir) => `${label(dir)} ${treeDigest(dir) ?? 'absent'}`), ...files.map((file) => `${label(file)} ${fileHash(file)}`)];
}

/**
 * The same facts as the key and the output digests, from stats alone: the invocation, then
 * `kind path size mtime ctime inode` of every input and output entry. Equal stats mean equal bytes
 * only where nothing changed within RACY_MS of taking them, so `lastChangeMs` says when that was.
 */
function statsOf(input: { readonly invocation: Invocation; readonly outputs: readonly string[] }): { readonly text: string; readonly lastChangeMs: number } {
  const { trees, files } = inputPaths(input.invocation);
  const { cwd, argv, generatorId } = input.invocation;
  const lines = [JSON.stringify({ generatorId, node: process.version, arch: process.arch, cwd, argv })];
  let lastChangeMs = 0;
  for (const dir of [...trees, ...input.outputs]) {
    const stats = treeStats(dir);
    lastChangeMs = Math.max(lastChangeMs, stats?.lastChangeMs ?? 0);
    lines.push(`tree ${dir}`, ...(stats?.lines ?? ['absent']));
  }
  for (const file of files) {
    const stat = statSync(file, { throwIfNoEntry: false });
    lastChangeMs = Math.max(lastChangeMs, stat?.mtimeMs ?? 0, stat?.ctimeMs ?? 0);
    lines.push(`file ${file} ${stat === undefined ? 'absent' : fileStats(stat)}`);
  }
  return { text: lines.join('\n'), lastChangeMs };
}

/** The key of this invocation's inputs as they are now. */
export function keyOf(invocation: Invocation): string {
  const { cwd, argv, generatorId } = invocation;
  return sha256(JSON.stringify({ generatorId, node: process.version, arch: process.arch, cwd, argv, inputs: inputsOf(invocation) }));
}

function stampFile(invocation: Pick<Invocation, 'root' | 'cwd' | 'argv'>): string {
  return path.join(invocation.root, '.cache', 'up-to-date', `${cacheFileName(JSON.stringify([invocation.cwd, invocation.argv]))}.json`);
}

function readStamp(file: string): Stamp | undefined {
  try {
    const stamp = JSON.parse(readFileSync(file, 'utf8')) as Stamp;
    return typeof stamp.key === 'string' && Array.isArray(stamp.trees) && typeof stamp.report === 'string' && ['string', 'undefined'].includes(typeof stamp.stats) ? stamp : undefined;
  } catch {
    return undefined;
  }
}

/** Only a plain generation may be skipped. */
function skippable(argv: readonly string[]): boolean {
  const options = parseCliOptions(argv);
  return argv[0] !== 'init' && !('error' in options) && !options.help && !options.check && !options.printIr;
}

/** Drops this invocation's stamp, so its next run takes the full path (the bench measures that first regeneration). */
export function forgetUpToDate(invocation: Pick<Invocation, 'root' | 'cwd' | 'argv'>): void {
  rmSync(stampFile(invocation), { force: true });
}

function writeStamp(input: { readonly file: string; readonly stamp: Stamp }): void {
  try {
    mkdirSync(path.dirname(input.file), { recursive: true });
    writeFileSync(`${input.file}.${process.pid}.tmp`, JSON.stringify(input.stamp));
    renameSync(`${input.file}.${process.pid}.tmp`, input.file);
  } catch {
    // A read-only checkout: the next run is a full one, or reads the contents again; both are correct.
  }
}

/**
 * What the recorded run printed, when this run would generate exactly the trees already there; else
 * undefined. Stats equal to those the stamp was last confirmed with answer without reading a byte;
 * otherwise the contents are hashed against the key and digests, and when they still match, the
 * stats taken before that reading are added to the stamp (unless a file changed within RACY_MS).
 * `now` is the clock (tests move it).
 */
export function upToDateReport(invocation: Invocation, now: () => number = Date.now): string | undefined {
  if (!skippable(invocation.argv)) return undefined;
  const file = stampFile(invocation);
  const stamp = readStamp(file);
  // A write holds the parent folder, or one was cut short there: only the full run may look.
  if (stamp === undefined || stamp.trees.some((tree) => writeUnderway(tree.dir))) return undefined;
  const takenAt = now();
  const stats = statsOf({ invocation, outputs: stamp.trees.map((tree) => tree.dir) });
  if (stamp.stats === stats.text) return stamp.report;
  if (stamp.key !== keyOf(invocation) || !stamp.trees.every((tree) => treeDigest(tree.dir) === tree.digest)) return undefined;
  if (stats.lastChangeMs < takenAt - RACY_MS) writeStamp({ file, stamp: { ...stamp, stats: stats.text } });
  return stamp.report;
}

/**
 * Records that this invocation's generation left every tree as it was (each `digest` is of the
 * tree generated, which the write stage found on disk). `keyBefore` is the key taken before the
 * inputs were read: an input changed meanwhile may not have been the one read, and records nothing.
 * Best effort: without a stamp the next run only takes the full path.
 */
export function recordUpToDate(input: { readonly invocation: Invocation; readonly keyBefore: string; readonly trees: Stamp['trees']; readonly report: string }): void {
  if (!skippable(input.invocation.argv) || keyOf(input.invocation) !== input.keyBefore) return;
  writeStamp({ file: stampFile(input.invocation), stamp: { key: input.keyBefore, trees: input.trees, report: input.report } });
}
