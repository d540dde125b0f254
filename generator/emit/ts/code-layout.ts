/**
 * Generated expressions as a small tree, laid out in one style: two spaces a level, and a block
 * that breaks puts one entry on each line, so a change to one field is a one-line hunk. Every
 * value from a document is printed with JSON.stringify, so document text can only be data.
 */
export type Code =
  /** Printed as is; never contains a line break. */
  | string
  /** Parts printed one after another on the same line (a break inside a part moves the rest down). */
  | { readonly kind: 'concat'; readonly parts: readonly Code[] }
  /**
   * A bracketed list. `always`: one entry a line (objects). `when-long`: on one line while it fits
   * in the width, else one entry a line (argument and enum lists).
   */
  | { readonly kind: 'block'; readonly open: string; readonly close: string; readonly items: readonly Code[]; readonly breaks: 'always' | 'when-long' }
  /** JSON data, pretty-printed two spaces a level and indented to where it starts. */
  | { readonly kind: 'json'; readonly value: unknown };

/** Generated lines stay within this many characters, string literals from documents aside. */
export const LINE_WIDTH = 120;
/** Room kept for what may follow a block on its last line (`).optional(),` and the like). */
const TAIL_ROOM = 24;

export const concat = (...parts: Code[]): Code => ({ kind: 'concat', parts });
export const json = (value: unknown): Code => ({ kind: 'json', value });
export const objectBlock = (items: readonly Code[]): Code => ({ kind: 'block', open: '{', close: '}', items, breaks: 'always' });
export const listBlock = (input: { readonly open: string; readonly close: string; readonly items: readonly Code[] }): Code => ({ kind: 'block', ...input, breaks: 'when-long' });
/**
 * A document's name as an object-literal key. In a literal, `"__proto__": value` sets the object's
 * prototype and adds no key (JSON.parse makes it a key); the computed form `["__proto__"]: value`
 * adds the key, so that one name is printed so.
 */
export const dataKey = (name: string): string => (name === '__proto__' ? '["__proto__"]' : JSON.stringify(name));

/** `key: value` with a key that is a plain identifier we chose, or `"key": value` for a document's name. */
export const property = (input: { readonly key: string; readonly value: Code; readonly quoted?: boolean }): Code => concat(`${input.quoted ? dataKey(input.key) : input.key}: `, input.value);

/** A `"__proto__"` key of pretty JSON: always first on its line, where a string value never starts with `"…":`. */
const PROTO_KEY = /^( *)"__proto__":/gm;

/** JSON data as a TypeScript expression: the same text, but a `__proto__` key stays a key (see dataKey). */
function jsonExpression(input: { readonly value: unknown; readonly indent: number }): string {
  const text = JSON.stringify(input.value, null, 2).replace(/\n/g, `\n${' '.repeat(input.indent)}`);
  return text.includes('"__proto__":') ? text.replace(PROTO_KEY, `$1${dataKey('__proto__')}:`) : text;
}

const flatCache = new WeakMap<object, string | null>();

/**
 * JSON of an object or array is printed pretty, so it is not flat, unless empty. Decided before
 * stringifying: a tool's schemas are most of a large spec's output, and were once stringified here
 * only to be thrown away.
 */
function flatJson(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (Array.isArray(value)) return value.length === 0 ? '[]' : null;
  // Only an object JSON prints as `{}` is flat: no own value JSON prints (and no toJSON to ask).
  const unprintable = (item: unknown) => item === undefined || typeof item === 'function' || typeof item === 'symbol';
  if (!('toJSON' in value) && !Object.values(value).every(unprintable)) return null;
  const text = JSON.stringify(value);
  return text === '{}' ? text : null;
}

/** The code on one line, or null when it cannot be (an `always` block, or multi-line JSON). */
function flat(code: Code): string | null {
  if (typeof code === 'string') return code;
  // Every object block: no cache entry needed to say so (a WeakMap entry each is GC work for the whole emit).
  if (code.kind === 'block' && code.breaks === 'always') return null;
  const cached = flatCache.get(code);
  if (cached !== undefined) return cached;
  let text: string | null = null;
  if (code.kind === 'json') text = flatJson(code.value);
  else if (code.kind === 'concat') {
    const parts = code.parts.map(flat);
    text = parts.every((part) => part !== null) ? parts.join('') : null;
  } else if (code.breaks === 'when-long') {
    const items = code.items.map(flat);
    text = items.every((item) => item !== null) ? `${code.open}${items.join(', ')}${code.close}` : null;
  }
  flatCache.set(code, text);
  return text;
}

class Writer {
  readonly #chunks: string[] = [];
  #column = 0;

  write(text: string): void {
    this.#chunks.push(text);
    const newline = text.lastIndexOf('\n');
    this.#column = newline === -1 ? this.#column + text.length : text.length - newline - 1;
  }

  get column(): number {
    return this.#column;
  }

  text(): string {
    return this.#chunks.join('');
  }
}

function print(input: { readonly code: Code; readonly indent: number; readonly out: Writer }): void {
  const { code, indent, out } = input;
  if (typeof code === 'string') return out.write(code);
  switch (code.kind) {
    case 'json':
      return out.write(jsonExpression({ value: code.value, indent }));
    case 'concat':
      for (const part of code.parts) print({ code: part, indent, out });
      return;
    case 'block': {
      const oneLine = flat(code);
      if (code.items.length === 0) return out.write(`${code.open}${code.close}`);
      if (oneLine !== null && out.column + oneLine.length + TAIL_ROOM <= LINE_WIDTH) return out.write(oneLine);
      const pad = ' '.repeat(indent + 2);
      out.write(code.open);
      for (const item of code.items) {
        out.write(`\n${pad}`);
        print({ code: item, indent: indent + 2, out });
        out.write(',');
      }
      return out.write(`\n${' '.repeat(indent)}${code.close}`);
    }
  }
}

/** The code as text, laid out from column 0 (a top-level initializer continues its declaration's line). */
export function layout(code: Code): string {
  const out = new Writer();
  print({ code, indent: 0, out });
  return out.text();
}
