import { joinPointer, pointerTokens } from '../../shared/json-pointer.ts';
import { setOwn } from '../../shared/set-own.ts';
import type { JsonSchema, PaginationIR } from '../types.ts';
import { isRecord, report, type BuildContext } from './build-context.ts';
import { derefObject, followRef, refOnlyCycle, reportRefCycle } from './reference-object.ts';
import { MAX_REF_CHAIN } from './schema-object.ts';
import { memoizedShape, nothingSeen, type Seen } from './shape-memo.ts';

/**
 * Output schemas describe, they do not police: clients reject a result that breaks the advertised
 * schema, so a vendor's extra field, new enum value or stray null must never fail a call that
 * succeeded. Hence only `type`, `properties` and `items`, no `required`, open objects, and a
 * shallow depth that keeps `tools/list` small.
 */
const MAX_OUTPUT_DEPTH = 3;
const TYPES: ReadonlySet<string> = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
const UNIONS = ['allOf', 'oneOf', 'anyOf'] as const;

/**
 * `properties` is the rendered object itself, filled in first-seen order (a union's later members
 * do not replace a name): it was a Map copied into an object by render, a Map and its entries for
 * each of ~8,000 shapes on Stripe.
 */
type Shape = { types: Set<string>; properties?: Record<string, JsonSchema>; items?: JsonSchema };

/** `stack`: the `$ref` targets being folded, outermost first; `seen`: what the shape depends on (shape-memo.ts). */
type Walk = { readonly context: BuildContext; readonly depth: number; readonly stack: readonly string[]; readonly seen: Seen };

const rootWalk = (input: { readonly context: BuildContext; readonly depth: number }): Walk => ({ ...input, stack: [], seen: nothingSeen() });

function addTypes(shape: Shape, schema: Record<string, unknown>): void {
  const declared = Array.isArray(schema['type']) ? schema['type'] : schema['type'] === undefined ? [] : [schema['type']];
  for (const type of declared) if (typeof type === 'string' && TYPES.has(type)) shape.types.add(type);
  if (schema['nullable'] === true) shape.types.add('null');
  if (isRecord(schema['properties'])) shape.types.add('object');
  if (isRecord(schema['items'])) shape.types.add('array');
}

/**
 * Whether the `$ref`s being folded at once reached the request side's bound (schema-object.ts), the
 * doc refused there: each link is a call deeper, and 5,000 links overflowed the stack.
 */
function chainTooLong(walk: Walk): boolean {
  if (walk.stack.length < MAX_REF_CHAIN) return false;
  report({
    context: walk.context,
    code: 'VMCP_REF_CHAIN_TOO_LONG',
    // The last target followed holds the $ref that would pass the bound, as the request side points.
    pointer: walk.stack[walk.stack.length - 1]!,
    message: `More than ${MAX_REF_CHAIN} $refs are being followed at once in a response schema here (the chain began at ${walk.stack[0]}); the generator stops rather than follow it further`,
    onceKey: 'ref-chain',
  });
  return true;
}

/** Folds one raw schema (refs, allOf/oneOf/anyOf members included) into a running shape. */
function fold(input: { readonly walk: Walk; readonly shape: Shape; readonly schema: unknown }): void {
  const { walk, shape } = input;
  if (!isRecord(input.schema)) return;
  let schema = input.schema;
  if ('$ref' in schema) {
    const resolved = followRef({ context: walk.context, ref: schema['$ref'], at: '' });
    if (resolved === undefined) walk.seen.unresolved = true;
    else walk.seen.targets.add(resolved.pointer);
    const cycle = resolved !== undefined && walk.stack.includes(resolved.pointer) ? refOnlyCycle({ root: walk.context.root, start: resolved.pointer }) : undefined;
    if (cycle !== undefined) reportRefCycle({ context: walk.context, cycle });
    if (resolved === undefined || walk.stack.includes(resolved.pointer) || !isRecord(resolved.value) || chainTooLong(walk)) {
      shape.types.add('object');
      return;
    }
    fold({ walk: { ...walk, stack: [...walk.stack, resolved.pointer] }, shape, schema: resolved.value });
    return;
  }
  addTypes(shape, schema);
  // Indexed loops and no spreads: this runs ~10,000 times on GitHub, most of it before it is optimised.
  for (let at = 0; at < UNIONS.length; at += 1) {
    const members = schema[UNIONS[at]!];
    if (Array.isArray(members)) for (let index = 0; index < members.length; index += 1) fold({ walk, shape, schema: members[index] });
  }
  if (walk.depth >= MAX_OUTPUT_DEPTH) return;
  const inner: Walk = { context: walk.context, depth: walk.depth + 1, stack: walk.stack, seen: walk.seen };
  const properties = schema['properties'];
  if (isRecord(properties)) {
    const known = (shape.properties ??= {});
    const names = Object.keys(properties);
    for (let index = 0; index < names.length; index += 1) {
      const name = names[index]!;
      const value = properties[name];
      if (isRecord(value) && value['writeOnly'] === true) continue;
      if (!Object.hasOwn(known, name)) setOwn({ record: known, name, value: shapeOf({ walk: inner, schema: value }) });
    }
  }
  if (isRecord(schema['items']) && shape.items === undefined) shape.items = shapeOf({ walk: inner, schema: schema['items'] });
}

function shapeOf(input: { readonly walk: Walk; readonly schema: unknown }): JsonSchema {
  const { walk, schema } = input;
  return memoizedShape({
    context: walk.context,
    depth: walk.depth,
    stack: walk.stack,
    seen: walk.seen,
    schema,
    compute: (seen) => {
      const shape: Shape = { types: new Set() };
      fold({ walk: { context: walk.context, depth: walk.depth, stack: walk.stack, seen }, shape, schema });
      return render(shape);
    },
  });
}

/** Keys in the order type, properties, items: generated code and tools.json print them so. */
function render(shape: Shape): JsonSchema {
  const types = [...shape.types].sort();
  // A number field that is sometimes an integer is still a number.
  if (types.includes('number') && types.includes('integer')) types.splice(types.indexOf('integer'), 1);
  const rendered: Record<string, unknown> = {};
  if (types.length === 1) rendered['type'] = types[0];
  else if (types.length > 1) rendered['type'] = types;
  if (shape.properties !== undefined && shape.types.has('object')) rendered['properties'] = shape.properties;
  // Past the depth cut an array still says `items` (any): OpenAI and Gemini refuse arrays without it.
  if (shape.types.has('array')) rendered['items'] = shape.items ?? {};
  return rendered as JsonSchema;
}

const JSON_MEDIA = /^application\/(?:[\w.+-]+\+)?json\b|^\*\/\*$/i;

/** The raw schema of the first 2xx JSON response, if the operation documents one. */
export function successResponseSchema(input: { readonly context: BuildContext; readonly operation: Record<string, unknown>; readonly operationPointer: string }): unknown {
  const responses = input.operation['responses'];
  if (!isRecord(responses)) return undefined;
  const codes = Object.keys(responses).filter((code) => /^2(\d\d|XX)$/i.test(code)).sort();
  for (const code of codes) {
    const response = derefObject({ context: input.context, value: responses[code], at: joinPointer(input.operationPointer, 'responses', code) });
    const content = isRecord(response?.value) ? response.value['content'] : undefined;
    if (!isRecord(content)) continue;
    const media = Object.keys(content).find((type) => JSON_MEDIA.test(type));
    const entry = media === undefined ? undefined : content[media];
    if (isRecord(entry) && entry['schema'] !== undefined) return entry['schema'];
  }
  return undefined;
}

function unionMembers(node: Record<string, unknown>): unknown[] {
  return (['allOf', 'oneOf', 'anyOf'] as const).flatMap((keyword) => (Array.isArray(node[keyword]) ? node[keyword] : []));
}

/** The array schema a list's items pointer lands on, through `$ref`s and union members. */
function listSchemaAt(input: { readonly context: BuildContext; readonly schema: unknown; readonly tokens: readonly string[] }): Record<string, unknown> | undefined {
  const node = derefObject({ context: input.context, value: input.schema, at: '' })?.value;
  if (!isRecord(node)) return undefined;
  const [head, ...rest] = input.tokens;
  const direct = head === undefined
    ? (node['type'] === 'array' || isRecord(node['items']) ? node : undefined)
    : isRecord(node['properties']) && node['properties'][head] !== undefined ? listSchemaAt({ context: input.context, schema: node['properties'][head], tokens: rest }) : undefined;
  if (direct !== undefined) return direct;
  for (const member of unionMembers(node)) {
    const found = listSchemaAt({ context: input.context, schema: member, tokens: input.tokens });
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * No `required`: some clients check error results against the output schema too, and an error's
 * `{status, message, …}` has no `items`.
 */
function listOutput(input: { readonly context: BuildContext; readonly schema: unknown; readonly pagination: PaginationIR }): JsonSchema {
  const list = listSchemaAt({ context: input.context, schema: input.schema, tokens: pointerTokens(input.pagination.itemsPointer) });
  const items = isRecord(list) ? shapeOf({ walk: rootWalk({ context: input.context, depth: 1 }), schema: list['items'] }) : {};
  return {
    type: 'object',
    properties: {
      items: { type: 'array', items },
      next_cursor: { type: ['null', 'string'] },
      ...(input.pagination.totalPointer !== undefined ? { total: { type: 'number' } } : {}),
      truncated: { type: 'boolean' },
    },
  };
}

/** The tool's `outputSchema`: an object root always, like the `structuredContent` the runtime builds. */
export function outputSchemaFor(input: { readonly context: BuildContext; readonly operation: Record<string, unknown>; readonly operationPointer: string; readonly pagination?: PaginationIR }): JsonSchema {
  const schema = successResponseSchema(input);
  if (input.pagination !== undefined) return listOutput({ context: input.context, schema, pagination: input.pagination });
  if (schema === undefined) return { type: 'object' };
  const shape = shapeOf({ walk: rootWalk({ context: input.context, depth: 0 }), schema });
  const types = Array.isArray(shape['type']) ? (shape['type'] as string[]) : shape['type'] === undefined ? [] : [shape['type'] as string];
  if (types.length === 1 && types[0] === 'object') return shape;
  // Arrays arrive as {items}, scalars as {value}; a union keeps every form it can take.
  const properties: Record<string, JsonSchema> = { ...((shape['properties'] as Record<string, JsonSchema>) ?? {}) };
  if (types.includes('array')) properties['items'] = { type: 'array', items: shape['items'] ?? {} };
  const scalars = types.filter((t) => t !== 'array' && t !== 'object');
  if (scalars.length > 0 || types.length === 0) properties['value'] = scalars.length === 1 ? { type: scalars[0] } : scalars.length > 1 ? { type: scalars } : {};
  return { type: 'object', properties };
}
