import { createDiagnostic, locatedAt, type Diagnostic } from '../../diagnostics/diagnostic.ts';
import { joinPointer } from '../../shared/json-pointer.ts';
import type { LoadedDocument } from '../loaded-document.ts';
import { isRecord } from '../../shared/is-record.ts';

/**
 * One Overlay action, validated. `optional` is our extension `x-mcp-optional: true`: the action may
 * match nothing (a deliberate no-op), where by default a target that matches nothing stops the build.
 */
export type OverlayAction = {
  readonly index: number;
  readonly target: string;
  readonly optional: boolean;
  readonly change: { readonly kind: 'update'; readonly value: unknown } | { readonly kind: 'remove' } | { readonly kind: 'copy'; readonly from: string };
};

export type Overlay = { readonly document: LoadedDocument; readonly version: '1.0' | '1.1'; readonly actions: readonly OverlayAction[] };

const ACTION_KEYS = new Set(['target', 'description', 'update', 'remove', 'copy']);

function invalid(input: { readonly document: LoadedDocument; readonly pointer: string; readonly message: string }): Diagnostic {
  return createDiagnostic({ code: 'VMCP_OVERLAY_INVALID', message: input.message, location: locatedAt({ file: input.document.file, pointer: input.pointer, locate: input.document.locate }) });
}

function changeOf(input: { readonly action: Record<string, unknown>; readonly version: string }): OverlayAction['change'] | string {
  const { action } = input;
  const remove = action['remove'];
  if (remove !== undefined && typeof remove !== 'boolean') return '`remove` must be true or false';
  const asked = [action['update'] !== undefined && 'update', remove === true && 'remove', action['copy'] !== undefined && 'copy'].filter((k) => k !== false);
  // The standard lets `remove` silence `update`; we refuse the pair so an action never does less than it reads.
  if (asked.length !== 1) return `an action needs exactly one of update, remove: true or copy (found ${asked.length === 0 ? 'none' : asked.join(' and ')})`;
  if (asked[0] === 'remove') return { kind: 'remove' };
  if (asked[0] === 'update') return { kind: 'update', value: action['update'] };
  if (input.version !== '1.1') return '`copy` is Overlay 1.1: set `overlay: 1.1.0`';
  if (typeof action['copy'] !== 'string' || !action['copy'].startsWith('$')) return '`copy` must be a JSONPath expression starting with $';
  return { kind: 'copy', from: action['copy'] };
}

function readAction(input: { readonly document: LoadedDocument; readonly value: unknown; readonly index: number; readonly version: string }): OverlayAction | Diagnostic {
  const at = joinPointer('', 'actions', input.index);
  const fail = (message: string, pointer = at) => invalid({ document: input.document, pointer, message: `action ${input.index}: ${message}` });
  if (!isRecord(input.value)) return fail('must be an object');
  const unknown = Object.keys(input.value).find((key) => !ACTION_KEYS.has(key) && !key.startsWith('x-'));
  if (unknown !== undefined) return fail(`unknown field \`${unknown}\``, joinPointer(at, unknown));
  const target = input.value['target'];
  if (typeof target !== 'string' || !target.startsWith('$')) return fail('`target` must be a JSONPath expression starting with $', joinPointer(at, 'target'));
  const optional = input.value['x-mcp-optional'];
  if (optional !== undefined && typeof optional !== 'boolean') return fail('`x-mcp-optional` must be true or false', joinPointer(at, 'x-mcp-optional'));
  const change = changeOf({ action: input.value, version: input.version });
  if (typeof change === 'string') return fail(change);
  return { index: input.index, target, optional: optional === true, change };
}

/** Reads a parsed overlay file; every structural problem is a diagnostic at its place in the file. */
export function readOverlay(document: LoadedDocument): Overlay | { readonly diagnostics: readonly Diagnostic[] } {
  const data = document.data;
  if (!isRecord(data)) return { diagnostics: [invalid({ document, pointer: '', message: 'an overlay must be a YAML/JSON object' })] };
  const version = /^1\.([01])\.\d+$/.exec(String(data['overlay'] ?? ''))?.[1];
  if (version === undefined) return { diagnostics: [invalid({ document, pointer: data['overlay'] === undefined ? '' : '/overlay', message: `\`overlay\` must be 1.0.x or 1.1.x (found ${JSON.stringify(data['overlay'] ?? null)})` })] };
  const info = data['info'];
  if (!isRecord(info) || typeof info['title'] !== 'string' || typeof info['version'] !== 'string') return { diagnostics: [invalid({ document, pointer: info === undefined ? '' : '/info', message: '`info` needs a string `title` and `version`' })] };
  const actions = data['actions'];
  if (!Array.isArray(actions) || actions.length === 0) return { diagnostics: [invalid({ document, pointer: actions === undefined ? '' : '/actions', message: '`actions` must be a non-empty list' })] };
  const read = actions.map((value, index) => readAction({ document, value, index, version: `1.${version}` }));
  const diagnostics = read.filter((item): item is Diagnostic => 'code' in item);
  if (diagnostics.length > 0) return { diagnostics };
  return { document, version: version === '0' ? '1.0' : '1.1', actions: read as OverlayAction[] };
}
