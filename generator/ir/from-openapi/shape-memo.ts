import type { JsonSchema } from '../types.ts';
import { isRecord, type BuildContext } from './build-context.ts';

/**
 * Output shapes (output-shape.ts) computed once and reused: large specs fold the same component
 * schemas under hundreds of responses (GitHub REST, Stripe). A shape depends on its schema, its
 * depth, and the ref stack only through the targets it met: a target on the stack is cut. So a
 * shape is reused where the same schema is met at the same depth under a stack that holds exactly
 * the same of those targets; every cut then falls where it fell.
 */

/** What a shape being computed depends on: every ref target it met (followed or cut), and whether a ref failed to resolve. */
export type Seen = { readonly targets: Set<string>; unresolved: boolean };

type Memo = { readonly shape: JsonSchema; readonly seen: ReadonlySet<string>; readonly onStack: readonly string[] };

/**
 * By context, by schema (a `$ref` object by its ref: fold ignores its siblings), by depth. Refs
 * have their own map, so a ref string is its own key (a schema that is a string never meets it)
 * and no key text is built per lookup.
 */
type ContextMemos = { readonly bySchema: Map<unknown, Memo[][]>; readonly byRef: Map<string, Memo[][]> };
const memos = new WeakMap<BuildContext, ContextMemos>();

export const nothingSeen = (): Seen => ({ targets: new Set(), unresolved: false });

function memosAt(input: { readonly context: BuildContext; readonly schema: unknown; readonly depth: number }): Memo[] {
  let forContext = memos.get(input.context);
  if (forContext === undefined) memos.set(input.context, (forContext = { bySchema: new Map(), byRef: new Map() }));
  const ref = isRecord(input.schema) ? input.schema['$ref'] : undefined;
  const map: Map<unknown, Memo[][]> = typeof ref === 'string' ? forContext.byRef : forContext.bySchema;
  const key: unknown = typeof ref === 'string' ? ref : input.schema;
  let byDepth = map.get(key);
  if (byDepth === undefined) map.set(key, (byDepth = []));
  return (byDepth[input.depth] ??= []);
}

function agrees(input: { readonly memo: Memo; readonly stack: readonly string[] }): boolean {
  const onStack = input.stack.filter((target) => input.memo.seen.has(target));
  return onStack.length === input.memo.onStack.length && input.memo.onStack.every((target) => onStack.includes(target));
}

/**
 * The shape of `schema` at `depth` under `stack`, computed by `compute` into a fresh Seen unless
 * known. What it met is added to `seen` (the caller's) either way, so an enclosing shape's memo
 * knows it too. A shape whose refs did not all resolve is never kept: each use reports again.
 */
export function memoizedShape(input: {
  readonly context: BuildContext;
  readonly schema: unknown;
  readonly depth: number;
  readonly stack: readonly string[];
  readonly seen: Seen;
  readonly compute: (seen: Seen) => JsonSchema;
}): JsonSchema {
  const memos = memosAt(input);
  const known = memos.find((memo) => agrees({ memo, stack: input.stack }));
  if (known !== undefined) {
    for (const target of known.seen) input.seen.targets.add(target);
    return known.shape;
  }
  const seen = nothingSeen();
  const shape = input.compute(seen);
  for (const target of seen.targets) input.seen.targets.add(target);
  if (seen.unresolved) input.seen.unresolved = true;
  else memos.push({ shape, seen: seen.targets, onStack: input.stack.filter((target) => seen.targets.has(target)) });
  return shape;
}
