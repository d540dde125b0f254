import { describe, expect, it } from 'vitest';
import { layout } from '../../generator/emit/ts/code-layout.ts';
import { zodExpression } from '../../generator/emit/ts/zod-expression.ts';

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
    { given: { type: ['string', 'null'], format: 'uri' }, want: 'z.url().nullable()' },
    { given: { type: 'string', format: 'date' }, want: 'z.iso.date()' },
    { given: { type: 'string', format: 'date-time' }, want: 'z.iso.datetime({ offset: true })' },
    { given: { type: 'string', format: 'password' }, want: 'z.string()' },
    { given: { type: 'object', properties: { a: { type: 'integer' }, b: { type: 'string' } }, required: ['a'] }, want: 'z.looseObject({\n  "a": z.int(),\n  "b": z.string().optional(),\n})' },
    { given: { type: 'string', format: 'uuid' }, want: 'z.string().regex(\n  new RegExp("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"),\n  "Expected a UUID such as 123e4567-e89b-12d3-a456-426614174000",\n)' },
  ])('$want', ({ given, want }) => expect(layout(zodExpression(given))).toBe(want));
});
