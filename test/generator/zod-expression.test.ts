import { describe, expect, it } from 'vitest';
import { layout } from '../../generator/emit/ts/code-layout.ts';
import { zodExpression } from '../../generator/emit/ts/zod-expression.ts';
import type { JsonSchema } from '../../generator/ir/types.ts';
import { knownKeysOnly } from '../../templates/runtime/known-keys.ts';
import { z } from '../../templates/runtime/zod-builder.ts';

describe('JSON Schema → zod source', () => {
  it.each([
    { given: { type: 'string', minLength: 1, maxLength: 5 }, want: 'z.string().min(1).max(5)' },
    { given: { type: 'integer', minimum: 0, maximum: 200 }, want: 'z.int().gte(0).lte(200)' },
    { given: { type: ['string', 'null'] }, want: 'z.string().nullable()' },
    { given: { enum: ['a', 'b'] }, want: 'z.enum(["a", "b"])' },
    { given: { enum: [1, null] }, want: 'z.union([z.literal(1), z.null()])' },
    { given: { const: 'x' }, want: 'z.literal("x")' },
    { given: { type: 'object', enum: [{}] }, want: 'z.looseObject({})' },
    { given: { type: 'array', items: { type: 'string' }, const: ['a'] }, want: 'z.array(z.string())' },
    { given: { type: 'object', properties: { 'a"b': { type: 'boolean' } }, required: ['a"b'], additionalProperties: false }, want: 'z.strictObject({\n  "a\\"b": z.boolean(),\n})' },
    { given: { type: 'object', additionalProperties: { type: 'number' } }, want: 'z.record(z.string(), z.number())' },
    { given: { anyOf: [{ type: 'string' }, { type: 'integer' }] }, want: 'z.union([z.string(), z.int()])' },
    { given: {}, want: 'z.unknown()' },
    { given: { type: 'string', format: 'email', maxLength: 80 }, want: 'z.email().max(80)' },
    { given: { type: ['string', 'null'], format: 'uri' }, want: 'z.string().regex(new RegExp("^[A-Za-z][A-Za-z0-9+.-]*:[^\\\\s\\\\u0000-\\\\u001f\\\\u007f]*$"), "Expected an absolute URI such as https://example.com/path, with no spaces").pipe(z.url()).nullable()' },
    { given: { type: 'string', format: 'uri', maxLength: 300 }, want: 'z.string().regex(new RegExp("^[A-Za-z][A-Za-z0-9+.-]*:[^\\\\s\\\\u0000-\\\\u001f\\\\u007f]*$"), "Expected an absolute URI such as https://example.com/path, with no spaces").max(300).pipe(z.url())' },
    { given: { type: 'string', format: 'date' }, want: 'z.iso.date()' },
    { given: { type: 'string', format: 'date-time' }, want: 'z.iso.datetime({ offset: true })' },
    { given: { type: 'string', format: 'password' }, want: 'z.string()' },
    // Named fields and nothing said of others: closed, as the root is (the doc must open it itself).
    { given: { type: 'object', properties: { a: { type: 'integer' }, b: { type: 'string' } }, required: ['a'] }, want: 'z.strictObject({\n  "a": z.int(),\n  "b": z.string().optional(),\n})' },
    { given: { type: 'object', properties: { a: { type: 'integer' } }, additionalProperties: true }, want: 'z.looseObject({\n  "a": z.int().optional(),\n})' },
    { given: { type: 'object', properties: { a: { type: 'integer' } }, additionalProperties: { type: 'string' } }, want: 'z.object({\n  "a": z.int().optional(),\n}).catchall(z.string())' },
    { given: { type: 'object' }, want: 'z.looseObject({})' },
    { given: { type: 'object', properties: {} }, want: 'z.looseObject({})' },
    { given: { type: 'object', properties: { a: { type: 'integer' } }, patternProperties: { '^x-': {} } }, want: 'z.looseObject({\n  "a": z.int().optional(),\n}).superRefine(knownKeysOnly({\n  known: [\n    "a"\n  ],\n  allowed: [\n    "^x-"\n  ],\n}))' },
    { given: { type: 'string', format: 'uuid' }, want: 'z.string().regex(\n  new RegExp("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"),\n  "Expected a UUID such as 123e4567-e89b-12d3-a456-426614174000",\n)' },
  ])('$want', ({ given, want }) => expect(layout(zodExpression(given))).toBe(want));
});

/** The emitted source run against zod itself (what a generated tool module does at its first call). */
function built(schema: JsonSchema): { safeParse(value: unknown): { success: boolean } } {
  return new Function('z', 'knownKeysOnly', `return ${layout(zodExpression(schema))};`)(z, knownKeysOnly) as { safeParse(value: unknown): { success: boolean } };
}

describe('the emitted checks, run', () => {
  it.each([
    ['https://example.com/a?b=c#d', true],
    ['mailto:x@example.com', true],
    ['urn:isbn:0451450523', true],
    ['https://example.com/é', true],
    // Found by the fuzz campaign of seed 78: zod's url() trims, and the URL parser drops the newline.
    ['\r\nX-Injected: 1', false],
    ['X-Injected: 1', false],
    [' https://example.com', false],
    ['https://example.com/a b', false],
    ['https://example.com/\ta', false],
    ['https://example.com/\u0000', false],
    ['https://example.com/\u007f', false],
    ['example.com/path', false],
    ['1http://example.com', false],
    ['', false],
  ])('format uri: %j → %s', (value, accepted) => {
    expect(built({ type: 'string', format: 'uri' }).safeParse(value).success).toBe(accepted);
  });

  it('refuses a key a nested object does not name, the empty key included, and takes the named ones', () => {
    const schema = built({ type: 'object', properties: { dates: { type: 'object', properties: { from: { type: 'string' } } } } });
    expect(schema.safeParse({ dates: { from: 'x' } }).success).toBe(true);
    expect(schema.safeParse({ dates: { '': 0 } }).success).toBe(false);
    expect(schema.safeParse({ dates: { from: 'x', id: 'y' } }).success).toBe(false);
    expect(schema.safeParse({ dates: {}, other: 1 }).success).toBe(false);
  });

  it('keeps an object with no named fields, or one the doc opens, free-form', () => {
    expect(built({ type: 'object' }).safeParse({ anything: [1] }).success).toBe(true);
    expect(built({ type: 'object', properties: { a: { type: 'string' } }, additionalProperties: true }).safeParse({ a: 'x', b: 1 }).success).toBe(true);
  });
});
