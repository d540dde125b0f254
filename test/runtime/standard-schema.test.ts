import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { protoKeyPath, toolInputSchema, toolOutputSchema } from '../../templates/runtime/standard-schema.ts';
import { tool } from './support.ts';

const INPUT_SCHEMA = {
  type: 'object',
  properties: { id: { type: 'string', description: 'Order id.' }, limit: { type: 'integer', minimum: 1 } },
  required: ['id'],
  additionalProperties: false,
};

const getOrder = tool({
  name: 'get_order',
  http: { method: 'GET', path: '/orders/{id}', args: { id: { in: 'path', name: 'id' }, limit: { in: 'query', name: 'limit' } } },
  inputSchema: INPUT_SCHEMA,
  input: () => z.strictObject({ id: z.string(), limit: z.int().min(1).optional() }),
});

describe('toolInputSchema', () => {
  const schema = toolInputSchema(getOrder)['~standard'];

  it('identifies itself', () => expect({ version: schema.version, vendor: schema.vendor }).toStrictEqual({ version: 1, vendor: 'vendor-mcp' }));

  it('jsonSchema.input() is the generated inputSchema, unchanged', () =>
    expect(schema.jsonSchema.input({ target: 'draft-2020-12' })).toStrictEqual({
      type: 'object',
      properties: { id: { type: 'string', description: 'Order id.' }, limit: { type: 'integer', minimum: 1 } },
      required: ['id'],
      additionalProperties: false,
    }));

  it('jsonSchema.output() is the same schema', () => expect(schema.jsonSchema.output({ target: 'draft-2020-12' })).toStrictEqual(INPUT_SCHEMA));

  it('jsonSchema.input() hands out a copy, so a caller cannot change the tool', () => {
    const copy = schema.jsonSchema.input({ target: 'draft-2020-12' });
    copy['type'] = 'array';
    expect(getOrder.inputSchema['type']).toStrictEqual('object');
  });

  it.each<{ readonly name: string; readonly given: unknown; readonly want: unknown }>([
    { name: 'accepts a valid value', given: { id: 'o1', limit: 5 }, want: { value: { id: 'o1', limit: 5 } } },
    { name: 'accepts a value without optional keys', given: { id: 'o1' }, want: { value: { id: 'o1' } } },
    {
      name: 'rejects unknown keys (strict object)',
      given: { id: 'o1', extra: true },
      want: { issues: [{ code: 'unrecognized_keys', keys: ['extra'], path: [], message: 'Unrecognized key: "extra"' }] },
    },
    {
      name: 'rejects a wrong type',
      given: { id: 7 },
      want: { issues: [{ expected: 'string', code: 'invalid_type', path: ['id'], message: 'Invalid input: expected string, received number' }] },
    },
    {
      name: 'rejects a missing required key',
      given: {},
      want: { issues: [{ expected: 'string', code: 'invalid_type', path: ['id'], message: 'Invalid input: expected string, received undefined' }] },
    },
  ])('validate $name', async ({ given, want }) => expect(await schema.validate(given)).toStrictEqual(want));
});

describe('protoKeyPath', () => {
  it.each<{ readonly name: string; readonly given: unknown; readonly want: unknown }>([
    { name: 'a plain value', given: 'x', want: undefined },
    { name: 'null', given: null, want: undefined },
    { name: 'an object without it', given: { a: { b: [1, { c: 2 }] } }, want: undefined },
    { name: 'at the top', given: JSON.parse('{"__proto__":{"admin":true}}'), want: ['__proto__'] },
    { name: 'under an object and an array, the first one found', given: JSON.parse('{"a":[{"b":1},{"__proto__":1}],"c":{"__proto__":2}}'), want: ['a', 1, '__proto__'] },
  ])('$name', ({ given, want }) => expect(protoKeyPath(given)).toStrictEqual(want));
});

describe('toolInputSchema refuses before the tool validator runs', () => {
  const schema = toolInputSchema(getOrder)['~standard'];

  it('a "__proto__" key anywhere, by its path', async () =>
    expect(await schema.validate(JSON.parse('{"id":"o1","x":{"__proto__":{}}}'))).toStrictEqual({ issues: [{ message: 'Unrecognized key: "__proto__"', path: ['x', '__proto__'] }] }));

  it('arguments nested too deep, by the first three steps of their path', async () => {
    let deep: unknown = 'leaf';
    for (let level = 0; level < 40; level += 1) deep = { inner: deep };
    expect(await schema.validate({ id: 'o1', deep })).toStrictEqual({
      issues: [{ message: 'Arguments are nested more than 32 levels deep (under "deep.inner.inner…"); no tool takes that. Nothing was sent.', path: ['deep', 'inner', 'inner'] }],
    });
  });
});

describe('toolOutputSchema', () => {
  const outputSchema = { type: 'object', properties: { id: { type: 'string' }, lines: { type: 'array', items: { type: 'object', properties: { qty: { type: 'integer' } } } } } };
  const schema = toolOutputSchema({ outputSchema })['~standard'];

  it('identifies itself and lists the outputSchema, copied', () => {
    expect({ version: schema.version, vendor: schema.vendor }).toStrictEqual({ version: 1, vendor: 'vendor-mcp' });
    const listed = schema.jsonSchema.input({ target: 'draft-2020-12' });
    expect([listed, schema.jsonSchema.output({ target: 'draft-2020-12' })]).toStrictEqual([outputSchema, outputSchema]);
    listed['type'] = 'array';
    expect(outputSchema.type).toBe('object');
  });

  it('accepts a conforming value as it is', async () => {
    const value = { id: 'o1', lines: [{ qty: 2 }] };
    expect(await schema.validate(value)).toStrictEqual({ value });
  });

  it('names every value that does not conform, by pointer and path', async () =>
    expect(await schema.validate({ id: 7, lines: [{ qty: 1 }, { qty: 'two' }] })).toStrictEqual({
      issues: [
        { message: 'does not match the output schema at /id', path: ['id'] },
        { message: 'does not match the output schema at /lines/1/qty', path: ['lines', '1', 'qty'] },
      ],
    }));

  it('a field whose name holds "/" or "~" is one path step, as the object has it', async () => {
    const slashed = toolOutputSchema({ outputSchema: { type: 'object', properties: { 'a/b': { type: 'string' }, 'c~d': { type: 'string' }, 'e~1f': { type: 'string' } } } })['~standard'];
    expect(await slashed.validate({ 'a/b': 1, 'c~d': 2, 'e~1f': 3 })).toStrictEqual({
      issues: [
        { message: 'does not match the output schema at /a~1b', path: ['a/b'] },
        { message: 'does not match the output schema at /c~0d', path: ['c~d'] },
        { message: 'does not match the output schema at /e~01f', path: ['e~1f'] },
      ],
    });
  });

  it('a value that is not an object at all is named at the root', async () =>
    expect(await schema.validate([] as never)).toStrictEqual({ issues: [{ message: 'does not match the output schema at /', path: [] }] }));
});
