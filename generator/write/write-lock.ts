import { createHash, randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { createDiagnostic, DiagnosticError } from '../diagnostics/diagnostic.ts';
import { LOCK_NAME } from './journal.ts';

/**
 * One write at a time per parent folder. Two `generate` runs into sibling folders (a CI matrix, the
 * corpus runner) share the parent, where staging and the journal live; unlocked, one run's recovery
 * deleted or swapped in the other's half-written tree.
 *
 * A folder holding an `owner` file ({pid, host}). It is made under a temporary name and renamed into
 * place, which fails while another lock stands, so a lock never exists without its owner. A lock
 * whose process is gone (killed, crashed) is taken over at once. Libraries such as proper-lockfile
 * judge staleness by an mtime the holder refreshes from a timer; the write stage is synchronous, so
 * the timer could not run, and a killed run would block the next one for the whole stale period.
 */
export { LOCK_NAME };
const POLL_MS = 50;

type Owner = { readonly pid: number; readonly host: string };

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function readOwner(lock: string): Owner | undefined {
  try {
    const owner: unknown = JSON.parse(readFileSync(path.join(lock, 'owner'), 'utf8'));
    const { pid, host } = owner as Record<string, unknown>;
    return typeof pid === 'number' && typeof host === 'string' ? { pid, host } : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock of a process on this machine that no longer runs. Another host's lock is never judged stale. */
function isStale(owner: Owner | undefined): boolean {
  return owner !== undefined && owner.host === hostname() && owner.pid !== process.pid && !isAlive(owner.pid);
}

/** This machine, as it appears in temporary names: a pid is judged only on the host that made it. */
export const HOST_TAG = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
const LABELS = ['new', 'stale', 'done'] as const;

/** A temporary name beside the lock, naming the process that made it (see sweepLeftovers). */
const uniqueBeside = (input: { readonly lock: string; readonly label: (typeof LABELS)[number] }) => `${input.lock}.${input.label}-${HOST_TAG}-${process.pid}-${randomBytes(4).toString('hex')}`;

/**
 * A process killed between making a temporary folder beside the lock and renaming or deleting it
 * leaves that folder behind, and nothing else would ever remove it: the output's parent would
 * carry it for good. The holder removes those whose maker ran on this host and is gone; a live
 * maker still finishes its own.
 */
function sweepLeftovers(lock: string): void {
  const pattern = new RegExp(`^${LOCK_NAME.replaceAll('.', '\\.')}\\.(?:${LABELS.join('|')})-([0-9a-f]{8})-(\\d+)-[0-9a-f]{8}$`);
  for (const name of readdirSync(path.dirname(lock))) {
    const match = pattern.exec(name);
    if (match === null || match[1] !== HOST_TAG || Number(match[2]) === process.pid || isAlive(Number(match[2]))) continue;
    rmSync(path.join(path.dirname(lock), name), { recursive: true, force: true });
  }
}

function tryAcquire(lock: string): boolean {
  const temp = uniqueBeside({ lock, label: 'new' });
  mkdirSync(temp);
  writeFileSync(path.join(temp, 'owner'), JSON.stringify({ pid: process.pid, host: hostname() } satisfies Owner));
  try {
    renameSync(temp, lock);
    return true;
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    if (['ENOTEMPTY', 'EEXIST', 'ENOTDIR', 'EISDIR', 'EPERM'].includes((error as NodeJS.ErrnoException).code ?? '')) return false;
    throw error;
  }
}

/**
 * Moves a dead process's lock aside. If another waiter took it over between our look and our
 * rename, the inode differs and the lock goes back (a rename onto a standing lock fails, so a
 * newer lock is never overwritten).
 */
function clearStale(input: { readonly lock: string; readonly ino: number }): void {
  const aside = uniqueBeside({ lock: input.lock, label: 'stale' });
  try {
    renameSync(input.lock, aside);
  } catch {
    return;
  }
  if (lstatSync(aside).ino === input.ino) {
    rmSync(aside, { recursive: true, force: true });
    return;
  }
  try {
    renameSync(aside, input.lock);
  } catch {
    rmSync(aside, { recursive: true, force: true });
  }
}

function busy(input: { readonly lock: string; readonly owner: Owner | undefined; readonly waitedMs: number }): DiagnosticError {
  const holder = input.owner === undefined ? 'an unreadable owner' : `process ${input.owner.pid} on ${input.owner.host}`;
  return new DiagnosticError([
    createDiagnostic({
      code: 'VMCP_OUTPUT_BUSY',
      message: `Another generate run holds ${input.lock} (${holder}); waited ${Math.round(input.waitedMs / 1000)} s for it`,
      location: { file: input.lock, pointer: '' },
    }),
  ]);
}

/**
 * Runs `work` holding the parent folder's write lock; waits for a live holder up to `timeoutMs`.
 * When `work` returns a promise the lock is held until it settles.
 */
export function withWriteLock<T>(input: { readonly parent: string; readonly timeoutMs: number; readonly work: () => T }): T {
  const lock = path.join(input.parent, LOCK_NAME);
  const started = Date.now();
  while (!tryAcquire(lock)) {
    let ino: number;
    try {
      ino = lstatSync(lock).ino;
    } catch {
      continue;
    }
    const owner = readOwner(lock);
    if (isStale(owner)) clearStale({ lock, ino });
    else if (Date.now() - started >= input.timeoutMs) throw busy({ lock, owner, waitedMs: input.timeoutMs }); // the bound, not the clock: a loaded machine must not change the message
    else sleep(POLL_MS);
  }
  let result: T;
  try {
    sweepLeftovers(lock);
    result = input.work();
  } catch (error) {
    release(lock);
    throw error;
  }
  if (result instanceof Promise) return result.finally(() => release(lock)) as T;
  release(lock);
  return result;
}

/**
 * Moves our lock aside in one rename, then deletes it there. Deleting it in place would empty the
 * folder first, and a waiter's rename succeeds onto an empty folder: the waiter would hold the lock
 * while our last rmdir fails (ENOTEMPTY) or deletes its owner file.
 * Only our own lock is released: if it was taken over meanwhile, the new holder keeps it.
 */
function release(lock: string): void {
  if (readOwner(lock)?.pid !== process.pid) return;
  const aside = uniqueBeside({ lock, label: 'done' });
  renameSync(lock, aside);
  rmSync(aside, { recursive: true, force: true });
}
