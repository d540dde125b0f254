import { createHash } from 'node:crypto';
import { sharedSchemaIdentifier } from '../ir/naming.ts';
import type { ToolIR } from '../ir/types.ts';

/**
 * Schema pieces that several tools of a package repeat (Stripe's 446 tools hold 39,000 schema
 * objects, of which 3,900 differ) are written once, in `src/tools/shared-schemas.ts`, and each tool
 * module refers to them by name. The server's start then builds each such piece once instead of at
 * every place it occurs, and the bundle and its code cache shrink with it; `tools/list` is the same
 * JSON, since a shared object prints where it is referenced. Small pieces stay inline, where a
 * reader of the tool module wants to see them.
 */
export const SHARED_SCHEMA_MIN_CHARS = 200;

export type SharedPart = { readonly name: string; readonly value: object };

export type SharedSchemas = {
  /** The pieces in an order where each comes after the pieces it refers to. */
  readonly parts: readonly SharedPart[];
  /** The name of a schema node written as a shared piece. */
  readonly nameOf: (node: object) => string | undefined;
};

const isNode = (value: unknown): value is object => typeof value === 'object' && value !== null;

/** Compact JSON of every node, children first, each node's text joined from its children's (JSON.stringify's rules for data). */
function textsOf(roots: readonly unknown[]): Map<object, string> {
  const texts = new Map<object, string>();
  const textOf = (value: unknown): string => {
    if (!isNode(value)) return JSON.stringify(value) ?? 'null';
    const known = texts.get(value);
    if (known !== undefined) return known;
    const text = Array.isArray(value)
      ? `[${value.map(textOf).join(',')}]`
      : `{${Object.entries(value)
          .filter(([, item]) => item !== undefined)
          .map(([key, item]) => `${JSON.stringify(key)}:${textOf(item)}`)
          .join(',')}}`;
    texts.set(value, text);
    return text;
  };
  roots.forEach(textOf);
  return texts;
}

function occurrences(input: { readonly roots: readonly unknown[]; readonly texts: ReadonlyMap<object, string> }): Map<string, number> {
  const counts = new Map<string, number>();
  const visit = (value: unknown): void => {
    if (!isNode(value)) return;
    const text = input.texts.get(value)!;
    counts.set(text, (counts.get(text) ?? 0) + 1);
    Object.values(value).forEach(visit);
  };
  input.roots.forEach(visit);
  return counts;
}

/**
 * Where each repeated piece would be named: a piece shared is not looked into at its places, its
 * own body is walked once. A piece named at fewer than two places (say, only inside another shared
 * piece) stays inline: it would be built once either way.
 */
function namedPlaces(input: { readonly roots: readonly unknown[]; readonly texts: ReadonlyMap<object, string>; readonly repeated: (text: string) => boolean }): Map<string, number> {
  const places = new Map<string, number>();
  const walk = (value: unknown, body: boolean): void => {
    if (!isNode(value)) return;
    const text = input.texts.get(value)!;
    if (!body && input.repeated(text)) {
      const seen = places.get(text) ?? 0;
      places.set(text, seen + 1);
      if (seen === 0) walk(value, true);
      return;
    }
    for (const item of Object.values(value)) walk(item, false);
  };
  for (const root of input.roots) walk(root, false);
  return places;
}

/** Decides the shared pieces of one package's tool schemas (input and output), in tool order. */
export function sharedSchemas(tools: readonly ToolIR[]): SharedSchemas {
  const roots = tools.flatMap((tool) => [tool.inputSchema, tool.outputSchema]);
  const texts = textsOf(roots);
  const counts = occurrences({ roots, texts });
  const places = namedPlaces({ roots, texts, repeated: (text) => text.length >= SHARED_SCHEMA_MIN_CHARS && counts.get(text)! >= 2 });
  const nameByText = new Map<string, string>();
  const textByName = new Map<string, string>();
  const parts: SharedPart[] = [];
  const place = (value: unknown): void => {
    if (!isNode(value)) return;
    const text = texts.get(value)!;
    const shared = (places.get(text) ?? 0) >= 2;
    if (shared && nameByText.has(text)) return;
    Object.values(value).forEach(place);
    if (!shared) return;
    const name = sharedSchemaIdentifier(createHash('sha256').update(text).digest('hex'));
    // Twelve hex digits make a clash unlikely, not impossible: one would merge two pieces, so it stops the generator.
    if (textByName.has(name)) throw new Error(`two different schema pieces would both be named ${name}; raise the digits in sharedSchemaIdentifier`);
    textByName.set(name, text);
    nameByText.set(text, name);
    parts.push({ name, value });
  };
  roots.forEach(place);
  return {
    parts,
    nameOf: (node) => {
      const text = texts.get(node);
      return text === undefined ? undefined : nameByText.get(text);
    },
  };
}
