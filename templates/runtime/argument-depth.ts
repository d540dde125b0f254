/**
 * No tool's arguments nest anywhere near this deep (the deepest vendor payload is a handful of
 * levels). Checked before any recursive walk or validator sees the value, so a hostile
 * `[[[[…]]]]` gets a readable refusal instead of "Maximum call stack size exceeded".
 */
export const MAX_ARGUMENT_DEPTH = 32;

/** The path to the first value nested deeper than `MAX_ARGUMENT_DEPTH`, found without recursion. */
export function tooDeepPath(value: unknown): (string | number)[] | undefined {
  const stack: { readonly value: unknown; readonly path: readonly (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: node, path } = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (path.length >= MAX_ARGUMENT_DEPTH) return [...path];
    const entries: [string | number, unknown][] = Array.isArray(node) ? node.map((inner, index) => [index, inner]) : Object.entries(node);
    for (const [key, inner] of entries) stack.push({ value: inner, path: [...path, key] });
  }
  return undefined;
}

export function tooDeepMessage(path: readonly (string | number)[]): string {
  const at = path.slice(0, 3).map(String).join('.');
  return `Arguments are nested more than ${MAX_ARGUMENT_DEPTH} levels deep (under "${at}…"); no tool takes that. Nothing was sent.`;
}
