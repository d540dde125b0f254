import { execFileSync } from 'node:child_process';
import { REPO_ROOT } from '../../test/support/repo-root.ts';

/** A file's text at a git ref, or undefined when the ref has no such file. */
export function fileAtRef(input: { readonly ref: string; readonly path: string }): string | undefined {
  try {
    return execFileSync('git', ['show', `${input.ref}:${input.path}`], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}

/** Package folders under generated/ at a ref. */
export function vendorsAtRef(ref: string): string[] {
  try {
    const out = execFileSync('git', ['ls-tree', '--name-only', `${ref}:generated`], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return out.split('\n').filter((name) => name !== '');
  } catch {
    return [];
  }
}

export function verifyRef(ref: string): boolean {
  try {
    execFileSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: REPO_ROOT, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
