/**
 * Clients cap what a tool may return (Claude Code: 25,000 tokens) and silently cut or refuse the
 * rest. We cut first, deliberately, and say what was cut, so the model knows to page or narrow.
 * JSON averages a little over three characters a token; three keeps the estimate on the safe side.
 */
export const CHARS_PER_TOKEN = 3;

export type Cut = {
  /** JSON pointer of the array, string or object that was shortened. */
  readonly pointer: string;
  readonly kept: number;
  readonly of: number;
  readonly unit: 'items' | 'characters' | 'fields';
};

/** Shorter strings are not worth cutting; a cut string keeps at least this much. */
const MIN_CUT_STRING = 200;
const KEEP_STRING = 100;
/** A runaway guard; real payloads converge in a handful of rounds. */
const MAX_ROUNDS = 500;

type Node = { readonly pointer: string; readonly size: number; readonly length: number; readonly kind: Cut['unit'] };

function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function serializedLength(value: unknown): number {
  return JSON.stringify(value)?.length ?? 0;
}

/**
 * The biggest part that can still be shortened: long strings, and arrays or objects with 2+
 * entries. A container whose size is mostly one child is not cut itself: cutting that child
 * keeps more of the data (one long note should not cost a record its other fields).
 */
function largestCuttable(input: { readonly value: unknown; readonly pointer: string }): Node | undefined {
  const { value, pointer } = input;
  let best: Node | undefined;
  const consider = (node: Node | undefined) => {
    if (node !== undefined && (best === undefined || node.size > best.size)) best = node;
  };
  if (typeof value === 'string' && value.length > MIN_CUT_STRING) consider({ pointer, size: value.length, length: value.length, kind: 'characters' });
  if (typeof value !== 'object' || value === null) return best;
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((inner, index) => [String(index), inner]) : Object.entries(value);
  const size = serializedLength(value);
  const largestChild = Math.max(0, ...entries.map(([, inner]) => serializedLength(inner)));
  if (entries.length > 1 && largestChild * 2 < size) consider({ pointer, size, length: entries.length, kind: Array.isArray(value) ? 'items' : 'fields' });
  for (const [key, inner] of entries) consider(largestCuttable({ value: inner, pointer: `${pointer}/${escapeToken(key)}` }));
  return best;
}

function replaceAt(input: { readonly root: unknown; readonly tokens: readonly string[]; readonly update: (node: unknown) => unknown }): unknown {
  const [head, ...rest] = input.tokens;
  if (head === undefined) return input.update(input.root);
  const key = head.replace(/~1/g, '/').replace(/~0/g, '~');
  if (Array.isArray(input.root)) return input.root.map((inner, index) => (String(index) === key ? replaceAt({ root: inner, tokens: rest, update: input.update }) : inner));
  const record = input.root as Record<string, unknown>;
  return { ...record, [key]: replaceAt({ root: record[key], tokens: rest, update: input.update }) };
}

function shorten(input: { readonly node: unknown; readonly keep: number }): unknown {
  const { node, keep } = input;
  if (typeof node === 'string') return `${node.slice(0, keep)}…`;
  if (Array.isArray(node)) return node.slice(0, keep);
  return Object.fromEntries(Object.entries(node as Record<string, unknown>).slice(0, keep));
}

/**
 * Shortens the biggest parts first until the JSON fits `maxChars`. Shortening never changes a
 * type, so a value that matched a tolerant output schema still does.
 */
export function shrinkToFit(input: { readonly value: unknown; readonly maxChars: number }): { readonly value: unknown; readonly cuts: readonly Cut[] } {
  let value = input.value;
  const cuts = new Map<string, Cut>();
  for (let size = serializedLength(value), round = 0; size > input.maxChars && round < MAX_ROUNDS; size = serializedLength(value), round += 1) {
    const node = largestCuttable({ value, pointer: '' });
    if (node === undefined) break;
    const excess = size - input.maxChars;
    const keepShare = Math.max(0, (node.size - excess) / node.size);
    const floor = node.kind === 'characters' ? KEEP_STRING : 1;
    const keep = Math.max(floor, Math.min(node.length - (node.kind === 'characters' ? KEEP_STRING : 1), Math.floor(node.length * keepShare * 0.95)));
    value = replaceAt({ root: value, tokens: node.pointer === '' ? [] : node.pointer.slice(1).split('/'), update: (inner) => shorten({ node: inner, keep }) });
    const earlier = cuts.get(node.pointer);
    cuts.set(node.pointer, { pointer: node.pointer, kept: keep, of: earlier?.of ?? node.length, unit: node.kind });
  }
  return { value, cuts: [...cuts.values()] };
}

/** How many leading items fit, by binary search on the serialized page. */
export function itemsThatFit(input: { readonly items: readonly unknown[]; readonly maxChars: number; readonly envelope: (items: readonly unknown[]) => unknown }): number {
  const fits = (count: number) => serializedLength(input.envelope(input.items.slice(0, count))) <= input.maxChars;
  if (fits(input.items.length)) return input.items.length;
  let low = 0;
  let high = input.items.length;
  while (low + 1 < high) {
    const middle = Math.floor((low + high) / 2);
    if (fits(middle)) low = middle;
    else high = middle;
  }
  return low;
}

/** One sentence per cut, for the text a model reads. */
export function describeCuts(cuts: readonly Cut[]): string {
  return cuts.map((cut) => `${cut.pointer || '(root)'}: kept ${cut.kept} of ${cut.of} ${cut.unit}`).join('; ');
}
