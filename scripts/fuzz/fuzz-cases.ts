import fc from 'fast-check';
import { HOSTILE_TEXT, URL_HOSTILE } from './hostile-text.ts';
import { validArbitrary, type JsonSchema } from './schema-arbitrary.ts';

export type CaseKind =
  | 'valid'
  | 'omit-required'
  | 'wrong-type'
  | 'null'
  | 'extra-key'
  | 'oversize'
  | 'extreme-number'
  | 'non-object'
  | 'hostile-text'
  | 'url-hostile';

/** One `tools/call`: `args` is what goes in `params.arguments`, which need not be an object. */
export type FuzzCase = { readonly kind: CaseKind; readonly args: unknown };

export type ToolUnderFuzz = {
  readonly name: string;
  readonly inputSchema: JsonSchema;
  /** Arguments that end up in the URL (path or query) or a header. */
  readonly urlArgs: readonly string[];
};

const EXTREME_NUMBERS = [Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, -0, 2 ** 53, 2 ** 53 + 2, -(2 ** 63), 2 ** 64, 1e21, 1.5, -1, 0, 0.1];
const NON_OBJECTS: unknown[] = [null, 0, -1, 3.14, '', 'text', '{"id":"x"}', true, false, [], [{}], [1, 2], [null]];
const EXTRA_KEYS = ['__proto__', 'constructor', 'prototype', 'x-unknown', '', ' ', 'id ', 'ID', '$ref', '\u200B', 'dry_run_'];

const propertiesOf = (schema: JsonSchema): Record<string, JsonSchema> => (schema['properties'] ?? {}) as Record<string, JsonSchema>;
const requiredOf = (schema: JsonSchema): string[] => (Array.isArray(schema['required']) ? (schema['required'] as string[]) : []);

/** A value of some JSON type, for putting where another type belongs. */
const anyTyped = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 }),
);

/** A computed `__proto__` key is an own property here, as it is when the server parses the JSON. */
function withKey(input: { readonly base: unknown; readonly key: string; readonly value: unknown }): Record<string, unknown> {
  const base = (typeof input.base === 'object' && input.base !== null && !Array.isArray(input.base) ? input.base : {}) as Record<string, unknown>;
  return { ...base, [input.key]: input.value };
}

function without(input: { readonly base: unknown; readonly key: string }): Record<string, unknown> {
  const copy = { ...(input.base as Record<string, unknown>) };
  delete copy[input.key];
  return copy;
}

/** Every kind of call for one tool, derived only from its input schema and which arguments reach the URL. */
export function fuzzCaseArbitrary(tool: ToolUnderFuzz): fc.Arbitrary<FuzzCase> {
  const valid = validArbitrary(tool.inputSchema);
  const keys = Object.keys(propertiesOf(tool.inputSchema));
  const required = requiredOf(tool.inputSchema);
  const stringKeys = keys.filter((key) => JSON.stringify(propertiesOf(tool.inputSchema)[key]?.['type'] ?? '').includes('string'));
  const numberKeys = keys.filter((key) => /integer|number/.test(JSON.stringify(propertiesOf(tool.inputSchema)[key]?.['type'] ?? '')));
  const pickKey = (from: readonly string[]) => fc.constantFrom(...from);
  const replacing = (input: { readonly kind: CaseKind; readonly from: readonly string[]; readonly value: fc.Arbitrary<unknown> }) =>
    fc.tuple(valid, pickKey(input.from), input.value).map(([base, key, value]): FuzzCase => ({ kind: input.kind, args: withKey({ base, key, value }) }));

  const cases: fc.WeightedArbitrary<FuzzCase>[] = [
    { weight: 6, arbitrary: valid.map((args) => ({ kind: 'valid' as const, args })) },
    { weight: 1, arbitrary: fc.constantFrom(...NON_OBJECTS).map((args) => ({ kind: 'non-object' as const, args })) },
    { weight: 1, arbitrary: fc.tuple(valid, fc.oneof(fc.constantFrom(...EXTRA_KEYS), fc.string({ maxLength: 10 })), anyTyped).filter(([, key]) => !keys.includes(key)).map(([base, key, value]) => ({ kind: 'extra-key' as const, args: withKey({ base, key, value }) })) },
  ];
  if (required.length > 0) cases.push({ weight: 2, arbitrary: fc.tuple(valid, pickKey(required)).map(([base, key]) => ({ kind: 'omit-required' as const, args: without({ base, key }) })) });
  if (keys.length > 0) {
    cases.push({ weight: 2, arbitrary: replacing({ kind: 'wrong-type', from: keys, value: anyTyped }) });
    cases.push({ weight: 1, arbitrary: replacing({ kind: 'null', from: keys, value: fc.constant(null) }) });
    const oversize = fc.oneof(
      fc.integer({ min: 10_000, max: 300_000 }).map((n) => 'A'.repeat(n)),
      fc.integer({ min: 1_000, max: 20_000 }).map((n) => '\u{1F600}'.repeat(n)),
      fc.integer({ min: 1_000, max: 50_000 }).map((n) => Array.from({ length: n }, (_, i) => i)),
      fc.integer({ min: 200, max: 2_000 }).map((n) => Array.from({ length: n }, () => ({ id: 'x'.repeat(40) }))),
      fc.integer({ min: 50, max: 120 }).map((depth) => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown),
    );
    cases.push({ weight: 1, arbitrary: replacing({ kind: 'oversize', from: keys, value: oversize }) });
  }
  if (numberKeys.length > 0) cases.push({ weight: 1, arbitrary: replacing({ kind: 'extreme-number', from: numberKeys, value: fc.constantFrom(...EXTREME_NUMBERS) }) });
  if (stringKeys.length > 0) cases.push({ weight: 1, arbitrary: replacing({ kind: 'hostile-text', from: stringKeys, value: fc.constantFrom(...HOSTILE_TEXT) }) });
  const urlStringKeys = tool.urlArgs.filter((key) => keys.includes(key));
  if (urlStringKeys.length > 0) {
    const urlValue = fc.oneof(fc.constantFrom(...URL_HOSTILE), fc.tuple(fc.constantFrom(...URL_HOSTILE), fc.uuid(), fc.constantFrom(...URL_HOSTILE)).map((parts) => parts.join('')));
    cases.push({ weight: 3, arbitrary: replacing({ kind: 'url-hostile', from: urlStringKeys, value: urlValue }) });
  }
  return fc.oneof(...cases);
}
