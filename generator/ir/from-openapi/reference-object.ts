import { resolvePointer } from '../../shared/json-pointer.ts';
import { isRecord, report, type BuildContext } from './build-context.ts';

export type ResolvedRef = { readonly value: unknown; readonly pointer: string } | undefined;

/**
 * Targets by `$ref` string, per document: big specs repeat the same few hundred refs tens of
 * thousands of times (GitHub REST), and the document never changes during a build.
 */
const resolvedByDocument = new WeakMap<object, Map<string, { readonly value: unknown; readonly pointer: string }>>();

function resolveLocal(input: { readonly root: unknown; readonly ref: string }): { readonly value: unknown; readonly pointer: string } {
  const cache = typeof input.root === 'object' && input.root !== null ? resolvedByDocument.get(input.root) ?? new Map() : undefined;
  if (cache && typeof input.root === 'object' && input.root !== null) resolvedByDocument.set(input.root, cache);
  const cached = cache?.get(input.ref);
  if (cached !== undefined) return cached;
  const pointer = decodeURIComponent(input.ref.slice(1));
  const resolved = { value: resolvePointer(input.root, pointer), pointer };
  cache?.set(input.ref, resolved);
  return resolved;
}

/** Follows a local `$ref`. External and network refs are refused: the generator reads one file, offline. */
export function followRef(input: { readonly context: BuildContext; readonly ref: unknown; readonly at: string }): ResolvedRef {
  const { context, ref, at } = input;
  if (typeof ref !== 'string' || !ref.startsWith('#')) {
    report({
      context,
      code: 'VMCP_REF_EXTERNAL',
      pointer: at,
      message: `$ref ${JSON.stringify(ref)} is not a local reference (it must start with "#/")`,
    });
    return undefined;
  }
  const { value, pointer } = resolveLocal({ root: context.root, ref });
  if (value === undefined) {
    report({ context, code: 'VMCP_REF_NOT_FOUND', pointer: at, message: `$ref ${JSON.stringify(ref)} does not resolve` });
    return undefined;
  }
  return { value, pointer };
}

/** Resolves chains of `$ref` objects (parameters, request bodies, responses); gives up on cycles. */
export function derefObject(input: { readonly context: BuildContext; readonly value: unknown; readonly at: string }): ResolvedRef {
  let current: ResolvedRef = { value: input.value, pointer: input.at };
  const seen = new Set<string>();
  while (current !== undefined && isRecord(current.value) && '$ref' in current.value) {
    if (seen.has(current.pointer)) return undefined;
    seen.add(current.pointer);
    current = followRef({ context: input.context, ref: current.value['$ref'], at: current.pointer });
  }
  return current;
}
