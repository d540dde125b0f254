import { isRecord } from '../shared/is-record.ts';
import type { JsonSchema } from './types.ts';

/**
 * A variant is strict at every depth it declares: each object with declared properties and no
 * open `additionalProperties` of its own is closed, so an unknown key under `customer` is refused
 * as surely as one at the top. Names matching the family's `extraNames` are allowed in every
 * closed object; an object the doc declares open stays open.
 */
export function closedAtEveryDepth(input: { readonly schema: JsonSchema; readonly extraNames?: string }): JsonSchema {
  return everyNode({
    schema: input.schema,
    rewrite: (node) => {
      if (!isRecord(node['properties']) || (node['additionalProperties'] !== undefined && node['additionalProperties'] !== false)) return node;
      return { ...node, additionalProperties: false, ...(input.extraNames !== undefined ? { patternProperties: { [input.extraNames]: {} } } : {}) };
    },
  });
}

/** Keywords whose values are data, not schemas: a rewrite of schema nodes leaves them as they are. */
const DATA_KEYWORDS: ReadonlySet<string> = new Set(['enum', 'const', 'default', 'example']);

/** The schema with every node, deepest first, passed through `rewrite` (the values of data keywords left alone). */
export function everyNode(input: { readonly schema: JsonSchema; readonly rewrite: (node: JsonSchema) => JsonSchema }): JsonSchema {
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (!isRecord(node)) return node;
    return input.rewrite(Object.fromEntries(Object.entries(node).map(([key, inner]) => [key, DATA_KEYWORDS.has(key) ? inner : visit(inner)])));
  };
  return visit(input.schema) as JsonSchema;
}
