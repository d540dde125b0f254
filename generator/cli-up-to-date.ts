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
 * Hashing those bytes was most of the fast path's own time, so a run that confirmed them (the full
 * run that found every tree unchanged, or a fast path that hashed) adds to the stamp the stats of
 * every input and output entry, folders included; a later run whose entries all stat the same
 * answers without listing a folder or reading a file. Equal stats prove equal bytes only for
 * entries last changed before the run that recorded them read the file clock (settledBefore in
 * write/file-clock.ts): stats are recorded only when every entry is.
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseCliOptions } from './cli-options.ts';
import { cacheFileName, sha256 } from './shared/lazy-sha256.ts';
import { writeAtomically } from './shared/write-atomically.ts';
import { writeUnderway } from './write/journal.ts';
import { readFileClock, settledBefore, type FileClock } from './write/file-clock.ts';
import { entryStats, sameStats, treeDigest, treeStatEntries } from './write/tree-digest.ts';

/** Set by scripts/generate.cjs to its hash of generator/; without it no stamp is read or written. */
export const GENERATOR_ID_ENV = 'VENDOR_MCP_GENERATOR_ID';

export type Invocation = { readonly root: string; readonly cwd: string; readonly argv: readonly string[]; readonly generatorId: string };
/** Where the file clock is read (tests pass their own); undefined when it cannot be, and then no stats are recorded. */
export type ClockReader = () => FileClock | undefined;
/** A path, whether its stats follow a link (a named file: its target's bytes are read) or not (a tree entry), and its entryStats. */
type StatEntry = readonly [file: string, follow: 0 | 1, stats: readonly number[]];
/** `head` is the invocation (checkout, generator, Node, folder, arguments) the entries were recorded for. */
type Stats = { readonly head: string; readonly entries: readonly StatEntry[] };
type Stamp = { readonly key: string; readonly trees: readonly { readonly dir: string; readonly digest: string }[]; readonly report: string; readonly stats?: Stats };

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

/** The invocation the entries are recorded for; the root too, so a copied checkout never answers from the original's files. */
function headOf(invocation: Invocation): string {
  const { root, cwd, argv, generatorId } = invocation;
  return JSON.stringify({ root, generatorId, node: process.version, arch: process.arch, cwd, argv });
}

/**
 * The same facts as the key and the output digests, from stats alone: every input and output entry
 * (tree roots and folders included) with its stats, when every one was last changed before `clock`
 * was read; else undefined, since equal stats would prove nothing.
 */
function settledStats(input: { readonly invocation: Invocation; readonly outputs: readonly string[]; readonly clock: FileClock }): Stats | undefined {
  const { trees, files } = inputPaths(input.invocation);
  const found = [
    ...[...trees, ...input.outputs].flatMap((dir) => treeStatEntries(dir).map((entry) => ({ ...entry, follow: 0 as const }))),
    ...files.map((file) => ({ file, stat: statSync(file, { throwIfNoEntry: false }), follow: 1 as const })),
  ];
  if (!found.every(({ stat }) => stat === undefined || settledBefore({ stat, clock: input.clock }))) return undefined;
  return { head: headOf(input.invocation), entries: found.map(({ file, follow, stat }) => [file, follow, entryStats(stat)] as const) };
}

/** Every recorded entry stats as recorded: no folder is listed and no file read (see settledStats for why that suffices). */
function statsUnchanged(input: { readonly invocation: Invocation; readonly stats: Stats }): boolean {
  if (input.stats.head !== headOf(input.invocation)) return false;
  for (const [file, follow, recorded] of input.stats.entries) {
    const stat = follow === 1 ? statSync(file, { throwIfNoEntry: false }) : lstatSync(file, { throwIfNoEntry: false });
    if (!sameStats({ stat, recorded })) return false;
  }
  return true;
}

/** The key of this invocation's inputs as they are now. */
export function keyOf(invocation: Invocation): string {
  const { cwd, argv, generatorId } = invocation;
  return sha256(JSON.stringify({ generatorId, node: process.version, arch: process.arch, cwd, argv, inputs: inputsOf(invocation) }));
}

const stampDir = (root: string) => path.join(root, '.cache', 'up-to-date');

function stampFile(invocation: Pick<Invocation, 'root' | 'cwd' | 'argv'>): string {
  return path.join(stampDir(invocation.root), `${cacheFileName(JSON.stringify([invocation.cwd, invocation.argv]))}.json`);
}

/** The file clock where the stamps are kept (the checkout's device, where inputs and the usual outputs are). */
function stampClock(root: string): ClockReader {
  return () => {
    try {
      mkdirSync(stampDir(root), { recursive: true });
    } catch {
      return undefined;
    }
    return readFileClock(stampDir(root));
  };
}

function isStatEntry(entry: unknown): entry is StatEntry {
  // The numbers are compared with ===, so one of another type only fails the check.
  return Array.isArray(entry) && entry.length === 3 && typeof entry[0] === 'string' && (entry[1] === 0 || entry[1] === 1) && Array.isArray(entry[2]);
}

function isStats(stats: unknown): stats is Stats | undefined {
  if (stats === undefined) return true;
  const { head, entries } = (stats ?? {}) as Record<string, unknown>;
  return typeof head === 'string' && Array.isArray(entries) && entries.every(isStatEntry);
}

function readStamp(file: string): Stamp | undefined {
  try {
    const stamp = JSON.parse(readFileSync(file, 'utf8')) as Stamp;
    return typeof stamp.key === 'string' && Array.isArray(stamp.trees) && typeof stamp.report === 'string' && isStats(stamp.stats) ? stamp : undefined;
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
  // Best effort: without a stamp (a read-only checkout) the next run is a full one, which is correct.
  writeAtomically({ file: input.file, bytes: JSON.stringify(input.stamp) });
}

/**
 * What the recorded run printed, when this run would generate exactly the trees already there; else
 * undefined. Entries that all stat as the stamp recorded answer without reading a byte; otherwise
 * the contents are hashed against the key and digests, and when they still match, their stats are
 * added to the stamp if every entry was settled before the clock was read (before the hashing).
 * `readClock` is for tests.
 */
export function upToDateReport(invocation: Invocation & { readonly readClock?: ClockReader }): string | undefined {
  if (!skippable(invocation.argv)) return undefined;
  const file = stampFile(invocation);
  const stamp = readStamp(file);
  // A write holds the parent folder, or one was cut short there: only the full run may look.
  if (stamp === undefined || stamp.trees.some((tree) => writeUnderway(tree.dir))) return undefined;
  if (stamp.stats !== undefined && statsUnchanged({ invocation, stats: stamp.stats })) return stamp.report;
  const clock = (invocation.readClock ?? stampClock(invocation.root))();
  if (stamp.key !== keyOf(invocation) || !stamp.trees.every((tree) => treeDigest(tree.dir) === tree.digest)) return undefined;
  const stats = clock === undefined ? undefined : settledStats({ invocation, outputs: stamp.trees.map((tree) => tree.dir), clock });
  if (stats !== undefined) writeStamp({ file, stamp: { ...stamp, stats } });
  return stamp.report;
}

/** What a full run takes before it reads any input: the file clock, then the key. */
export type Before = { readonly key: string; readonly clock: FileClock | undefined };

export function upToDateBefore(invocation: Invocation & { readonly readClock?: ClockReader }): Before {
  const clock = (invocation.readClock ?? stampClock(invocation.root))();
  return { key: keyOf(invocation), clock };
}

/**
 * Records that this invocation's generation left every tree as it was (each `digest` is of the
 * tree generated, which the write stage found on disk). `before.key` is the key taken before the
 * inputs were read: an input changed meanwhile may not have been the one read, and records nothing.
 * With the stats of every entry when all were settled before `before.clock` (so none changed while
 * this run read or compared it), the next run answers from them. Best effort: without a stamp the
 * next run only takes the full path.
 */
export function recordUpToDate(input: { readonly invocation: Invocation; readonly before: Before; readonly trees: Stamp['trees']; readonly report: string }): void {
  const { invocation, before, trees, report } = input;
  if (!skippable(invocation.argv) || keyOf(invocation) !== before.key) return;
  const stats = before.clock === undefined ? undefined : settledStats({ invocation, outputs: trees.map((tree) => tree.dir), clock: before.clock });
  writeStamp({ file: stampFile(invocation), stamp: { key: before.key, trees, report, ...(stats === undefined ? {} : { stats }) } });
}
