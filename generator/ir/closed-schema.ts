import { isRecord } from '../shared/is-record.ts';
import type { JsonSchema } from './types.ts';

/**
 * A variant is strict at every depth it declares: each object with declared properties and no
 * open `additionalProperties` of its own is closed, so an unknown key under `customer` is refused
 * as surely as one at the top. Names matching the family's `extraNames` are allowed in every
 * closed object; an object the doc declares open stays open.
 */
export function closedAtEveryDepth(input: { readonly schema: JsonSchema; readonly extraNames?: string }): JsonSchema {
  const close = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(close);
    if (!isRecord(node)) return node;
    const out: JsonSchema = Object.fromEntries(Object.entries(node).map(([key, inner]) => [key, key === 'enum' || key === 'const' || key === 'default' || key === 'example' ? inner : close(inner)]));
    if (!isRecord(node['properties']) || (node['additionalProperties'] !== undefined && node['additionalProperties'] !== false)) return out;
    return { ...out, additionalProperties: false, ...(input.extraNames !== undefined ? { patternProperties: { [input.extraNames]: {} } } : {}) };
  };
  return close(input.schema) as JsonSchema;
}
