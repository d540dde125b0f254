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
  if (typeof value === 'string') return quotedLength(value);
  if (typeof value !== 'object' || value === null) return unprintable(value) ? 0 : JSON.stringify(value).length;
  const measured = known.get(value);
  if (measured !== undefined) return measured;
  const inner = (member: unknown) => compactJsonLength({ value: member, known });
  const length = 'toJSON' in value ? (JSON.stringify(value)?.length ?? 0) : Array.isArray(value) ? arrayLength({ items: value, inner }) : objectLength({ object: value as Record<string, unknown>, inner });
  known.set(value, length);
  return length;
}

/**
 * Quoted lengths of the strings met, by text: output shapes are made of few distinct strings (their
 * property names and type names), and stringifying each key and type again allocated a string per
 * member, ~59,000 on a Stripe run (~7 MB). Emptied when large, so endless distinct text stays bounded.
 */
const quotedLengths = new Map<string, number>();
const QUOTED_LENGTHS_LIMIT = 50_000;

function quotedLength(text: string): number {
  let length = quotedLengths.get(text);
  if (length === undefined) {
    length = JSON.stringify(text).length;
    if (quotedLengths.size >= QUOTED_LENGTHS_LIMIT) quotedLengths.clear();
    quotedLengths.set(text, length);
  }
  return length;
}

type Inner = (member: unknown) => number;

// Indexed loops: these run cold on each of a large spec's shapes, where for...of makes an iterator result a step.
function arrayLength(input: { readonly items: readonly unknown[]; readonly inner: Inner }): number {
  const { items } = input;
  let length = 2 + Math.max(0, items.length - 1);
  for (let index = 0; index < items.length; index += 1) {
    const item = items[index];
    length += unprintable(item) ? 'null'.length : input.inner(item);
  }
  return length;
}

function objectLength(input: { readonly object: Record<string, unknown>; readonly inner: Inner }): number {
  const keys = Object.keys(input.object);
  let length = 2;
  let members = 0;
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index]!;
    const member = input.object[key];
    if (unprintable(member)) continue;
    length += quotedLength(key) + 1 + input.inner(member);
    members += 1;
  }
  return length + Math.max(0, members - 1);
}
