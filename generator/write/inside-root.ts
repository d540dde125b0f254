import { realpathSync } from 'node:fs';
import path from 'node:path';

/**
 * Why `name` cannot be one entry of a folder, or undefined. Journal entries and package folder
 * names pass here: a name that is empty, `.`, `..` or has a separator would reach a folder the
 * write was never given.
 */
export function entryNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || name === '') return 'is not a non-empty string';
  if (name === '.' || name === '..') return 'is a relative path step';
  if (/[/\\\u0000-\u001f]/.test(name)) return 'contains a path separator or a control character';
  return undefined;
}

/**
 * `relative` resolved under `root`, or undefined when it would leave it (absolute, `..`, a
 * separator trick). Every path the write stage creates goes through here.
 */
export function insideRoot(input: { readonly root: string; readonly relative: string }): string | undefined {
  if (input.relative === '' || path.isAbsolute(input.relative) || /[\\\u0000]/.test(input.relative)) return undefined;
  const full = path.resolve(input.root, input.relative);
  const back = path.relative(input.root, full);
  return back === '' || back.split(path.sep)[0] === '..' || path.isAbsolute(back) ? undefined : full;
}

/** `file` with symbolic links resolved as far as it exists; the rest (an --out not made yet) is appended as given. */
function realPathSoFar(file: string): string {
  const missing: string[] = [];
  for (let at = path.resolve(file); ; at = path.dirname(at)) {
    try {
      return path.join(realpathSync(at), ...missing);
    } catch {
      if (path.dirname(at) === at) return path.resolve(file);
      missing.unshift(path.basename(at));
    }
  }
}

/**
 * Whether `file` is `dir` or lies under it once links are followed: replacing `dir` as a whole (the
 * write stage's swap) would delete it. A link elsewhere to a file inside counts, since the file goes.
 */
export function liesWithin(input: { readonly file: string; readonly dir: string }): boolean {
  const back = path.relative(realPathSoFar(input.dir), realPathSoFar(input.file));
  return back === '' || (back.split(path.sep)[0] !== '..' && !path.isAbsolute(back));
}
