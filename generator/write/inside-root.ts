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
