import { joinPointer, resolvePointer } from '../../shared/json-pointer.ts';
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

/** Keywords that describe a schema without constraining a value: a `$ref` with only these beside it adds no schema. */
const ANNOTATIONS: ReadonlySet<string> = new Set(['$ref', 'description', 'title', 'summary', 'deprecated', 'example', 'examples', 'externalDocs']);

/** The `$ref` of a schema that is nothing but one (annotations and `x-` extensions aside); else undefined. */
function onlyRef(value: unknown): string | undefined {
  if (!isRecord(value) || typeof value['$ref'] !== 'string' || !value['$ref'].startsWith('#')) return undefined;
  return Object.keys(value).every((key) => ANNOTATIONS.has(key) || key.startsWith('x-')) ? value['$ref'] : undefined;
}

/**
 * The pointers of a cycle through `start` made only of `$ref`s (`start` first), or undefined: each
 * schema on it is nothing but a `$ref` to the next, and the last one's leads back to `start`. Such
 * a cycle never reaches a schema, so it describes no value; a schema that refers to itself from a
 * property or `items` (a tree) has a schema on its cycle and is not one.
 */
export function refOnlyCycle(input: { readonly root: unknown; readonly start: string }): string[] | undefined {
  const cycle: string[] = [];
  let pointer = input.start;
  for (;;) {
    cycle.push(pointer);
    const ref = onlyRef(resolvePointer(input.root, pointer));
    if (ref === undefined) return undefined;
    pointer = resolveLocal({ root: input.root, ref }).pointer;
    if (pointer === input.start) return cycle;
    // A chain that loops elsewhere is that loop's cycle, found where it is entered.
    if (cycle.includes(pointer)) return undefined;
  }
}

/** The error for a `$ref`-only cycle, at the `$ref` that closes it (the last member's), once per cycle. */
export function reportRefCycle(input: { readonly context: BuildContext; readonly cycle: readonly string[] }): void {
  const { cycle } = input;
  const names = cycle.map((pointer) => pointer.split('/').pop() ?? pointer);
  const loop = [...names, names[0]].join(' → ');
  report({
    context: input.context,
    code: 'VMCP_REF_CYCLE',
    pointer: joinPointer(cycle[cycle.length - 1]!, '$ref'),
    message: cycle.length === 1 ? `Schema ${names[0]} is nothing but a $ref to itself (${loop}), so it describes no value` : `Schemas ${loop} are nothing but $refs to one another, so they never reach a schema and describe no value`,
    onceKey: `ref-cycle:${[...cycle].sort().join('|')}`,
  });
}
