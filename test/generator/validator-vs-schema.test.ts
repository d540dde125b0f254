import fc from 'fast-check';
import { describe, it } from 'vitest';
import { layout } from '../../generator/emit/ts/code-layout.ts';
import { zodExpression } from '../../generator/emit/ts/zod-expression.ts';
import type { JsonSchema } from '../../generator/ir/types.ts';
import { asJson, oneEditAway } from '../../scripts/fuzz/one-edit.ts';
import { validArbitrary } from '../../scripts/fuzz/schema-arbitrary.ts';
import { formatAwareAjv } from '../../scripts/simulator/schema-validator.ts';
import { distinctItems, propertyCount, requiredKeys } from '../../templates/runtime/json-schema-checks.ts';
import { knownKeysOnly } from '../../templates/runtime/known-keys.ts';
import { z } from '../../templates/runtime/zod-builder.ts';

/**
 * A tool's validator is never looser than the input schema it lists: whatever the emitted zod
 * accepts, the doc-validating simulator's ajv accepts against that schema. By property, over
 * random schemas of every keyword the IR keeps (types, bounds, formats, patterns, enums, nested
 * objects open and closed, anyOf, oneOf, uniqueItems, property counts) and values valid for them,
 * values one edit away (a key added or dropped, an item repeated, a character spliced in, a number
 * moved) and arbitrary JSON. The validator may refuse more (nested objects are closed unless the doc
 * opens them), never less. The grammar holds what the corpus run showed
 * (scripts/fuzz/validator-corpus.ts): keywords with no `type`, an enum its own type refuses, `required`
 * alone in a `oneOf` member. (`multipleOf` is left out: zod's remainder forgives float error, so
 * 0.3 is a multiple of 0.1 and -1e-323 one of 2, where ajv's plain division says no.) Found this way: `oneOf` checked as `anyOf`, `uniqueItems` and
 * `minProperties`/`maxProperties` listed but not enforced.
 */

const hasUnsafeInteger = (value: unknown): boolean =>
  typeof value === 'number' ? Number.isInteger(value) && !Number.isSafeInteger(value) : typeof value === 'object' && value !== null && Object.values(value).some(hasUnsafeInteger);

type Check = { safeParse(value: unknown): { success: boolean } };

function emitted(schema: JsonSchema): Check {
  return new Function('z', 'knownKeysOnly', 'distinctItems', 'propertyCount', 'requiredKeys', `return ${layout(zodExpression(schema))};`)(z, knownKeysOnly, distinctItems, propertyCount, requiredKeys) as Check;
}

const NAMES = ['a', 'b', 'kind', 'x-y'];

const leaf: fc.Arbitrary<JsonSchema> = fc.oneof(
  fc.record({ type: fc.constant('string'), minLength: fc.option(fc.nat(3), { nil: undefined }), maxLength: fc.option(fc.integer({ min: 3, max: 8 }), { nil: undefined }), format: fc.option(fc.constantFrom('email', 'uri', 'date', 'date-time', 'uuid'), { nil: undefined }), pattern: fc.option(fc.constantFrom('^[a-z]+$', '\\d'), { nil: undefined }) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constantFrom('integer', 'number'), minimum: fc.option(fc.integer({ min: -5, max: 0 }), { nil: undefined }), maximum: fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }), exclusiveMinimum: fc.option(fc.constant(-6), { nil: undefined }) }, { requiredKeys: ['type'] }),
  fc.constant({ type: 'boolean' }),
  fc.constant({ type: ['string', 'null'] }),
  fc.record({ enum: fc.uniqueArray(fc.oneof(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 0, max: 3 }), fc.constant(null)), { minLength: 1, maxLength: 3 }) }),
  fc.record({ const: fc.constantFrom('a', 1, true) }),
  // A constant or enum its own type refuses (wowza.com's `type: string`, `enum: [2, 4]`).
  fc.record({ type: fc.constantFrom('string', 'integer'), enum: fc.uniqueArray(fc.oneof(fc.constantFrom('a', 'b'), fc.integer({ min: 0, max: 3 }), fc.constant(1.5)), { minLength: 1, maxLength: 3 }) }),
  fc.record({ type: fc.constant('string'), const: fc.constantFrom('a', 2) }),
  // Keywords with no type (azure.com's `tags`: additionalProperties alone), and `required` alone (a oneOf member).
  fc.record({ additionalProperties: fc.constantFrom({ type: 'string' }, false) }),
  fc.record({ required: fc.subarray(NAMES, { minLength: 1 }) }),
  fc.record({ maxLength: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ minimum: fc.integer({ min: 0, max: 3 }) }),
);

const schemas = fc.letrec<{ node: JsonSchema }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({ type: fc.constant('array'), items: tie('node'), minItems: fc.option(fc.nat(2), { nil: undefined }), maxItems: fc.option(fc.integer({ min: 2, max: 4 }), { nil: undefined }), uniqueItems: fc.option(fc.boolean(), { nil: undefined }) }, { requiredKeys: ['type', 'items'] }),
    fc
      .record(
        {
          properties: fc.dictionary(fc.constantFrom(...NAMES), tie('node'), { maxKeys: 3 }),
          additionalProperties: fc.option(fc.oneof(fc.boolean(), leaf), { nil: undefined }),
          minProperties: fc.option(fc.nat(2), { nil: undefined }),
          maxProperties: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
          requiredCount: fc.nat(3),
        },
        { requiredKeys: ['properties', 'requiredCount'] },
      )
      .map(({ requiredCount, ...rest }) => ({ type: 'object', ...rest, required: Object.keys(rest.properties).slice(0, requiredCount) })),
    fc.record({ anyOf: fc.array(tie('node'), { minLength: 2, maxLength: 3 }) }),
    fc.record({ oneOf: fc.array(tie('node'), { minLength: 2, maxLength: 3 }) }),
  ),
})).node;

const cases = schemas.chain((schema) => {
  const valid = validArbitrary(schema as never);
  return fc.tuple(fc.constant(schema), fc.oneof(valid, valid.chain((value) => fc.constantFrom(...oneEditAway(value))), fc.jsonValue({ maxDepth: 2 })));
});

describe('the emitted validator is never looser than the schema it lists', () => {
  it('whatever zod accepts, ajv (with the simulator’s formats) accepts', () => {
    const ajv = formatAwareAjv();
    fc.assert(
      fc.property(cases, ([schema, generated]) => {
        const value = asJson(generated);
        // zod refuses integers past 2^53 - 1, which JSON Schema takes; inside a oneOf that stricter member can flip a count.
        if (hasUnsafeInteger(value)) return true;
        if (!emitted(schema).safeParse(value).success) return true;
        return ajv.validate(schema, value) === true;
      }),
      { numRuns: 4000, seed: 19 },
    );
  });
});
