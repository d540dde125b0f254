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
  /** Whether a shared piece is somewhere below the node (else it prints as plain JSON). */
  readonly holdsShared: (node: object) => boolean;
};

const isNode = (value: unknown): value is object => typeof value === 'object' && value !== null;

/** A node's identity by content (equal JSON, equal id) and the length of its compact JSON. */
type NodeInfo = { readonly id: number; readonly chars: number };

/**
 * Ids by content, children first: a node's key is its own keys with its children's ids and its
 * strings' ids (not their whole text), so the walk stays linear in the schema size even on
 * Graph-sized specs. `chars` is the length JSON.stringify would print.
 */
function nodeInfos(roots: readonly unknown[]): Map<object, NodeInfo> {
  const infos = new Map<object, NodeInfo>();
  const ids = new Map<string, number>();
  const strings = new Map<string, NodeInfo>();
  let chars = 0;
  /** The token of a value inside its parent's key; adds its printed length to `chars`. */
  const token = (value: unknown): string => {
    if (typeof value === 'string') {
      let info = strings.get(value);
      if (info === undefined) {
        info = { id: strings.size, chars: JSON.stringify(value).length };
        strings.set(value, info);
      }
      chars += info.chars;
      return `s${info.id}`;
    }
    if (!isNode(value)) {
      const text = JSON.stringify(value) ?? 'null';
      chars += text.length;
      return text;
    }
    const info = infoOf(value);
    chars += info.chars;
    return `#${info.id}`;
  };
  const infoOf = (value: object): NodeInfo => {
    const known = infos.get(value);
    if (known !== undefined) return known;
    const outer = chars;
    chars = 0;
    let key = Array.isArray(value) ? '[' : '{';
    let count = 0;
    // Indexed loops: this meets every schema node of every tool, mostly before V8 optimises it, where
    // Object.entries made a pair and for...of an iterator result per member (~7 MB on a Stripe run).
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index += 1) key += `${token(value[index])},`;
      count = value.length;
    } else {
      const names = Object.keys(value);
      for (let index = 0; index < names.length; index += 1) {
        const name = names[index]!;
        const item = (value as Record<string, unknown>)[name];
        if (item === undefined) continue;
        key += `${token(name)}:${token(item)},`;
        chars += 1;
        count += 1;
      }
    }
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    const info = { id, chars: chars + 2 + Math.max(0, count - 1) };
    chars = outer;
    infos.set(value, info);
    return info;
  };
  roots.forEach(token);
  return infos;
}

/**
 * How often each piece occurs, counted up to `REPEATED` (all the choice below asks): every node
 * inside a piece occurs at least as often as the piece, so a piece seen `REPEATED` times already
 * brought everything inside it there and is not walked again. Walking every occurrence instead
 * went through each memoised output shape at every tool that holds it (~0.35 s on Microsoft Graph).
 */
const REPEATED = 2;

function occurrences(input: { readonly roots: readonly unknown[]; readonly infos: ReadonlyMap<object, NodeInfo> }): Map<number, number> {
  const counts = new Map<number, number>();
  const visit = (value: unknown): void => {
    if (!isNode(value)) return;
    const { id } = input.infos.get(value)!;
    const seen = counts.get(id) ?? 0;
    if (seen >= REPEATED) return;
    counts.set(id, seen + 1);
    for (const item of Object.values(value)) visit(item);
  };
  input.roots.forEach(visit);
  return counts;
}

/**
 * Where each repeated piece would be named: a piece shared is not looked into at its places, its
 * own body is walked once. A piece named at fewer than two places (say, only inside another shared
 * piece) stays inline: it would be built once either way.
 */
function namedPlaces(input: { readonly roots: readonly unknown[]; readonly infos: ReadonlyMap<object, NodeInfo>; readonly repeated: (info: NodeInfo) => boolean }): Map<number, number> {
  const places = new Map<number, number>();
  const insideOf = (node: object): void => {
    for (const item of Object.values(node)) placeOf(item);
  };
  const placeOf = (value: unknown): void => {
    if (!isNode(value)) return;
    const info = input.infos.get(value)!;
    // Below the size of a piece, so is everything inside it: nothing there can be named.
    if (info.chars < SHARED_SCHEMA_MIN_CHARS) return;
    if (!input.repeated(info)) return insideOf(value);
    const seen = places.get(info.id) ?? 0;
    places.set(info.id, seen + 1);
    if (seen === 0) insideOf(value);
  };
  input.roots.forEach(placeOf);
  return places;
}

/** Decides the shared pieces of one package's tool schemas (input and output), in tool order. */
export function sharedSchemas(tools: readonly ToolIR[]): SharedSchemas {
  const roots = tools.flatMap((tool) => [tool.inputSchema, tool.outputSchema]);
  const infos = nodeInfos(roots);
  const counts = occurrences({ roots, infos });
  const places = namedPlaces({ roots, infos, repeated: (info) => info.chars >= SHARED_SCHEMA_MIN_CHARS && counts.get(info.id)! >= REPEATED });
  const nameById = new Map<number, string>();
  const idByName = new Map<string, number>();
  const parts: SharedPart[] = [];
  // Content already placed: equal content holds equal children in the same order, so a second
  // visit would name nothing new (it walked every tool's whole schema again, ~10 ms on GitHub).
  const placed = new Set<number>();
  const place = (value: unknown): void => {
    if (!isNode(value)) return;
    const { id } = infos.get(value)!;
    if (placed.has(id)) return;
    placed.add(id);
    Object.values(value).forEach(place);
    if ((places.get(id) ?? 0) < 2) return;
    const name = sharedSchemaIdentifier(createHash('sha256').update(JSON.stringify(value)).digest('hex'));
    // Twelve hex digits make a clash unlikely, not impossible: one would merge two pieces, so it stops the generator.
    if (idByName.has(name)) throw new Error(`two different schema pieces would both be named ${name}; raise the digits in sharedSchemaIdentifier`);
    idByName.set(name, id);
    nameById.set(id, name);
    parts.push({ name, value });
  };
  roots.forEach(place);
  const nameOf = (node: object) => {
    const info = infos.get(node);
    return info === undefined ? undefined : nameById.get(info.id);
  };
  const holds = new Map<number, boolean>();
  const holdsShared = (node: object): boolean => {
    const info = infos.get(node);
    if (info === undefined) return false;
    let known = holds.get(info.id);
    if (known === undefined) {
      known = Object.values(node).some((item) => isNode(item) && (nameOf(item) !== undefined || holdsShared(item)));
      holds.set(info.id, known);
    }
    return known;
  };
  return { parts, nameOf, holdsShared };
}
