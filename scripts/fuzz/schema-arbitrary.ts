import fc from 'fast-check';
import { HOSTILE_CHARS, HOSTILE_TEXT } from './hostile-text.ts';

/** A JSON Schema node as a tool's `inputSchema` carries it (draft 2020 subset the generator emits). */
export type JsonSchema = { readonly [keyword: string]: unknown };

const MAX_DEPTH = 5;
/** Arrays in valid values stay short: size is what the oversize cases are for. */
const VALID_ARRAY_MAX = 4;

function typesOf(schema: JsonSchema): string[] {
  const type = schema['type'];
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string');
  if (schema['properties'] !== undefined) return ['object'];
  if (schema['items'] !== undefined) return ['array'];
  return [];
}

const num = (input: { readonly schema: JsonSchema; readonly keyword: string }): number | undefined => (typeof input.schema[input.keyword] === 'number' ? (input.schema[input.keyword] as number) : undefined);

/** JSON Schema counts length in code points, not UTF-16 units. */
export const codePointLength = (text: string): number => [...text].length;

const FORMATS: Record<string, fc.Arbitrary<string>> = {
  uuid: fc.uuid(),
  email: fc.tuple(fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,15}$/), fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/), fc.constantFrom('com', 'org', 'io')).map(([user, domain, tld]) => `${user}@${domain}.${tld}`),
  uri: fc.webUrl({ withQueryParameters: true, withFragments: true }),
  date: fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  'date-time': fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
};

/** Plain, full-unicode and hostile characters, so valid text already probes encoding and display. */
const textUnit = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...'abcXYZ019-_') },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_CHARS) },
  // Any well-formed code point here; unpaired surrogates come from the hostile list, so they do not crowd out the rest.
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x10ffff }).filter((cp) => cp < 0xd800 || cp > 0xdfff).map((cp) => String.fromCodePoint(cp)) },
);

function textArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const format = typeof schema['format'] === 'string' ? FORMATS[schema['format']] : undefined;
  if (format !== undefined) return format;
  if (typeof schema['pattern'] === 'string') return fc.stringMatching(new RegExp(schema['pattern'], 'u'));
  const minLength = num({ schema, keyword: 'minLength' }) ?? 0;
  const maxLength = Math.max(minLength, Math.min(num({ schema, keyword: 'maxLength' }) ?? 40, minLength + 40));
  const fits = (text: string) => codePointLength(text) >= minLength && codePointLength(text) <= maxLength;
  const hostile = HOSTILE_TEXT.filter(fits);
  const composed = fc.array(textUnit, { minLength, maxLength }).map((units) => units.join(''));
  return hostile.length === 0 ? composed : fc.oneof({ weight: 3, arbitrary: composed }, { weight: 1, arbitrary: fc.constantFrom(...hostile) });
}

function numberArbitrary(input: { readonly schema: JsonSchema; readonly integer: boolean }): fc.Arbitrary<number> {
  const { schema } = input;
  const min = num({ schema, keyword: 'minimum' }) ?? (num({ schema, keyword: 'exclusiveMinimum' }) !== undefined ? num({ schema, keyword: 'exclusiveMinimum' })! + (input.integer ? 1 : Number.EPSILON) : undefined);
  const max = num({ schema, keyword: 'maximum' }) ?? (num({ schema, keyword: 'exclusiveMaximum' }) !== undefined ? num({ schema, keyword: 'exclusiveMaximum' })! - (input.integer ? 1 : Number.EPSILON) : undefined);
  if (input.integer) {
    const lo = Math.ceil(min ?? Number.MIN_SAFE_INTEGER);
    const hi = Math.floor(max ?? Number.MAX_SAFE_INTEGER);
    const boundaries = [...new Set([lo, hi, 0, 1, -1].filter((v) => v >= lo && v <= hi))];
    return fc.oneof(fc.constantFrom(...boundaries), fc.bigInt({ min: BigInt(lo), max: BigInt(hi) }).map(Number));
  }
  return fc.double({ noNaN: true, noDefaultInfinity: true, min: min ?? -Number.MAX_VALUE, max: max ?? Number.MAX_VALUE });
}

function objectArbitrary(input: { readonly schema: JsonSchema; readonly depth: number }): fc.Arbitrary<Record<string, unknown>> {
  const { schema, depth } = input;
  const properties = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = new Set(Array.isArray(schema['required']) ? (schema['required'] as string[]) : []);
  // Deep optional fields are left out so nested values stay small; required ones never are.
  const keys = Object.keys(properties).filter((key) => required.has(key) || depth < MAX_DEPTH);
  const shape = Object.fromEntries(keys.map((key) => [key, arbitraryAt({ schema: properties[key]!, depth: depth + 1 })]));
  const record = fc.record(shape, { requiredKeys: keys.filter((key) => required.has(key)) });
  const extra = schema['additionalProperties'];
  if (extra === false || depth >= MAX_DEPTH || (extra === undefined && keys.length > 0)) return record;
  const values = extra === true || extra === undefined ? fc.jsonValue({ maxDepth: 2 }) : arbitraryAt({ schema: extra as JsonSchema, depth: depth + 1 });
  const free = fc.dictionary(fc.string({ maxLength: 12 }).filter((key) => !(key in properties)), values, { maxKeys: 3 });
  return fc.tuple(free, record).map(([more, fixed]) => ({ ...more, ...fixed }));
}

function typedArbitrary(input: { readonly schema: JsonSchema; readonly type: string; readonly depth: number }): fc.Arbitrary<unknown> {
  const { schema, type, depth } = input;
  switch (type) {
    case 'string':
      return textArbitrary(schema);
    case 'integer':
    case 'number':
      return numberArbitrary({ schema, integer: type === 'integer' });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minLength = num({ schema, keyword: 'minItems' }) ?? 0;
      const maxLength = Math.max(minLength, Math.min(num({ schema, keyword: 'maxItems' }) ?? VALID_ARRAY_MAX, VALID_ARRAY_MAX));
      const items = schema['items'] === undefined ? fc.jsonValue({ maxDepth: 1 }) : arbitraryAt({ schema: schema['items'] as JsonSchema, depth: depth + 1 });
      return fc.array(items, { minLength, maxLength: depth >= MAX_DEPTH ? minLength : maxLength });
    }
    default:
      return objectArbitrary({ schema, depth });
  }
}

/** A value must satisfy the parent's own keywords too (an upsert's required match key next to its variants). */
function mergeBranch(input: { readonly parent: JsonSchema; readonly branch: JsonSchema }): JsonSchema {
  const { anyOf: _anyOf, oneOf: _oneOf, ...parent } = input.parent;
  const list = (schema: JsonSchema) => (Array.isArray(schema['required']) ? (schema['required'] as string[]) : []);
  // The parent's own property schemas are the narrower ones where both name a field (a match key that must be a string).
  const properties = { ...((input.branch['properties'] ?? {}) as object), ...((parent['properties'] ?? {}) as object) };
  return { ...parent, ...input.branch, properties, required: [...new Set([...list(parent), ...list(input.branch)])] };
}

/**
 * Values that conform to `schema`, biased to boundaries (fast-check's own bias plus explicit
 * min/max/0 for integers) and to hostile text in free strings. Derived only from the schema.
 */
export function validArbitrary(schema: JsonSchema): fc.Arbitrary<unknown> {
  return arbitraryAt({ schema, depth: 0 });
}

function arbitraryAt(input: { readonly schema: JsonSchema; readonly depth: number }): fc.Arbitrary<unknown> {
  const { schema, depth } = input;
  if ('const' in schema) return fc.constant(schema['const']);
  if (Array.isArray(schema['enum'])) return fc.constantFrom(...(schema['enum'] as unknown[]));
  const branches = (schema['anyOf'] ?? schema['oneOf']) as JsonSchema[] | undefined;
  if (Array.isArray(branches)) return fc.oneof(...branches.map((branch) => arbitraryAt({ schema: mergeBranch({ parent: schema, branch }), depth: depth + 1 })));
  const types = typesOf(schema);
  if (types.length === 0) return fc.jsonValue({ maxDepth: 2 });
  return fc.oneof(...types.map((type) => typedArbitrary({ schema, type, depth })));
}
