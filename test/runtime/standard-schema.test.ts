import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { toolInputSchema } from '../../templates/runtime/standard-schema.ts';
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
