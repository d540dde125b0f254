import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createDiagnostic, DiagnosticError } from '../diagnostics/diagnostic.ts';
import { entryNameProblem } from './inside-root.ts';
import { ownershipProblem, stagedTreeProblem } from './ownership.ts';

/** The folder a write holds beside its trees (write-lock.ts); named here so the up-to-date check can look for it without loading the lock's code (node:crypto). */
export const LOCK_NAME = '.vendor-mcp-write.lock';

/** Its existence is the commit point: with it every staged tree goes in; without it none does. */
export const JOURNAL_NAME = '.vendor-mcp-write.journal';
const JOURNAL_MAX_BYTES = 64 * 1024;

export type JournalEntry = { readonly name: string };

export const stagingName = (name: string) => `${name}.vmcp-staging`;
export const retiredName = (name: string) => `${name}.vmcp-retired`;
/** A staged or retired tree a write left beside its package (it carries the marker too); the next write into that folder removes it. */
export const isWriteLeftover = (name: string) => name.endsWith(stagingName('')) || name.endsWith(retiredName(''));

/** Whether a write into `dir` holds its parent's lock, or left a journal or a staged or retired tree there (one cut short). */
export function writeUnderway(dir: string): boolean {
  const parent = path.dirname(dir);
  const name = path.basename(dir);
  return [LOCK_NAME, JOURNAL_NAME, `${JOURNAL_NAME}.tmp`, stagingName(name), retiredName(name)].some((entry) => existsSync(path.join(parent, entry))) || lockLeftovers(parent);
}

/**
 * A run killed while it took or gave back the lock leaves a folder beside it
 * (`.vendor-mcp-write.lock.new-…`, `.stale-…`, `.done-…`: write-lock.ts), and only a lock holder
 * sweeps those. Unseen here, recovery never took the lock and the parent kept it for good (the
 * interrupt test found one after a SIGKILL 54 ms into a run, neither the old trees nor the new).
 */
function lockLeftovers(parent: string): boolean {
  try {
    return readdirSync(parent).some((entry) => entry.startsWith(`${LOCK_NAME}.`));
  } catch {
    return false; // no parent folder: nothing was written there
  }
}

function entryProblem(input: { readonly parent: string; readonly entry: unknown }): string | undefined {
  const name = typeof input.entry === 'object' && input.entry !== null ? (input.entry as Record<string, unknown>)['name'] : undefined;
  const bad = entryNameProblem(name);
  if (bad !== undefined) return `entry ${JSON.stringify(input.entry)}: its name ${bad}`;
  const named = name as string;
  const target = path.join(input.parent, named);
  const targetProblem = ownershipProblem(target);
  if (targetProblem !== undefined) return `entry ${JSON.stringify(named)}: ${target} ${targetProblem}`;
  const staged = path.join(input.parent, stagingName(named));
  const stagedProblem = stagedTreeProblem(staged);
  return stagedProblem === undefined ? undefined : `entry ${JSON.stringify(named)}: ${staged} ${stagedProblem}`;
}

/**
 * The committed journal in `parent`, or undefined when there is none. A journal is obeyed only when
 * every entry names a folder directly in `parent` that this generator wrote (or none yet) and a
 * staged tree carrying its marker; anything else (a `../` name, a planted entry for a folder of
 * someone else's) refuses the whole journal and touches nothing.
 */
export function readJournal(parent: string): JournalEntry[] | undefined {
  const file = path.join(parent, JOURNAL_NAME);
  let stat;
  try {
    stat = lstatSync(file);
  } catch {
    return undefined;
  }
  const refuse = (why: string) => new DiagnosticError([createDiagnostic({ code: 'VMCP_JOURNAL_REFUSED', message: `The write journal is not obeyed: ${why}. Nothing was moved or removed`, location: { file, pointer: '' } })]);
  if (!stat.isFile() || stat.size > JOURNAL_MAX_BYTES) throw refuse('it is not a small regular file');
  let entries: unknown;
  try {
    entries = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw refuse('it is not JSON');
  }
  if (!Array.isArray(entries) || entries.length === 0) throw refuse('it is not a list of {name} entries');
  for (const entry of entries) {
    const problem = entryProblem({ parent, entry });
    if (problem !== undefined) throw refuse(problem);
  }
  return entries as JournalEntry[];
}
