import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { EmittedFile } from '../emit/emit-package.ts';
import { foldersFor, syncFolder, writeAndFlushAll, writeFileDurably } from './durable.ts';
import { entryNameProblem, insideRoot } from './inside-root.ts';
import { JOURNAL_NAME, readJournal, retiredName, stagingName, writeUnderway, type JournalEntry } from './journal.ts';
import { createDiagnostic, DiagnosticError } from '../diagnostics/diagnostic.ts';
import { notOursDiagnostic, OWNER_MARKER, ownershipProblem, stagedTreeProblem, withMarker } from './ownership.ts';
import { listTree } from './package-tree.ts';
import { reuseFile, treeIsUnchanged, type WantedFile } from './reuse.ts';
import { KEPT } from './tree-digest.ts';
import { withWriteLock } from './write-lock.ts';

/** How long a write waits for another run's write into the same parent folder (they take seconds). */
const LOCK_TIMEOUT_MS = 120_000;

export type TreeWrite = { readonly dir: string; readonly files: readonly EmittedFile[] };

type Slot = { readonly parent: string; readonly name: string };

const at = (slot: Slot, name: string) => path.join(slot.parent, name);

function refuseOutput(input: { readonly dir: string; readonly problem: string }): never {
  throw new DiagnosticError([notOursDiagnostic(input)]);
}

/**
 * A staged or retired leftover may go only when it is empty or carries the marker; anything else is
 * someone's folder. The marker goes last, so a removal cut short still leaves a tree known as ours.
 */
function removeLeftover(dir: string): boolean {
  if (!existsSync(dir)) return false;
  // Empty, or holding only the marker (perhaps half-written): a stage cut off at its very start.
  const problem = readdirSync(dir).every((name) => name === OWNER_MARKER) ? undefined : stagedTreeProblem(dir);
  if (problem !== undefined) refuseOutput({ dir, problem });
  for (const name of readdirSync(dir)) if (name !== OWNER_MARKER) rmSync(path.join(dir, name), { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
  return true;
}

/**
 * An error from the file system (it carries an errno code: EACCES, ENOSPC, ENOENT under /proc…)
 * as the refusal it is: the folder, the OS's words and path, and the fix. Anything else is a
 * generator bug, passed on as it is.
 */
function asWriteFailure(input: { readonly dir: string; readonly error: unknown }): unknown {
  const { error } = input;
  if (!(error instanceof Error) || typeof (error as NodeJS.ErrnoException).code !== 'string') return error;
  return new DiagnosticError([createDiagnostic({ code: 'VMCP_WRITE_FAILED', message: `Could not write ${input.dir}: ${error.message}`, location: { file: input.dir, pointer: '' } })]);
}

/**
 * Runs `work` on one output folder (or its parent), its file-system errors refused as
 * VMCP_WRITE_FAILED; synchronous work stays synchronous (recovery runs before anything is read).
 */
function refusingWriteFailures<T>(input: { readonly dir: string; readonly work: () => T }): T {
  let result: T;
  try {
    result = input.work();
  } catch (error) {
    throw asWriteFailure({ dir: input.dir, error });
  }
  if (result instanceof Promise) return result.catch((error: unknown) => Promise.reject(asWriteFailure({ dir: input.dir, error }))) as T;
  return result;
}

/** The journal and its draft are plain files of ours; a folder by that name is not, and is refused. */
function removeJournalFile(file: string): boolean {
  const stat = lstatSync(file, { throwIfNoEntry: false });
  if (stat === undefined) return false;
  if (stat.isDirectory()) refuseOutput({ dir: file, problem: 'is a folder, not the journal file this generator writes' });
  rmSync(file, { force: true });
  return true;
}

/**
 * Writes one tree beside the old one, marker first and alone, then every other file (many at a
 * time), each flushed to the disk with its folders. A file whose bytes the old tree already holds
 * is linked, not written again (see `reuseFile`).
 */
async function stage(input: { readonly slot: Slot; readonly tree: TreeWrite; readonly files: readonly WantedFile[] }): Promise<void> {
  const target = at(input.slot, stagingName(input.slot.name));
  // Only a regular file reached through real folders is reused: under a linked `src` a path names a file outside the package.
  const reusable = new Set(listTree(input.tree.dir));
  const files = input.files.map((file) => {
    const full = insideRoot({ root: target, relative: file.path });
    if (full === undefined) refuseOutput({ dir: target, problem: `would receive ${JSON.stringify(file.path)}, which resolves outside it` });
    return { full, from: reusable.has(file.path) ? path.join(input.tree.dir, file.path) : undefined, contents: file.contents };
  });
  const folders = foldersFor({ root: target, files: files.map((f) => f.full) });
  mkdirSync(target);
  // The marker goes first (withMarker puts it there): a staged tree without it was cut off at its start and is empty.
  const [marker, ...rest] = files;
  writeFileSync(marker!.full, marker!.contents, { flag: 'wx' });
  for (const folder of [...folders].reverse()) mkdirSync(folder, { recursive: true });
  const placed = rest.map((file) => (file.from !== undefined && reuseFile({ from: file.from, to: file.full, contents: file.contents }) ? { file: file.full } : { file: file.full, contents: file.contents }));
  await writeAndFlushAll([{ file: marker!.full }, ...placed]);
  await writeAndFlushAll(folders.map((folder) => ({ file: folder })));
  for (const kept of KEPT) {
    const from = path.join(input.tree.dir, kept);
    if (existsSync(from)) cpSync(from, path.join(target, kept), { recursive: true, verbatimSymlinks: true });
  }
}

type StagedEntry = { readonly name: string; readonly tree: TreeWrite; readonly files: readonly WantedFile[] };

/**
 * Stages every changed tree, then commits by renaming the flushed journal into place. A failure
 * before the commit (a full disk, a name the disk refuses, a bug) removes what this run staged:
 * without a journal the old trees stand untouched, and staged trees left beside them were found
 * by hand until some later run into the same folder swept them.
 */
async function stageAndCommit(input: { readonly parent: string; readonly changed: readonly StagedEntry[] }): Promise<void> {
  const { parent, changed } = input;
  const journal = path.join(parent, JOURNAL_NAME);
  try {
    for (const entry of changed) await stage({ slot: { parent, name: entry.name }, tree: entry.tree, files: entry.files });
    writeFileDurably({ file: `${journal}.tmp`, contents: JSON.stringify(changed.map(({ name }): JournalEntry => ({ name }))) });
    renameSync(`${journal}.tmp`, journal);
  } catch (error) {
    dropUncommitted({ parent, names: changed.map((entry) => entry.name) });
    throw error;
  }
}

/** Removes an uncommitted write's staged trees and journal draft; the first failure stays the one reported. */
function dropUncommitted(input: { readonly parent: string; readonly names: readonly string[] }): void {
  try {
    for (const name of input.names) removeLeftover(at({ parent: input.parent, name }, stagingName(name)));
    removeJournalFile(path.join(input.parent, `${JOURNAL_NAME}.tmp`));
  } catch {
    // Whatever could not go now is an uncommitted leftover, which the next write into this folder removes.
  }
}

/** Swaps one staged tree in. Idempotent, so a recovery may run it again after any interruption. */
function swapIn(slot: Slot): void {
  const dir = at(slot, slot.name);
  const staged = at(slot, stagingName(slot.name));
  if (!existsSync(staged)) return;
  if (existsSync(dir)) {
    removeLeftover(at(slot, retiredName(slot.name)));
    renameSync(dir, at(slot, retiredName(slot.name)));
  }
  renameSync(staged, dir);
}

/** Finishes (journal present: committed) or undoes (absent) a cut-short write; the parent lock is held. */
function recoverLocked(input: { readonly parent: string; readonly names: readonly string[] }): void {
  const { parent } = input;
  const journal = readJournal(parent);
  for (const { name } of journal ?? []) swapIn({ parent, name });
  if (journal !== undefined) syncFolder(parent);
  let removed = false;
  for (const name of new Set([...input.names, ...(journal ?? []).map((entry) => entry.name)])) {
    removed = removeLeftover(at({ parent, name }, stagingName(name))) || removed;
    removed = removeLeftover(at({ parent, name }, retiredName(name))) || removed;
  }
  for (const file of [`${JOURNAL_NAME}.tmp`, JOURNAL_NAME]) removed = removeJournalFile(path.join(parent, file)) || removed;
  // Nothing found to finish or undo (the usual case): no folder entry changed, so nothing to flush.
  if (removed) syncFolder(parent);
}

/** Output folders by parent, each name checked to be one plain folder entry. */
function slotsByParent(dirs: readonly string[]): Map<string, string[]> {
  const byParent = new Map<string, string[]>();
  for (const dir of dirs) {
    const resolved = path.resolve(dir);
    const name = path.basename(resolved);
    const problem = entryNameProblem(name);
    if (problem !== undefined || path.dirname(resolved) === resolved) refuseOutput({ dir: resolved, problem: `cannot be an output folder (its name ${problem ?? 'is a file-system root'})` });
    byParent.set(path.dirname(resolved), [...(byParent.get(path.dirname(resolved)) ?? []), name]);
  }
  return byParent;
}

/**
 * Finishes or undoes a write that was interrupted (SIGINT, SIGKILL, a crash, a power cut) into
 * these output folders. With a journal the write had committed: every staged tree it names is
 * swapped in. Without one it had not: staged trees are dropped and the old trees, never touched
 * before the commit, stand. Only these folders' own leftovers are touched, under the parent's lock
 * (taken only when something of a write is there).
 */
export function recoverInterruptedWrite(input: { readonly dirs: readonly string[]; readonly lockTimeoutMs?: number }): void {
  for (const [parent, names] of slotsByParent(input.dirs)) {
    // No write running or cut short beside these folders (the usual case): nothing to finish or undo,
    // so no lock either, whose taking and release create and remove two entries in the parent.
    if (!existsSync(parent) || !names.some((name) => writeUnderway(path.join(parent, name)))) continue;
    refusingWriteFailures({ dir: parent, work: () => withWriteLock({ parent, timeoutMs: input.lockTimeoutMs ?? LOCK_TIMEOUT_MS, work: () => recoverLocked({ parent, names }) }) });
  }
}

/** Why the write stage may not write these folders: the first one that is neither missing, empty nor ours. */
export function outputProblems(dirs: readonly string[]): { readonly dir: string; readonly problem: string }[] {
  return dirs.flatMap((dir) => {
    const problem = refusingWriteFailures({ dir: path.resolve(dir), work: () => ownershipProblem(path.resolve(dir)) });
    return problem === undefined ? [] : [{ dir: path.resolve(dir), problem }];
  });
}

/**
 * Writes package folders as one transaction per parent folder, holding that parent's lock: every
 * new tree is staged beside the old one and flushed, a journal naming them is flushed and renamed
 * into place (the atomic commit), then the trees are swapped in with renames. Interrupted at any
 * point, the next write (or `recoverInterruptedWrite`) leaves every folder exactly the old tree or
 * exactly the new one. A folder that is not missing, empty or a package this generator wrote is
 * refused before anything is touched. A folder that already holds exactly its new tree is not
 * staged at all (when none changed, nothing is written), and a staged tree reuses the old tree's
 * unchanged files by linking them: the old tree is only read until the commit, so both keep the
 * old-or-new guarantee, and the journal names only the trees actually staged. Returns the folders
 * it replaced (none when every tree was already exactly its new self).
 */
export async function writeTrees(input: { readonly trees: readonly TreeWrite[]; readonly lockTimeoutMs?: number }): Promise<string[]> {
  const byDir = new Map(input.trees.map((tree) => [path.resolve(tree.dir), tree]));
  const written: string[] = [];
  for (const [parent, names] of slotsByParent([...byDir.keys()])) {
    const work = () => writeParent({ parent, names, byDir, lockTimeoutMs: input.lockTimeoutMs ?? LOCK_TIMEOUT_MS });
    written.push(...(await refusingWriteFailures({ dir: names.length === 1 ? path.join(parent, names[0]!) : parent, work })));
  }
  return written;
}

/** One parent folder's transaction (see writeTrees), under its lock; returns the folders it replaced. */
async function writeParent(input: { readonly parent: string; readonly names: readonly string[]; readonly byDir: ReadonlyMap<string, TreeWrite>; readonly lockTimeoutMs: number }): Promise<string[]> {
  const { parent, names } = input;
  const refuseNotOurs = () => {
    for (const { dir, problem } of outputProblems(names.map((name) => path.join(parent, name)))) refuseOutput({ dir, problem });
  };
  // Before making the parent too: `--out notes.txt/pkg` is refused for what it is, not as a failed mkdir.
  refuseNotOurs();
  mkdirSync(parent, { recursive: true });
  return withWriteLock({
    parent,
    timeoutMs: input.lockTimeoutMs,
    work: async () => {
      refuseNotOurs();
      recoverLocked({ parent, names });
      // A folder that already is exactly its new tree is left alone: not staged, not in the journal.
      const changed = names
        .map((name) => ({ name, tree: { ...input.byDir.get(path.join(parent, name))!, dir: path.join(parent, name) } }))
        .map((entry) => ({ ...entry, files: withMarker(entry.tree.files) }))
        .filter((entry) => !treeIsUnchanged({ dir: entry.tree.dir, files: entry.files }));
      if (changed.length === 0) return [];
      await stageAndCommit({ parent, changed });
      syncFolder(parent);
      recoverLocked({ parent, names });
      return changed.map((entry) => entry.tree.dir);
    },
  });
}
