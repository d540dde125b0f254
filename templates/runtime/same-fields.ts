import type { HostHints } from './host-hints.ts';
import type { JsonObject } from './tool-definition.ts';

/**
 * A nested shape that several tools (or two arguments of one tool) take exactly alike is listed
 * in full once, at its first place in name order; each later argument lists only its type, its own
 * description and "Same fields as …", and names that place in the tool's `_meta` under this key:
 * `{ "<argument>": { "tool": "<tool name>", "property": "<argument there>" } }`. Validation is
 * not affected: every tool's strict validator still checks the whole shape.
 */
export const SAME_FIELDS = 'vendor-mcp/sameFieldsAs';

export type SameFieldsRef = { readonly tool: string; readonly property: string };

/** A listed tool's `_meta`: the lazy-loading hints and, where it refers to shapes listed elsewhere, those references. */
export type ToolMeta = HostHints & { readonly [SAME_FIELDS]?: Readonly<Record<string, SameFieldsRef>> };

/** The listed part of a tool that this module reads and rewrites. */
export type ListedInput = { readonly name: string; readonly inputSchema: JsonObject; readonly _meta?: JsonObject };

export function sameFieldsOf(tool: Pick<ListedInput, '_meta'>): Readonly<Record<string, SameFieldsRef>> {
  const refs = tool._meta?.[SAME_FIELDS];
  return typeof refs === 'object' && refs !== null ? (refs as Record<string, SameFieldsRef>) : {};
}

/** The sentence a referring argument's description ends with; `withSameFieldsResolved` takes it off again. */
export function sameFieldsNote(input: { readonly ref: SameFieldsRef; readonly inSameTool: boolean; readonly values: boolean }): string {
  const what = input.values ? 'values' : 'fields';
  return input.inSameTool ? `Same ${what} as ${input.ref.property}.` : `Same ${what} as ${input.ref.property} of ${input.ref.tool}.`;
}

const NOTE = / ?Same (?:fields|values) as [A-Za-z0-9_-]+(?: of [A-Za-z0-9_-]+)?\.$/;

function propertiesOf(schema: JsonObject): Readonly<Record<string, JsonObject>> {
  return (schema['properties'] ?? {}) as Record<string, JsonObject>;
}

/**
 * The tool with the references to tools outside `keep` replaced by the full shape (keeping the
 * argument's own description), and those references dropped from `_meta`. With `keep` empty this
 * is the whole shape the tool enforces; with the names a server lists, it is what that server lists:
 * a reference to a tool it does not list would point at nothing.
 */
export function withSameFieldsResolved<T extends ListedInput>(input: { readonly tool: T; readonly toolNamed: (name: string) => ListedInput | undefined; readonly keep?: ReadonlySet<string> }): T {
  const refs = sameFieldsOf(input.tool);
  const resolve = Object.entries(refs).filter(([, ref]) => !(input.keep?.has(ref.tool) ?? false));
  if (resolve.length === 0) return input.tool;
  const properties = { ...propertiesOf(input.tool.inputSchema) };
  for (const [argument, ref] of resolve) {
    const target = input.toolNamed(ref.tool);
    const shape = target === undefined ? undefined : propertiesOf(target.inputSchema)[ref.property];
    // A reference the generator wrote always points at a full listing; if not, say nothing wrong.
    if (shape === undefined) continue;
    const own = typeof properties[argument]?.['description'] === 'string' ? (properties[argument]!['description'] as string).replace(NOTE, '') : '';
    const { description: _theirs, ...fields } = shape;
    properties[argument] = own === '' ? fields : { ...shape, description: own };
  }
  const kept = Object.fromEntries(Object.entries(refs).filter(([, ref]) => input.keep?.has(ref.tool) ?? false));
  const { [SAME_FIELDS]: _refs, ...otherMeta } = input.tool._meta ?? {};
  const meta = Object.keys(kept).length > 0 ? { ...otherMeta, [SAME_FIELDS]: kept } : otherMeta;
  return { ...input.tool, inputSchema: { ...input.tool.inputSchema, properties }, ...(input.tool._meta !== undefined ? { _meta: meta } : {}) };
}

/**
 * The tools a server lists, each referring only to shapes that server lists too: a reference to a
 * tool left out (by scope flags or a token's scope) becomes the full shape, read from `all`.
 */
export function sameFieldsWithin<T extends ListedInput>(input: { readonly listed: readonly T[]; readonly all: readonly ListedInput[] }): readonly T[] {
  if (!input.listed.some((tool) => tool._meta?.[SAME_FIELDS] !== undefined)) return input.listed;
  const keep = new Set(input.listed.map((tool) => tool.name));
  const byName = new Map(input.all.map((tool) => [tool.name, tool]));
  return input.listed.map((tool) => withSameFieldsResolved({ tool, toolNamed: (name) => byName.get(name), keep }));
}
