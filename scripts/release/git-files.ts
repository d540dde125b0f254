import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../shared/repo-root.ts';

/** Stands for the files on disk, uncommitted changes included. */
export const WORKTREE = 'WORKTREE';

/** A file's text at a git ref (or in the work tree), or undefined when there is no such file. */
export function fileAtRef(input: { readonly ref: string; readonly path: string }): string | undefined {
  if (input.ref === WORKTREE) {
    const file = path.join(REPO_ROOT, input.path);
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  }
  try {
    return execFileSync('git', ['show', `${input.ref}:${input.path}`], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}

/** Package folders under generated/ at a ref. */
export function vendorsAtRef(ref: string): string[] {
  if (ref === WORKTREE) return readdirSync(path.join(REPO_ROOT, 'generated')).sort();
  try {
    const out = execFileSync('git', ['ls-tree', '--name-only', `${ref}:generated`], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return out.split('\n').filter((name) => name !== '');
  } catch {
    return [];
  }
}

export function verifyRef(ref: string): boolean {
  if (ref === WORKTREE) return true;
  try {
    execFileSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: REPO_ROOT, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
