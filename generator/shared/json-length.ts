/** What JSON.stringify leaves out of an object (and writes as null in an array). */
const unprintable = (value: unknown): boolean => value === undefined || typeof value === 'function' || typeof value === 'symbol';

/**
 * `JSON.stringify(value).length`, without building the string, remembering each object's length in
 * `known`: output schemas share subtrees (generator/ir/from-openapi/shape-memo.ts), and the output
 * budget measures every tool's schema at every cut it tries, so a subtree is measured once. Only for
 * data not mutated while `known` is kept (the IR is never mutated). An object with a `toJSON` is
 * measured by stringifying it, as JSON.stringify would ask it.
 */
export function compactJsonLength(input: { readonly value: unknown; readonly known: Map<object, number> }): number {
  const { value, known } = input;
  if (typeof value !== 'object' || value === null) return unprintable(value) ? 0 : JSON.stringify(value).length;
  const measured = known.get(value);
  if (measured !== undefined) return measured;
  const inner = (member: unknown) => compactJsonLength({ value: member, known });
  const length = 'toJSON' in value ? (JSON.stringify(value)?.length ?? 0) : Array.isArray(value) ? arrayLength({ items: value, inner }) : objectLength({ object: value as Record<string, unknown>, inner });
  known.set(value, length);
  return length;
}

type Inner = (member: unknown) => number;

function arrayLength(input: { readonly items: readonly unknown[]; readonly inner: Inner }): number {
  let length = 2 + Math.max(0, input.items.length - 1);
  for (const item of input.items) length += unprintable(item) ? 'null'.length : input.inner(item);
  return length;
}

function objectLength(input: { readonly object: Record<string, unknown>; readonly inner: Inner }): number {
  let length = 2;
  let members = 0;
  for (const key of Object.keys(input.object)) {
    const member = input.object[key];
    if (unprintable(member)) continue;
    length += JSON.stringify(key).length + 1 + input.inner(member);
    members += 1;
  }
  return length + Math.max(0, members - 1);
}
