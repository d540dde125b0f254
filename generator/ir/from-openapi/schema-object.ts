import { joinPointer } from '../../shared/json-pointer.ts';
import { setOwn } from '../../shared/set-own.ts';
import type { JsonSchema } from '../types.ts';
import { mergeAllOf } from './all-of-merge.ts';
import { dropLengthsThePatternFixes } from './pattern-length.ts';
import { isRecord, report, type BuildContext } from './build-context.ts';
import { followRef, refOnlyCycle, reportRefCycle } from './reference-object.ts';
import type { SchemaDirection, SchemaWalk as Walk } from './schema-walk.ts';

export type { SchemaDirection, SchemaWalk } from './schema-walk.ts';

const MAX_DEPTH = 12;
/**
 * `$ref`s being expanded at once. Links of a chain add no nesting depth, so without this bound a
 * hostile chain recursed until the stack overflowed (3,000 links did). Real documents stay in the tens.
 */
export const MAX_REF_CHAIN = 500;

/**
 * Most schema nodes one inlined schema may hold. Refs are inlined, so a densely linked entity
 * graph (Microsoft Graph: every entity navigates to others) grows exponentially with nesting: one
 * request body ran to 22 MB and the whole spec out of a 4 GB heap. The largest input schemas of
 * Stripe (about 420 nodes) and GitHub REST (about 240) and our vendors' stay well below this; above it, nested refs are expanded fewer levels
 * deep (see normalizeSchema), which bounds every schema's size and the generator's memory.
 */
export const SCHEMA_NODE_LIMIT = 1000;

/** Ref nesting levels tried, most first, once a schema passes SCHEMA_NODE_LIMIT; 1 keeps the root's own fields. */
const REF_DEPTHS = [6, 4, 3, 2, 1] as const;

/** Thrown to abandon an attempt that passed the node limit; caught by normalizeSchema only. */
class OverLimit extends Error {}

/** Nodes of each fully converted (cached) target, so reusing it counts against the limit too. */
const nodesOf = new WeakMap<JsonSchema, number>();

const COPIED_KEYWORDS = [
  'type', 'description', 'enum', 'const', 'format', 'default',
  'minLength', 'maxLength', 'minimum', 'maximum', 'multipleOf',
  'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties',
] as const;

/**
 * OpenAPI's own numeric formats: JSON Schema validators ignore them, and the type already says
 * integer or number, so they only cost tokens (~5 a field: 307 of eDesk's 12,296). String formats
 * (uuid, date, date-time, email, uri, …) say what to write and stay.
 */
const IMPLIED_NUMERIC_FORMATS: Readonly<Record<string, string>> = { int32: 'integer', int64: 'integer', float: 'number', double: 'number' };

function impliedByType(out: Record<string, unknown>): boolean {
  const implied = typeof out['format'] === 'string' ? IMPLIED_NUMERIC_FORMATS[out['format']] : undefined;
  if (implied === undefined) return false;
  const types = Array.isArray(out['type']) ? out['type'] : [out['type']];
  return types.includes(implied) || (implied === 'number' && types.includes('integer'));
}

function openSchemaLike(target: unknown, note: string): JsonSchema {
  const type = isRecord(target) ? target['type'] : undefined;
  if (type === 'array') return { type: 'array', items: {}, description: note };
  if (type === 'object' || (isRecord(target) && 'properties' in target)) return { type: 'object', description: note };
  return { description: note };
}

function refName(pointer: string): string {
  return pointer.split('/').pop() ?? pointer;
}

function convertRef(input: { readonly walk: Walk; readonly schema: Record<string, unknown>; readonly at: string }): JsonSchema {
  const { walk, schema, at } = input;
  const resolved = followRef({ context: walk.context, ref: schema['$ref'], at });
  if (resolved === undefined) return {};
  const siblings = Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$ref'));
  if (walk.stack.length >= MAX_REF_CHAIN) {
    walk.cut.value = true;
    report({
      context: walk.context,
      code: 'VMCP_REF_CHAIN_TOO_LONG',
      pointer: at,
      message: `More than ${MAX_REF_CHAIN} $refs are being followed at once here (the chain began at ${walk.stack[0]}); the generator stops rather than follow it further`,
      onceKey: 'ref-chain',
    });
    return {};
  }
  if (walk.stack.length >= walk.refDepth) {
    count({ walk, nodes: 1 });
    walk.cut.value = true;
    return openSchemaLike(resolved.value, `${refName(resolved.pointer)}; not expanded at this depth (the schema is over ${SCHEMA_NODE_LIMIT} nodes inlined).`);
  }
  if (walk.stack.includes(resolved.pointer)) {
    // Only a cycle with a schema on it is recursion; one of bare $refs would leave nothing but "any value".
    const cycle = refOnlyCycle({ root: walk.context.root, start: resolved.pointer });
    if (cycle !== undefined) {
      reportRefCycle({ context: walk.context, cycle });
      return {};
    }
    count({ walk, nodes: 1 });
    walk.cut.value = true;
    report({
      context: walk.context,
      code: 'VMCP_SCHEMA_RECURSION',
      severity: 'warning',
      pointer: at,
      message: `Schema ${refName(resolved.pointer)} refers to itself; the recursive branch is emitted as an open schema`,
      onceKey: `recursion:${resolved.pointer}`,
    });
    return openSchemaLike(resolved.value, `Recursive ${refName(resolved.pointer)}; not expanded further.`);
  }
  const cacheKey = `${walk.direction}|${resolved.pointer}`;
  let target = walk.context.schemaCache.get(cacheKey);
  if (target !== undefined) count({ walk, nodes: nodesOf.get(target) ?? 1 });
  else {
    const cut = { value: false };
    const before = walk.nodes.count;
    target = convertSchema({ ...walk, stack: [...walk.stack, resolved.pointer], cut }, resolved.value, resolved.pointer);
    if (cut.value) walk.cut.value = true;
    else {
      walk.context.schemaCache.set(cacheKey, target);
      nodesOf.set(target, walk.nodes.count - before);
    }
  }
  if (Object.keys(siblings).length === 0) return target;
  return { ...target, ...convertSchema(walk, siblings, at) };
}

function count(input: { readonly walk: Walk; readonly nodes: number }): void {
  input.walk.nodes.count += input.nodes;
  if (input.walk.nodes.count > input.walk.nodes.limit) throw new OverLimit();
}

function convertProperties(input: { readonly walk: Walk; readonly schema: Record<string, unknown>; readonly at: string }) {
  const { walk, schema, at } = input;
  const properties: Record<string, JsonSchema> = {};
  const dropped = new Set<string>();
  const source = schema['properties'];
  if (!isRecord(source)) return { properties, dropped };
  const hidden = walk.direction === 'input' ? 'readOnly' : 'writeOnly';
  for (const [name, value] of Object.entries(source)) {
    if (isRecord(value) && value[hidden] === true) {
      dropped.add(name);
      continue;
    }
    setOwn({ record: properties, name, value: convertSchema(walk, value, joinPointer(at, 'properties', name)) });
  }
  return { properties, dropped };
}

function copyPattern(input: { readonly walk: Walk; readonly pattern: unknown; readonly at: string }): string | undefined {
  if (typeof input.pattern !== 'string') return undefined;
  try {
    new RegExp(input.pattern, 'u');
    return input.pattern;
  } catch {
    report({
      context: input.walk.context,
      code: 'VMCP_PATTERN_UNSUPPORTED',
      severity: 'warning',
      pointer: joinPointer(input.at, 'pattern'),
      message: `Pattern ${JSON.stringify(input.pattern)} is not a valid ECMAScript regex; it is not enforced`,
    });
    return undefined;
  }
}

/**
 * An object or array in a tool input's `enum` or `const` that the node's `type` admits: the
 * validator compares primitive values only (zod literals), so listing it would promise a check
 * nobody makes; it is refused instead. One the type refuses can never match, and the validator
 * drops it (zod-expression.ts) as it drops any such value.
 */
function refuseStructuredValues(input: { readonly walk: Walk; readonly out: Record<string, unknown>; readonly at: string }): void {
  const { walk, out, at } = input;
  if (walk.direction !== 'input') return;
  const types = out['type'] === undefined ? undefined : ([] as unknown[]).concat(out['type']);
  const admitted = (value: unknown) => typeof value === 'object' && value !== null && (types === undefined || types.includes(Array.isArray(value) ? 'array' : 'object'));
  const values = [
    ...(out['const'] !== undefined ? [{ value: out['const'], pointer: joinPointer(at, 'const') }] : []),
    ...(Array.isArray(out['enum']) ? out['enum'].map((value: unknown, index) => ({ value, pointer: joinPointer(at, 'enum', index) })) : []),
  ];
  for (const { value, pointer } of values.filter((entry) => admitted(entry.value))) {
    const kind = Array.isArray(value) ? 'An array' : 'An object';
    report({ context: walk.context, code: 'VMCP_ENUM_VALUE_UNSUPPORTED', pointer, message: `${kind} as an allowed value (${JSON.stringify(value).slice(0, 80)}) cannot be checked: tool inputs take strings, numbers, booleans or null in enum and const`, onceKey: `structured-value:${pointer}` });
  }
}

function normalizeType(schema: Record<string, unknown>): unknown {
  const type = schema['type'];
  if (schema['nullable'] !== true || type === undefined) return type;
  const types = Array.isArray(type) ? type : [type];
  return types.includes('null') ? types : [...types, 'null'];
}

function exclusiveBounds(schema: Record<string, unknown>, out: Record<string, unknown>): void {
  for (const [flag, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    const value = schema[flag];
    if (typeof value === 'number') out[flag] = value;
    else if (value === true && typeof schema[bound] === 'number') {
      out[flag] = schema[bound];
      delete out[bound];
    }
  }
}

function convertCompositions(input: { readonly walk: Walk; readonly schema: Record<string, unknown>; readonly at: string; readonly out: Record<string, unknown> }) {
  const { walk, schema, at, out } = input;
  for (const keyword of ['oneOf', 'anyOf'] as const) {
    const members = schema[keyword];
    if (Array.isArray(members)) out[keyword] = members.map((member, index) => convertSchema(walk, member, joinPointer(at, keyword, index)));
  }
}

function convertObjectKeywords(input: { readonly walk: Walk; readonly schema: Record<string, unknown>; readonly at: string; readonly out: Record<string, unknown> }) {
  const { walk, schema, at, out } = input;
  if ('properties' in schema) {
    const { properties, dropped } = convertProperties({ walk, schema, at });
    out['properties'] = properties;
    const required = Array.isArray(schema['required']) ? schema['required'].filter((name) => typeof name === 'string' && !dropped.has(name) && Object.hasOwn(properties, name)) : [];
    if (required.length > 0) out['required'] = required;
  }
  const additional = schema['additionalProperties'];
  if (typeof additional === 'boolean') out['additionalProperties'] = additional;
  else if (isRecord(additional)) out['additionalProperties'] = convertSchema(walk, additional, joinPointer(at, 'additionalProperties'));
}

/**
 * A described array's item description is that description in the singular ("UUIDs of users to
 * add." / "One user UUID."): said twice, paid twice on every turn. The array's own stays. The
 * converted item may be a cached ref target shared by other schemas, so it is copied, not changed.
 */
function withoutEchoedDescription(input: { readonly items: JsonSchema; readonly array: Record<string, unknown> }): JsonSchema {
  if (typeof input.array['description'] !== 'string' || input.items['description'] === undefined) return input.items;
  const { description: _echo, ...rest } = input.items;
  return rest;
}

function convertArrayKeywords(input: { readonly walk: Walk; readonly schema: Record<string, unknown>; readonly at: string; readonly out: Record<string, unknown> }) {
  const { walk, schema, at, out } = input;
  const items = schema['items'];
  if (isRecord(items)) out['items'] = withoutEchoedDescription({ items: convertSchema(walk, items, joinPointer(at, 'items')), array: out });
  const isArray = out['type'] === 'array' || (Array.isArray(out['type']) && out['type'].includes('array'));
  if (isArray && out['items'] === undefined) out['items'] = {};
}

/**
 * OpenAPI 3.0/3.1 schema → self-contained JSON Schema. Refs are inlined (recursion and depth are
 * bounded), `allOf` is merged, `nullable` becomes a `null` type, and OpenAPI-only keywords
 * (`example`, `xml`, `discriminator`, `x-*`, …) are dropped.
 */
export function convertSchema(walk: Walk, schema: unknown, at: string): JsonSchema {
  if (schema === true || schema === undefined) return {};
  if (schema === false) return { not: {} };
  if (!isRecord(schema)) return {};
  if ('$ref' in schema) return convertRef({ walk, schema, at });
  count({ walk, nodes: 1 });
  if (walk.depth > MAX_DEPTH) {
    walk.cut.value = true;
    return openSchemaLike(schema, 'Nested too deeply; not expanded further.');
  }
  const inner: Walk = { ...walk, depth: walk.depth + 1 };
  if (Array.isArray(schema['allOf'])) return mergeAllOf({ walk: inner, schema, at, convert: convertSchema });
  const out: Record<string, unknown> = {};
  for (const keyword of COPIED_KEYWORDS) if (schema[keyword] !== undefined) out[keyword] = schema[keyword];
  if (typeof out['description'] === 'string') out['description'] = out['description'].trim();
  if (out['description'] === '') delete out['description'];
  out['type'] = normalizeType(schema);
  if (out['type'] === undefined) delete out['type'];
  refuseStructuredValues({ walk, out, at });
  if (impliedByType(out)) delete out['format'];
  const pattern = copyPattern({ walk, pattern: schema['pattern'], at });
  if (pattern !== undefined) out['pattern'] = pattern;
  dropLengthsThePatternFixes(out);
  exclusiveBounds(schema, out);
  convertObjectKeywords({ walk: inner, schema, at, out });
  convertArrayKeywords({ walk: inner, schema, at, out });
  convertCompositions({ walk: inner, schema, at, out });
  if (out['type'] === undefined && out['properties'] !== undefined) out['type'] = 'object';
  return out;
}

/**
 * Converts one schema, fully inlined when it stays within SCHEMA_NODE_LIMIT nodes; past it, nested
 * refs are expanded to fewer levels (REF_DEPTHS) until it fits, and a warning names the limit. A
 * schema whose own fields alone pass the limit is kept at one level: its size is the document's.
 */
export function normalizeSchema(input: {
  readonly context: BuildContext;
  readonly schema: unknown;
  readonly at: string;
  readonly direction: SchemaDirection;
}): JsonSchema {
  const attempt = (refDepth: number, limit: number) => {
    const walk: Walk = { context: input.context, direction: input.direction, stack: [], depth: 0, cut: { value: false }, refDepth, nodes: { count: 0, limit } };
    return convertSchema(walk, input.schema, input.at);
  };
  const diagnostics = input.context.diagnostics.length;
  const reported = input.context.reported.size;
  for (const refDepth of [Number.POSITIVE_INFINITY, ...REF_DEPTHS]) {
    try {
      const schema = attempt(refDepth, SCHEMA_NODE_LIMIT);
      if (refDepth !== Number.POSITIVE_INFINITY) reportShallower({ context: input.context, at: input.at, refDepth });
      return schema;
    } catch (error) {
      if (!(error instanceof OverLimit)) throw error;
      // A failed attempt's warnings (recursion, patterns) are reported again by the next one.
      input.context.diagnostics.length = diagnostics;
      for (const key of [...input.context.reported].slice(reported)) input.context.reported.delete(key);
    }
  }
  reportShallower({ context: input.context, at: input.at, refDepth: 1 });
  return attempt(1, Number.POSITIVE_INFINITY);
}

function reportShallower(input: { readonly context: BuildContext; readonly at: string; readonly refDepth: number }): void {
  report({
    context: input.context,
    code: 'VMCP_SCHEMA_SIZE_LIMIT',
    severity: 'warning',
    pointer: input.at,
    message: `Inlining every $ref here passes ${SCHEMA_NODE_LIMIT} schema nodes; referenced schemas are expanded ${input.refDepth} level(s) deep and deeper ones are open objects`,
  });
}
