import { joinPointer } from '../../shared/json-pointer.ts';
import { setOwn } from '../../shared/set-own.ts';
import type { JsonSchema } from '../types.ts';
import { isRecord, report } from './build-context.ts';
import type { SchemaWalk } from './schema-walk.ts';

type Convert = (walk: SchemaWalk, schema: unknown, at: string) => JsonSchema;

function typesOf(schema: JsonSchema): string[] | undefined {
  const type = schema['type'];
  if (type === undefined) return undefined;
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string');
}

function mergeType(a: JsonSchema, b: JsonSchema): unknown {
  const left = typesOf(a);
  const right = typesOf(b);
  if (left === undefined) return b['type'];
  if (right === undefined) return a['type'];
  const both = left.filter((t) => right.includes(t) || (t === 'integer' && right.includes('number')));
  const kept = both.length > 0 ? both : left;
  return kept.length === 1 ? kept[0] : kept;
}

function mergeProperties(input: { readonly a: JsonSchema; readonly b: JsonSchema; readonly onConflict: (keyword: string) => void }) {
  const left = (input.a['properties'] ?? {}) as Record<string, JsonSchema>;
  const right = (input.b['properties'] ?? {}) as Record<string, JsonSchema>;
  const merged: Record<string, JsonSchema> = { ...left };
  for (const [name, schema] of Object.entries(right)) {
    // Own names only: `constructor` or `__proto__` read through the prototype would be merged with Object's.
    const existing = Object.hasOwn(merged, name) ? merged[name] : undefined;
    setOwn({ record: merged, name, value: existing === undefined ? schema : mergeTwo({ a: existing, b: schema, onConflict: input.onConflict }) });
  }
  return merged;
}

/** Intersects two already-converted schemas; the first one wins where they truly disagree. */
export function mergeTwo(input: { readonly a: JsonSchema; readonly b: JsonSchema; readonly onConflict: (keyword: string) => void }): JsonSchema {
  const { a, b, onConflict } = input;
  const out: Record<string, unknown> = { ...b, ...a };
  const type = mergeType(a, b);
  if (type === undefined) delete out['type'];
  else out['type'] = type;
  if (a['properties'] !== undefined || b['properties'] !== undefined) out['properties'] = mergeProperties({ a, b, onConflict });
  const required = [...new Set([...((a['required'] ?? []) as string[]), ...((b['required'] ?? []) as string[])])];
  if (required.length > 0) out['required'] = required;
  if (a['additionalProperties'] === false || b['additionalProperties'] === false) out['additionalProperties'] = false;
  if (Array.isArray(a['enum']) && Array.isArray(b['enum'])) out['enum'] = a['enum'].filter((v) => (b['enum'] as unknown[]).includes(v));
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    if (a[keyword] !== undefined && b[keyword] !== undefined && a[keyword] !== b[keyword]) onConflict(keyword);
  }
  if (out['type'] === undefined && out['properties'] !== undefined) out['type'] = 'object';
  return out;
}

/**
 * Names required beside `allOf` or by a member that does not declare them (`allOf: [{$ref: Base},
 * {required: [name]}]`). Converting one schema keeps only the names of its own properties, so these
 * are applied to the merge: dropping them would let a call without a field the vendor requires through.
 */
function requiredAcross(input: { readonly merged: JsonSchema; readonly raw: readonly unknown[] }): string[] {
  const properties = isRecord(input.merged['properties']) ? input.merged['properties'] : {};
  const named = input.raw.flatMap((schema) => (isRecord(schema) && Array.isArray(schema['required']) ? schema['required'] : []));
  // A name without a property was dropped (readOnly in inputs, writeOnly in outputs) or never declared.
  const kept = named.filter((name): name is string => typeof name === 'string' && Object.hasOwn(properties, name));
  return [...new Set([...((input.merged['required'] ?? []) as string[]), ...kept])];
}

/** `allOf` members are merged into one schema, so clients never see `allOf`. */
export function mergeAllOf(input: {
  readonly walk: SchemaWalk;
  readonly schema: Record<string, unknown>;
  readonly at: string;
  readonly convert: Convert;
}): JsonSchema {
  const { walk, schema, at, convert } = input;
  const members = schema['allOf'] as unknown[];
  const rest = Object.fromEntries(Object.entries(schema).filter(([key]) => key !== 'allOf'));
  const onConflict = (keyword: string) =>
    report({
      context: walk.context,
      code: 'VMCP_SCHEMA_COMPOSITION',
      severity: 'warning',
      pointer: at,
      message: `allOf members each carry a ${keyword}; only the first is kept`,
      onceKey: `allof:${at}`,
    });
  let merged: JsonSchema = Object.keys(rest).length > 0 ? convert(walk, rest, at) : {};
  members.forEach((member, index) => {
    if (!isRecord(member) && member !== true) return;
    merged = mergeTwo({ a: merged, b: convert(walk, member, joinPointer(at, 'allOf', index)), onConflict });
  });
  const required = requiredAcross({ merged, raw: [rest, ...members] });
  // The schema beside allOf was merged first, so its (trimmed) description already wins.
  return required.length > 0 ? { ...merged, required } : merged;
}
