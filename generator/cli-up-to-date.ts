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
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseCliOptions } from './cli-options.ts';
import { JOURNAL_NAME, retiredName, stagingName } from './write/journal.ts';
import { treeDigest } from './write/tree-digest.ts';
import { LOCK_NAME } from './write/write-lock.ts';

/** Set by scripts/generate.mjs to its hash of generator/; without it no stamp is read or written. */
export const GENERATOR_ID_ENV = 'VENDOR_MCP_GENERATOR_ID';

export type Invocation = { readonly root: string; readonly cwd: string; readonly argv: readonly string[]; readonly generatorId: string };
type Stamp = { readonly key: string; readonly trees: readonly { readonly dir: string; readonly digest: string }[]; readonly report: string };

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

function fileHash(file: string): string {
  return existsSync(file) ? sha256(readFileSync(file)) : 'absent';
}

/**
 * Everything a generation reads besides its output folders: the generator's own assets
 * (templates/, package.json) and installed dependencies (lockfiles), every vendor folder, and the
 * files a `--spec` run names. A test keeps this list in step with the generator's file reads.
 */
function inputsOf(invocation: Invocation): string[] {
  const { root, cwd, argv } = invocation;
  const options = parseCliOptions(argv);
  const named = 'error' in options ? [] : [options.spec, ...options.overlays, options.authFile].filter((file): file is string => file !== undefined);
  return [
    `templates ${treeDigest(path.join(root, 'templates')) ?? 'absent'}`,
    `vendor-docs ${treeDigest(path.join(root, 'vendor-docs')) ?? 'absent'}`,
    ...['package.json', 'package-lock.json', 'node_modules/.package-lock.json'].map((file) => `${file} ${fileHash(path.join(root, file))}`),
    ...named.map((file) => `${file} ${fileHash(path.resolve(cwd, file))}`),
  ];
}

/** The key of this invocation's inputs as they are now. */
export function keyOf(invocation: Invocation): string {
  const { cwd, argv, generatorId } = invocation;
  return sha256(JSON.stringify({ generatorId, node: process.version, arch: process.arch, cwd, argv, inputs: inputsOf(invocation) }));
}

function stampFile(invocation: Pick<Invocation, 'root' | 'cwd' | 'argv'>): string {
  return path.join(invocation.root, '.cache', 'up-to-date', `${sha256(JSON.stringify([invocation.cwd, invocation.argv])).slice(0, 32)}.json`);
}

function readStamp(file: string): Stamp | undefined {
  try {
    const stamp = JSON.parse(readFileSync(file, 'utf8')) as Stamp;
    return typeof stamp.key === 'string' && Array.isArray(stamp.trees) && typeof stamp.report === 'string' ? stamp : undefined;
  } catch {
    return undefined;
  }
}

/** A write holds the parent folder, or one was cut short there: only the full run may look. */
function writeUnderway(dir: string): boolean {
  const parent = path.dirname(dir);
  const name = path.basename(dir);
  return [LOCK_NAME, JOURNAL_NAME, `${JOURNAL_NAME}.tmp`, stagingName(name), retiredName(name)].some((entry) => existsSync(path.join(parent, entry)));
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

/** What the recorded run printed, when this run would generate exactly the trees already there; else undefined. */
export function upToDateReport(invocation: Invocation): string | undefined {
  if (!skippable(invocation.argv)) return undefined;
  const stamp = readStamp(stampFile(invocation));
  if (stamp === undefined || stamp.key !== keyOf(invocation)) return undefined;
  const intact = stamp.trees.every((tree) => !writeUnderway(tree.dir) && treeDigest(tree.dir) === tree.digest);
  return intact ? stamp.report : undefined;
}

/**
 * Records that this invocation's generation left every tree as it was (each `digest` is of the
 * tree generated, which the write stage found on disk). `keyBefore` is the key taken before the
 * inputs were read: an input changed meanwhile may not have been the one read, and records nothing.
 * Best effort: without a stamp the next run only takes the full path.
 */
export function recordUpToDate(input: { readonly invocation: Invocation; readonly keyBefore: string; readonly trees: Stamp['trees']; readonly report: string }): void {
  if (!skippable(input.invocation.argv) || keyOf(input.invocation) !== input.keyBefore) return;
  const file = stampFile(input.invocation);
  const stamp: Stamp = { key: input.keyBefore, trees: input.trees, report: input.report };
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(`${file}.${process.pid}.tmp`, JSON.stringify(stamp));
    renameSync(`${file}.${process.pid}.tmp`, file);
  } catch {
    // A read-only checkout: the next run is a full one, which is always correct.
  }
}
