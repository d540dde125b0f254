import { describe, expect, it } from 'vitest';
import { layout } from '../../generator/emit/ts/code-layout.ts';
import { zodExpression } from '../../generator/emit/ts/zod-expression.ts';
import type { JsonSchema } from '../../generator/ir/types.ts';
import { distinctItems, propertyCount, requiredKeys } from '../../templates/runtime/json-schema-checks.ts';
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
    // zod literals are primitives: the IR refuses an object or array value its type admits
    // (VMCP_ENUM_VALUE_UNSUPPORTED), so one that gets here (an allOf member's type refused it) matches nothing.
    { given: { type: 'object', enum: [{}] }, want: 'z.never()' },
    { given: { type: 'array', items: { type: 'string' }, const: ['a'] }, want: 'z.never()' },
    { given: { type: 'string', enum: ['all', 'none', ['p1', 'p2']] }, want: 'z.enum(["all", "none"])' },
    { given: { enum: [{ a: 1 }, 's', null] }, want: 'z.union([z.literal("s"), z.null()])' },
    { given: { type: 'object', properties: { 'a"b': { type: 'boolean' } }, required: ['a"b'], additionalProperties: false }, want: 'z.strictObject({\n  "a\\"b": z.boolean(),\n})' },
    { given: { type: 'object', additionalProperties: { type: 'number' } }, want: 'z.record(z.string(), z.number())' },
    { given: { anyOf: [{ type: 'string' }, { type: 'integer' }] }, want: 'z.union([z.string(), z.int()])' },
    { given: { oneOf: [{ type: 'string' }, { type: 'integer' }] }, want: 'z.xor([z.string(), z.int()])' },
    { given: { oneOf: [{ type: 'string' }] }, want: 'z.string()' },
    { given: { anyOf: [{ type: 'string' }, { type: 'null' }], oneOf: [{ enum: ['a'] }, { enum: ['b'] }] }, want: 'z.union([z.string(), z.null()]).and(z.xor([z.enum(["a"]), z.enum(["b"])]))' },
    // Fields beside a composition, and its members, stay open: a member may name only what tells it apart.
    { given: { anyOf: [{ type: 'object', properties: { kind: { const: 'a' } }, additionalProperties: false }, { type: 'object', properties: { kind: { const: 'b' }, x: { type: 'object', properties: { y: { type: 'string' } } } } }] }, want: 'z.union([\n  z.strictObject({\n    "kind": z.literal("a").optional(),\n  }),\n  z.looseObject({\n    "kind": z.literal("b").optional(),\n    "x": z.looseObject({\n      "y": z.string().optional(),\n    }).optional(),\n  }),\n])' },
    { given: { type: 'array', items: { type: 'string' }, maxItems: 3, uniqueItems: true }, want: 'z.array(z.string()).max(3).superRefine(distinctItems())' },
    { given: { type: 'array', items: { type: 'string' }, uniqueItems: false }, want: 'z.array(z.string())' },
    { given: { type: 'object', properties: { a: { type: 'string' } }, minProperties: 1 }, want: 'z.strictObject({\n  "a": z.string().optional(),\n}).superRefine(propertyCount({\n  min: 1,\n}))' },
    { given: { type: 'object', additionalProperties: { type: 'number' }, minProperties: 0, maxProperties: 2 }, want: 'z.record(z.string(), z.number()).superRefine(propertyCount({\n  min: 0,\n  max: 2,\n}))' },
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
  return new Function('z', 'knownKeysOnly', 'distinctItems', 'propertyCount', 'requiredKeys', `return ${layout(zodExpression(schema))};`)(z, knownKeysOnly, distinctItems, propertyCount, requiredKeys) as { safeParse(value: unknown): { success: boolean } };
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

describe('the emitted checks of keywords zod lacks, run', () => {
  it('uniqueItems: the same JSON value twice is refused, whatever its key order; different values pass', () => {
    const list = built({ type: 'array', items: {}, uniqueItems: true });
    expect(list.safeParse([]).success).toBe(true);
    expect(list.safeParse([1]).success).toBe(true);
    expect(list.safeParse([1, '1', [1], { a: 1 }, null]).success).toBe(true);
    expect(list.safeParse([1, 2, 1]).success).toBe(false);
    expect(list.safeParse([{ a: 1, b: [2] }, { b: [2], a: 1 }]).success).toBe(false);
    expect(list.safeParse([0, -0]).success).toBe(false);
  });

  it('minProperties and maxProperties: exactly at each bound passes, one past it is refused', () => {
    const record = built({ type: 'object', additionalProperties: { type: 'integer' }, minProperties: 1, maxProperties: 2 });
    expect(record.safeParse({}).success).toBe(false);
    expect(record.safeParse({ a: 1 }).success).toBe(true);
    expect(record.safeParse({ a: 1, b: 2 }).success).toBe(true);
    expect(record.safeParse({ a: 1, b: 2, c: 3 }).success).toBe(false);
  });

  it('oneOf: a value two members accept is refused, one member’s value passes; anyOf takes both', () => {
    const members = [{ type: 'string' }, { type: 'string', maxLength: 3 }];
    expect(built({ oneOf: members }).safeParse('abcd').success).toBe(true);
    expect(built({ oneOf: members }).safeParse('abc').success).toBe(false);
    expect(built({ anyOf: members }).safeParse('abc').success).toBe(true);
  });

  it('a member of a composition names only what tells it apart: the fields beside it still pass', () => {
    const variant = built({ type: 'object', properties: { kind: { type: 'string' }, size: { type: 'integer' } }, oneOf: [{ properties: { kind: { const: 'a' } }, required: ['kind'] }, { properties: { kind: { const: 'b' } }, required: ['kind'] }] });
    expect(variant.safeParse({ kind: 'a', size: 1 }).success).toBe(true);
    expect(variant.safeParse({ kind: 'c', size: 1 }).success).toBe(false);
  });

  it('keywords with no type check only values of their type; `required` alone still requires', () => {
    const tags = built({ additionalProperties: { type: 'string' } });
    expect(tags.safeParse({ a: 'x' }).success).toBe(true);
    expect(tags.safeParse({ '': 0 }).success).toBe(false);
    expect(tags.safeParse('x').success).toBe(true);
    const member = built({ oneOf: [{ required: ['a'] }, { type: 'string' }] });
    expect(member.safeParse({ a: 1 }).success).toBe(true);
    expect(member.safeParse({}).success).toBe(false);
    expect(member.safeParse('x').success).toBe(false);
  });

  it('a required name the properties leave out is required and allowed, where the doc closed nothing', () => {
    const object = built({ type: 'object', properties: { a: { type: 'string' } }, required: ['a', 'b'] });
    expect(object.safeParse({ a: 'x', b: 1 }).success).toBe(true);
    expect(object.safeParse({ a: 'x' }).success).toBe(false);
    expect(object.safeParse({ a: 'x', b: 1, c: 2 }).success).toBe(false);
  });

  it('an enum or constant its own type refuses takes nothing', () => {
    expect(built({ type: 'string', enum: [2, 4] }).safeParse(2).success).toBe(false);
    expect(built({ type: 'string', enum: [2, 'a'] }).safeParse('a').success).toBe(true);
    expect(built({ type: 'string', enum: [2, 'a'] }).safeParse(2).success).toBe(false);
    expect(built({ type: 'integer', enum: [1, 1.5] }).safeParse(1.5).success).toBe(false);
    expect(built({ type: 'string', const: 2 }).safeParse(2).success).toBe(false);
  });
});
