import { everyNode } from '../../ir/closed-schema.ts';
import type { JsonSchema } from '../../ir/types.ts';
import { concat, json, listBlock, objectBlock, property, type Code } from './code-layout.ts';

/**
 * JSON Schema → zod 4 source, as Code laid out one property a line. Every value that came from a
 * document is printed with JSON.stringify, so document text can only ever be a string literal.
 */

const literal = (value: unknown): string => JSON.stringify(value);

/**
 * What z.url() leaves unchecked, on the value as given: the scheme first, and no whitespace or
 * control character anywhere. z.url() trims the value and the WHATWG parser drops tabs and newlines,
 * so "\r\nX-Injected: 1" passed as the URI "X-Injected:" with a path (fuzz campaign seed 78), and
 * " https://x" was sent trimmed; an absolute URI (RFC 3986) holds neither.
 */
const URI_SHAPE = '^[A-Za-z][A-Za-z0-9+.-]*:[^\\s\\u0000-\\u001f\\u007f]*$';

/** Lenient UUID shape: vendors use ids that are UUID-shaped without being RFC 4122 versions. */
const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

function typesOf(schema: JsonSchema): string[] {
  const type = schema['type'];
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string') : [];
}

/**
 * Formats the model can get wrong and the vendor would reject: checked before anything is sent, so
 * `tools/list` and the validator agree. Each is no looser than the doc-validating simulator.
 */
const FORMAT_BASES: Readonly<Record<string, string>> = {
  email: 'z.email()',
  // The raw value's shape first (URI_SHAPE), then z.url() on it (see stringExpression).
  uri: `z.string().regex(new RegExp(${literal(URI_SHAPE)}), ${literal('Expected an absolute URI such as https://example.com/path, with no spaces')})`,
  date: 'z.iso.date()',
  'date-time': 'z.iso.datetime({ offset: true })',
};

/** `open(a, b, …)close` on one line while it fits, else one argument a line. */
const call = (input: { readonly callee: string; readonly items: readonly Code[]; readonly open?: string; readonly close?: string }): Code =>
  concat(input.callee, listBlock({ open: input.open ?? '(', close: input.close ?? ')', items: input.items }));

function stringExpression(schema: JsonSchema): Code {
  let out = (typeof schema['format'] === 'string' ? FORMAT_BASES[schema['format']] : undefined) ?? 'z.string()';
  if (typeof schema['minLength'] === 'number') out += `.min(${schema['minLength']})`;
  if (typeof schema['maxLength'] === 'number') out += `.max(${schema['maxLength']})`;
  if (typeof schema['pattern'] === 'string') out += `.regex(new RegExp(${literal(schema['pattern'])}, "u"))`;
  // Last: every check above sees the value as the model gave it, which z.url() would trim.
  if (schema['format'] === 'uri') return `${out}.pipe(z.url())`;
  if (schema['format'] !== 'uuid') return out;
  return concat(out, call({ callee: '.regex', items: [`new RegExp(${literal(UUID_PATTERN)})`, literal('Expected a UUID such as 123e4567-e89b-12d3-a456-426614174000')] }));
}

function numberExpression(schema: JsonSchema, integer: boolean): string {
  let out = integer ? 'z.int()' : 'z.number()';
  if (typeof schema['minimum'] === 'number') out += `.gte(${schema['minimum']})`;
  if (typeof schema['maximum'] === 'number') out += `.lte(${schema['maximum']})`;
  if (typeof schema['exclusiveMinimum'] === 'number') out += `.gt(${schema['exclusiveMinimum']})`;
  if (typeof schema['exclusiveMaximum'] === 'number') out += `.lt(${schema['exclusiveMaximum']})`;
  if (typeof schema['multipleOf'] === 'number' && schema['multipleOf'] > 0) out += `.multipleOf(${schema['multipleOf']})`;
  return out;
}

function arrayExpression(schema: JsonSchema): Code {
  let bounds = '';
  if (typeof schema['minItems'] === 'number') bounds += `.min(${schema['minItems']})`;
  if (typeof schema['maxItems'] === 'number') bounds += `.max(${schema['maxItems']})`;
  if (schema['uniqueItems'] === true) bounds += '.superRefine(distinctItems())';
  return concat('z.array(', zodExpression((schema['items'] ?? {}) as JsonSchema), `)${bounds}`);
}

/** `minProperties` / `maxProperties` after an object's own checks (json-schema-checks.ts). */
function withPropertyCount(schema: JsonSchema, object: Code): Code {
  const bounds = [['min', schema['minProperties']], ['max', schema['maxProperties']]].filter((bound): bound is [string, number] => typeof bound[1] === 'number');
  if (bounds.length === 0) return object;
  return concat(object, '.superRefine(propertyCount(', objectBlock(bounds.map(([key, value]) => property({ key, value: String(value) }))), '))');
}

/** Keys are quoted with JSON.stringify: property names from documents are data too. */
export function objectShape(input: { readonly properties: Readonly<Record<string, JsonSchema>>; readonly required: readonly string[] }): Code {
  const entries = Object.entries(input.properties).map(([name, schema]) => {
    const expression = zodExpression(schema);
    return property({ key: name, quoted: true, value: input.required.includes(name) ? expression : concat(expression, '.optional()') });
  });
  return objectBlock(entries);
}

/**
 * A closed object that also accepts names matching declared patterns (`patternProperties`, e.g.
 * custom fields `__c$`): the runtime's `knownKeysOnly` reports any other unknown key as zod
 * reports one on a strict object. The module that prints this imports it (see `runtimeCheckImports`).
 */
function extraKeysCheck(input: { readonly known: readonly string[]; readonly allowed: readonly string[] }): Code {
  return concat('knownKeysOnly(', objectBlock([property({ key: 'known', value: json(input.known) }), property({ key: 'allowed', value: json(input.allowed) })]), ')');
}

/** The runtime's checks printed code may call, by the module that exports them. */
const RUNTIME_CHECKS: readonly { readonly moduleSpecifier: string; readonly names: readonly string[] }[] = [
  { moduleSpecifier: '../runtime/known-keys.ts', names: ['knownKeysOnly'] },
  { moduleSpecifier: '../runtime/json-schema-checks.ts', names: ['distinctItems', 'propertyCount', 'requiredKeys'] },
];

/** The imports of the runtime checks `printed` calls: the module that prints it adds them. */
export function runtimeCheckImports(printed: string): { readonly moduleSpecifier: string; readonly namedImports: string[] }[] {
  return RUNTIME_CHECKS.flatMap(({ moduleSpecifier, names }) => {
    const used = names.filter((name) => printed.includes(`${name}(`));
    return used.length > 0 ? [{ moduleSpecifier, namedImports: used }] : [];
  });
}

/**
 * An object that names its fields is closed at every depth unless the doc opens it itself
 * (`additionalProperties` true or a schema), as the root is: a key the doc never names is refused by
 * name before anything is sent, not passed on for the vendor to drop silently, where a misspelt
 * field would look accepted, or to refuse (the fuzz campaign of seed 78 sent `{"": 0}` inside eDesk's
 * `sales_order_delivery_dates` and an attachment `id` eDesk's templates do not take). Left open,
 * as JSON Schema reads them: an object with no named fields (`type: object` alone), one with
 * `anyOf`/`oneOf` beside its fields, and each member of those (a member may name only the fields
 * that tell it apart, the others coming from its neighbours).
 */
function closed(input: { readonly schema: JsonSchema; readonly declared: number; readonly additional: unknown }): boolean {
  if (input.additional === false) return true;
  return input.additional === undefined && input.declared > 0 && input.schema['anyOf'] === undefined && input.schema['oneOf'] === undefined;
}

/**
 * A composition's member, open throughout unless a node closes itself (see `closed`): JSON Schema
 * counts a `oneOf` member as matching on its open reading, so a member closed at depth would match
 * less and let through a value two members match (corpus, mailscript.com's actions).
 */
function openMember(member: JsonSchema): JsonSchema {
  return everyNode({ schema: member, rewrite: (node) => (isObjectNode(node) && node['additionalProperties'] === undefined ? { ...node, additionalProperties: true } : node) });
}

/** A schema node that reads as an object: `type: object`, or object keywords and no type (see impliedTypes). */
const isObjectNode = (node: Record<string, unknown>): boolean => node['type'] === 'object' || (Array.isArray(node['type']) && node['type'].includes('object')) || (node['type'] === undefined && impliedTypes(node).includes('object'));

function objectExpression(schema: JsonSchema): Code {
  return withPropertyCount(schema, withUndeclaredRequired(schema, objectCore(schema)));
}

/** `required` names the object's `properties` leave out (`{required: ["a"]}` alone, as a `oneOf` member often is). */
function withUndeclaredRequired(schema: JsonSchema, object: Code): Code {
  const names = undeclaredRequired(schema);
  return names.length === 0 ? object : concat(object, '.superRefine(requiredKeys(', json(names), '))');
}

function undeclaredRequired(schema: JsonSchema): string[] {
  const declared = (schema['properties'] ?? {}) as Record<string, unknown>;
  return ((schema['required'] ?? []) as unknown[]).filter((name): name is string => typeof name === 'string' && !Object.hasOwn(declared, name));
}

function objectCore(schema: JsonSchema): Code {
  const required = (schema['required'] ?? []) as string[];
  const additional = schema['additionalProperties'];
  // A name `required` lists but `properties` leaves out is allowed where the doc left other keys
  // open: closing the object would make it both required and refused (withUndeclaredRequired checks it is there).
  const undeclared = additional === undefined ? undeclaredRequired(schema).map((name) => [name, {}] as const) : [];
  const properties = { ...((schema['properties'] ?? {}) as Record<string, JsonSchema>), ...Object.fromEntries(undeclared) } as Record<string, JsonSchema>;
  if (Object.keys(properties).length === 0 && typeof additional === 'object' && additional !== null) {
    return concat('z.record(z.string(), ', zodExpression(additional as JsonSchema), ')');
  }
  const shape = objectShape({ properties, required });
  const allowed = Object.keys((schema['patternProperties'] ?? {}) as Record<string, unknown>);
  const isClosed = closed({ schema, declared: Object.keys(properties).length, additional });
  if (isClosed && allowed.length > 0) return concat('z.looseObject(', shape, ').superRefine(', extraKeysCheck({ known: Object.keys(properties), allowed }), ')');
  if (isClosed) return concat('z.strictObject(', shape, ')');
  if (typeof additional === 'object' && additional !== null) return concat('z.object(', shape, ').catchall(', zodExpression(additional as JsonSchema), ')');
  return concat('z.looseObject(', shape, ')');
}

const union = (members: readonly Code[]): Code => concat(call({ callee: 'z.union(', open: '[', close: ']', items: members }), ')');

function enumExpression(values: readonly unknown[]): Code {
  if (values.length > 0 && values.every((v) => typeof v === 'string')) return concat(call({ callee: 'z.enum(', open: '[', close: ']', items: values.map(literal) }), ')');
  const literals = values.map((v) => (v === null ? 'z.null()' : `z.literal(${literal(v)})`));
  return literals.length === 1 ? literals[0]! : union(literals);
}

function singleType(schema: JsonSchema, type: string): Code {
  switch (type) {
    case 'string':
      return stringExpression(schema);
    case 'integer':
      return numberExpression(schema, true);
    case 'number':
      return numberExpression(schema, false);
    case 'boolean':
      return 'z.boolean()';
    case 'null':
      return 'z.null()';
    case 'array':
      return arrayExpression(schema);
    case 'object':
      return objectExpression(schema);
    default:
      return 'z.unknown()';
  }
}

/**
 * `anyOf` takes a value one member or more accept (zod's union); `oneOf` one member exactly (zod's
 * xor: a value two overlapping members accept is refused, as the doc's validator refuses it). A
 * schema with both must meet both.
 */
function withComposition(schema: JsonSchema, base: Code | undefined): Code {
  const parts = [composition({ members: schema['anyOf'], callee: 'z.union(' }), composition({ members: schema['oneOf'], callee: 'z.xor(' })].filter((part): part is Code => part !== undefined);
  const own = base === undefined || base === 'z.unknown()' ? undefined : base;
  const all = own === undefined ? parts : [own, ...parts];
  if (all.length === 0) return base ?? 'z.unknown()';
  return all.slice(1).reduce<Code>((joined, part) => concat(joined, '.and(', part, ')'), all[0]!);
}

function composition(input: { readonly members: unknown; readonly callee: string }): Code | undefined {
  const members = input.members as JsonSchema[] | undefined;
  if (members === undefined || members.length === 0) return undefined;
  if (members.length === 1) return zodExpression(openMember(members[0]!));
  return concat(call({ callee: input.callee, open: '[', close: ']', items: members.map((member) => zodExpression(openMember(member))) }), ')');
}

const isPrimitive = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value);

/** Whether a value is of one of the declared types (any value when none is declared). */
function ofTypes(input: { readonly value: unknown; readonly types: readonly string[] }): boolean {
  if (input.types.length === 0) return true;
  const { value } = input;
  if (value === null) return input.types.includes('null');
  if (typeof value === 'number') return input.types.includes('number') || (input.types.includes('integer') && Number.isInteger(value));
  return input.types.includes(typeof value);
}

/**
 * The keyword families a schema uses without a `type`: JSON Schema applies them only to values of
 * that type and lets any other through, and so does the validator (see untypedExpression). Read as
 * `z.unknown()`, a `tags` of `additionalProperties: {type: string}` alone took `{"": 0}` (corpus,
 * azure.com/iothub).
 */
const IMPLIED_TYPES: readonly (readonly [string, readonly string[]])[] = [
  ['object', ['properties', 'additionalProperties', 'patternProperties', 'required', 'minProperties', 'maxProperties']],
  ['array', ['items', 'minItems', 'maxItems', 'uniqueItems']],
  ['string', ['minLength', 'maxLength', 'pattern', 'format']],
  ['number', ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf']],
];

function impliedTypes(schema: JsonSchema): string[] {
  return IMPLIED_TYPES.filter(([, keywords]) => keywords.some((keyword) => schema[keyword] !== undefined)).map(([type]) => type);
}

/** What each JSON type takes when no keyword of the schema applies to it. */
const ANY_OF_TYPE: Readonly<Record<string, string>> = { object: 'z.looseObject({})', array: 'z.array(z.unknown())', string: 'z.string()', number: 'z.number()', boolean: 'z.boolean()', null: 'z.null()' };

/** A schema with keywords but no `type`: each value checked by the keywords of its own type, any other type taken as it is. */
function untypedExpression(schema: JsonSchema): Code {
  const implied = impliedTypes(schema);
  return union(Object.entries(ANY_OF_TYPE).map(([type, any]) => (implied.includes(type) ? singleType(schema, type) : any)));
}

/**
 * Whether an `enum`/`const` value can ever be valid here. A value its own `type` refuses cannot
 * (wowza.com: `type: string`, `enum: [2, 4, …]`). Nor, for the validator, can an object or array:
 * zod literals are primitives, and the IR refuses every such value the type admits
 * (VMCP_ENUM_VALUE_UNSUPPORTED), so one that gets here is one an `allOf` member's type refused.
 */
const canMatch = (input: { readonly value: unknown; readonly types: readonly string[] }): boolean => isPrimitive(input.value) && ofTypes(input);

export function zodExpression(schema: JsonSchema): Code {
  const declared = typesOf(schema);
  if (schema['const'] !== undefined) return canMatch({ value: schema['const'], types: declared }) ? `z.literal(${literal(schema['const'])})` : 'z.never()';
  if (Array.isArray(schema['enum'])) {
    const values = schema['enum'].filter((value) => canMatch({ value, types: declared }));
    return values.length > 0 ? enumExpression(values) : 'z.never()';
  }
  if (declared.length === 0 && impliedTypes(schema).length > 0) return withComposition(schema, untypedExpression(schema));
  const types = declared;
  const nonNull = types.filter((t) => t !== 'null');
  const nullable = types.includes('null') && nonNull.length > 0;
  let base: Code | undefined;
  if (nonNull.length === 1) base = singleType(schema, nonNull[0]!);
  else if (nonNull.length > 1) base = union(nonNull.map((t) => singleType(schema, t)));
  else if (types.includes('null')) base = 'z.null()';
  const composed = withComposition(schema, base);
  return nullable ? concat(composed, '.nullable()') : composed;
}
