import type { JsonSchema } from '../../ir/types.ts';

/**
 * JSON Schema → zod 4 source text. Every value that came from a document is printed with
 * JSON.stringify, so document text can only ever be a string literal, never code.
 */

const literal = (value: unknown): string => JSON.stringify(value);

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
  uri: 'z.url()',
  date: 'z.iso.date()',
  'date-time': 'z.iso.datetime({ offset: true })',
};

function stringExpression(schema: JsonSchema): string {
  let out = (typeof schema['format'] === 'string' ? FORMAT_BASES[schema['format']] : undefined) ?? 'z.string()';
  if (typeof schema['minLength'] === 'number') out += `.min(${schema['minLength']})`;
  if (typeof schema['maxLength'] === 'number') out += `.max(${schema['maxLength']})`;
  if (typeof schema['pattern'] === 'string') out += `.regex(new RegExp(${literal(schema['pattern'])}, "u"))`;
  if (schema['format'] === 'uuid') out += `.regex(new RegExp(${literal(UUID_PATTERN)}), "Expected a UUID such as 123e4567-e89b-12d3-a456-426614174000")`;
  return out;
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

function arrayExpression(schema: JsonSchema): string {
  let out = `z.array(${zodExpression((schema['items'] ?? {}) as JsonSchema)})`;
  if (typeof schema['minItems'] === 'number') out += `.min(${schema['minItems']})`;
  if (typeof schema['maxItems'] === 'number') out += `.max(${schema['maxItems']})`;
  return out;
}

/** Keys are quoted with JSON.stringify: property names from documents are data too. */
export function objectShape(input: { readonly properties: Readonly<Record<string, JsonSchema>>; readonly required: readonly string[] }): string {
  const entries = Object.entries(input.properties).map(([name, schema]) => {
    const expression = zodExpression(schema);
    return `${literal(name)}: ${input.required.includes(name) ? expression : `${expression}.optional()`}`;
  });
  return `{ ${entries.join(', ')} }`;
}

/**
 * A closed object that also accepts names matching declared patterns (`patternProperties`, e.g.
 * custom fields `__c$`): any other unknown key is reported as zod reports one on a strict object.
 */
function extraKeysCheck(input: { readonly known: readonly string[]; readonly allowed: readonly string[] }): string {
  const patterns = input.allowed.map((pattern) => `new RegExp(${literal(pattern)}, "u")`).join(', ');
  const known = literal(Object.fromEntries(input.known.map((name) => [name, true])));
  return `(value, context) => { const known = ${known}; const allowed = [${patterns}]; const keys = Object.keys(value).filter((key) => !Object.hasOwn(known, key) && !allowed.some((pattern) => pattern.test(key))); if (keys.length > 0) context.addIssue({ code: "unrecognized_keys", keys, input: value }); }`;
}

function objectExpression(schema: JsonSchema): string {
  const properties = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = (schema['required'] ?? []) as string[];
  const additional = schema['additionalProperties'];
  if (Object.keys(properties).length === 0 && typeof additional === 'object' && additional !== null) {
    return `z.record(z.string(), ${zodExpression(additional as JsonSchema)})`;
  }
  const shape = objectShape({ properties, required });
  const allowed = Object.keys((schema['patternProperties'] ?? {}) as Record<string, unknown>);
  if (additional === false && allowed.length > 0) return `z.looseObject(${shape}).superRefine(${extraKeysCheck({ known: Object.keys(properties), allowed })})`;
  if (additional === false) return `z.strictObject(${shape})`;
  if (typeof additional === 'object' && additional !== null) return `z.object(${shape}).catchall(${zodExpression(additional as JsonSchema)})`;
  return `z.looseObject(${shape})`;
}

function enumExpression(values: readonly unknown[]): string {
  if (values.length > 0 && values.every((v) => typeof v === 'string')) return `z.enum(${literal(values)})`;
  const literals = values.map((v) => (v === null ? 'z.null()' : `z.literal(${literal(v)})`));
  return literals.length === 1 ? literals[0]! : `z.union([${literals.join(', ')}])`;
}

function singleType(schema: JsonSchema, type: string): string {
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

function withComposition(schema: JsonSchema, base: string | undefined): string {
  const members = (schema['oneOf'] ?? schema['anyOf']) as JsonSchema[] | undefined;
  if (members === undefined || members.length === 0) return base ?? 'z.unknown()';
  const union = members.length === 1 ? zodExpression(members[0]!) : `z.union([${members.map(zodExpression).join(', ')}])`;
  return base === undefined || base === 'z.unknown()' ? union : `${base}.and(${union})`;
}

const isPrimitive = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value);

export function zodExpression(schema: JsonSchema): string {
  // zod literals are primitives only; an object or array constant is checked by its type instead.
  if (schema['const'] !== undefined) return isPrimitive(schema['const']) ? `z.literal(${literal(schema['const'])})` : zodExpression({ ...schema, const: undefined });
  if (Array.isArray(schema['enum'])) {
    if (schema['enum'].every(isPrimitive)) return enumExpression(schema['enum']);
    const { enum: _values, ...rest } = schema;
    return zodExpression(rest);
  }
  const types = typesOf(schema);
  const nonNull = types.filter((t) => t !== 'null');
  const nullable = types.includes('null') && nonNull.length > 0;
  let base: string | undefined;
  if (nonNull.length === 1) base = singleType(schema, nonNull[0]!);
  else if (nonNull.length > 1) base = `z.union([${nonNull.map((t) => singleType(schema, t)).join(', ')}])`;
  else if (types.includes('null')) base = 'z.null()';
  else if (schema['properties'] !== undefined) base = objectExpression(schema);
  const composed = withComposition(schema, base);
  return nullable ? `${composed}.nullable()` : composed;
}
