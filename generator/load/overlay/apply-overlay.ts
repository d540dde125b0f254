import { jsonpath, type JSONValue } from 'json-p3';
import { createDiagnostic, locatedAt, type Diagnostic } from '../../diagnostics/diagnostic.ts';
import type { DiagnosticCode } from '../../diagnostics/codes.ts';
import { joinPointer, pointerTokens, resolvePointer } from '../../shared/json-pointer.ts';
import type { Overlay, OverlayAction } from './overlay-document.ts';
import { Origins, type Origin } from './origins.ts';
import { isRecord } from '../../shared/is-record.ts';

/**
 * Overlay 1.0/1.1 action semantics over an RFC 9535 JSONPath library (json-p3). No maintained npm
 * package applies Overlay 1.1 (`copy`) while keeping track of which file supplied each value, and
 * diagnostics need that, so the actions are ours and the JSONPath is not.
 *
 * Merge rules (the standard's, plus the choices it leaves open, documented in vendor-docs/README.md):
 * an object merges into an object key by key, recursively where both sides hold an object, any
 * other value (arrays too) replacing what was there; a value is appended to a selected array as one
 * entry; a scalar replaces a selected scalar.
 */
export type OverlayState = { readonly root: Record<string, unknown>; readonly origins: Origins; readonly diagnostics: Diagnostic[] };

function problem(input: { readonly overlay: Overlay; readonly action: OverlayAction; readonly code: DiagnosticCode; readonly message: string; readonly field?: string }): Diagnostic {
  const pointer = joinPointer('', 'actions', input.action.index, ...(input.field ? [input.field] : []));
  return createDiagnostic({ code: input.code, message: `action ${input.action.index}: ${input.message}`, location: locatedAt({ file: input.overlay.document.file, pointer, locate: input.overlay.document.locate }) });
}

/** Pointers of the nodes a JSONPath selects, each once, in the library's (document) order. */
function select(input: { readonly root: unknown; readonly path: string }): string[] | { readonly error: string } {
  try {
    return [...new Set(jsonpath.query(input.path, input.root as JSONValue).nodes.map((node) => node.toPointer().toString()))];
  } catch (error) {
    return { error: `${input.path} is not RFC 9535 JSONPath: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function setAt(input: { readonly root: Record<string, unknown>; readonly pointer: string; readonly value: unknown }): void {
  const tokens = pointerTokens(input.pointer);
  const parent = resolvePointer(input.root, joinPointer('', ...tokens.slice(0, -1))) as Record<string, unknown>;
  parent[tokens.at(-1)!] = input.value;
}

function below(origin: Origin, key: string | number): Origin {
  return { ...origin, pointer: joinPointer(origin.pointer, key) };
}

/** Merges `value` into the node at `pointer`; returns why it cannot, if it cannot. */
function mergeInto(state: OverlayState, input: { readonly pointer: string; readonly value: unknown; readonly origin: Origin }): string | undefined {
  const current = resolvePointer(state.root, input.pointer);
  if (Array.isArray(current)) {
    current.push(structuredClone(input.value));
    state.origins.assign(joinPointer(input.pointer, current.length - 1), input.origin);
    return undefined;
  }
  if (isRecord(current)) {
    if (!isRecord(input.value)) return `#${input.pointer} is an object, so the value merged into it must be an object (found ${Array.isArray(input.value) ? 'an array' : typeof input.value})`;
    for (const [key, value] of Object.entries(input.value)) {
      const at = joinPointer(input.pointer, key);
      if (isRecord(current[key]) && isRecord(value)) mergeInto(state, { pointer: at, value, origin: below(input.origin, key) });
      else {
        current[key] = structuredClone(value);
        state.origins.assign(at, below(input.origin, key));
      }
    }
    return undefined;
  }
  if (typeof input.value === 'object' && input.value !== null) return `#${input.pointer} is a scalar, so only a scalar can replace it`;
  setAt({ root: state.root, pointer: input.pointer, value: input.value });
  state.origins.assign(input.pointer, input.origin);
  return undefined;
}

/** Deepest first, and later array items before earlier ones, so no removal moves another's target. */
function removalOrder(a: string, b: string): number {
  const [ta, tb] = [pointerTokens(a), pointerTokens(b)];
  if (ta.length !== tb.length) return tb.length - ta.length;
  for (let i = 0; i < ta.length; i += 1) {
    if (ta[i] === tb[i]) continue;
    const [na, nb] = [Number(ta[i]), Number(tb[i])];
    return Number.isInteger(na) && Number.isInteger(nb) ? nb - na : ta[i]! < tb[i]! ? 1 : -1;
  }
  return 0;
}

function removeAt(state: OverlayState, pointer: string): string | undefined {
  if (pointer === '') return 'the document root cannot be removed';
  const tokens = pointerTokens(pointer);
  const parent = resolvePointer(state.root, joinPointer('', ...tokens.slice(0, -1)));
  if (Array.isArray(parent)) {
    state.origins.remove({ pointer, arrayLength: parent.length });
    parent.splice(Number(tokens.at(-1)), 1);
  } else {
    state.origins.remove({ pointer });
    delete (parent as Record<string, unknown>)[tokens.at(-1)!];
  }
  return undefined;
}

/** The value to merge and where it came from: the overlay text for `update`, the document for `copy`. */
function sourceOf(state: OverlayState, input: { readonly overlay: Overlay; readonly action: OverlayAction }): { value: unknown; origin: Origin } | Diagnostic {
  const { change } = input.action;
  if (change.kind === 'update') {
    const pointer = joinPointer('', 'actions', input.action.index, 'update');
    return { value: change.value, origin: { file: input.overlay.document.file, pointer, locate: input.overlay.document.locate } };
  }
  if (change.kind !== 'copy') throw new Error('unreachable: remove has no source');
  const found = select({ root: state.root, path: change.from });
  if ('error' in found) return problem({ ...input, code: 'VMCP_OVERLAY_INVALID', message: found.error, field: 'copy' });
  if (found.length !== 1) return problem({ ...input, code: 'VMCP_OVERLAY_CONFLICT', message: `copy ${change.from} must select exactly one node (it selects ${found.length})`, field: 'copy' });
  return { value: structuredClone(resolvePointer(state.root, found[0]!)), origin: state.origins.resolve(found[0]!) };
}

function applyAction(state: OverlayState, input: { readonly overlay: Overlay; readonly action: OverlayAction; readonly specFile: string }): void {
  const { action } = input;
  const targets = select({ root: state.root, path: action.target });
  if ('error' in targets) {
    state.diagnostics.push(problem({ ...input, code: 'VMCP_OVERLAY_INVALID', message: targets.error, field: 'target' }));
    return;
  }
  if (targets.length === 0) {
    if (!action.optional) state.diagnostics.push(problem({ ...input, code: 'VMCP_OVERLAY_TARGET_UNMATCHED', message: `target ${action.target} matches nothing in ${input.specFile}`, field: 'target' }));
    return;
  }
  if (action.change.kind === 'remove') {
    for (const pointer of [...targets].sort(removalOrder)) {
      const why = removeAt(state, pointer);
      if (why !== undefined) state.diagnostics.push(problem({ ...input, code: 'VMCP_OVERLAY_CONFLICT', message: why, field: 'target' }));
    }
    return;
  }
  const source = sourceOf(state, input);
  if ('code' in source) {
    state.diagnostics.push(source);
    return;
  }
  for (const pointer of targets) {
    const why = mergeInto(state, { pointer, ...source });
    if (why !== undefined) state.diagnostics.push(problem({ ...input, code: 'VMCP_OVERLAY_CONFLICT', message: why, field: action.change.kind }));
  }
}

/** Applies one overlay's actions in order to `state.root`, in place. */
export function applyOverlay(state: OverlayState, input: { readonly overlay: Overlay; readonly specFile: string }): void {
  for (const action of input.overlay.actions) applyAction(state, { ...input, action });
}
