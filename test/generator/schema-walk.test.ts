import { describe, expect, it } from 'vitest';
import { walkSchema } from '../../generator/lint/schema-walk.ts';
import type { JsonSchema } from '../../generator/ir/types.ts';

function pointers(schema: JsonSchema, at = '/inputSchema'): string[] {
  const found: string[] = [];
  walkSchema({ schema, at, visit: (_node, pointer) => found.push(pointer()) });
  return found;
}

describe('walkSchema: every schema node with its JSON pointer, joined when asked for', () => {
  it('a leaf: the root only, at the given pointer', () => expect(pointers({ type: 'string' })).toStrictEqual(['/inputSchema']));

  it('the root at the document root', () => expect(pointers({ items: { type: 'string' } }, '')).toStrictEqual(['', '/items']));

  it('one schema keywords, lists by index, named maps by escaped name, nested, in order; data such as enum or default is not a schema', () => {
    const schema: JsonSchema = {
      type: 'object',
      items: { type: 'string' },
      anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'integer' } }],
      properties: { 'a/b~c': { type: 'object', properties: { inner: { type: 'string' } } }, plain: { default: { type: 'string' }, enum: [{ type: 'x' }] } },
      additionalProperties: false,
    };
    expect(pointers(schema)).toStrictEqual([
      '/inputSchema',
      '/inputSchema/items',
      '/inputSchema/anyOf/0',
      '/inputSchema/anyOf/1',
      '/inputSchema/anyOf/1/items',
      '/inputSchema/properties/a~1b~0c',
      '/inputSchema/properties/a~1b~0c/properties/inner',
      '/inputSchema/properties/plain',
    ]);
  });

  it('a subtree shared in two places gets each place\'s pointer', () => {
    const shared: JsonSchema = { type: 'object', properties: { id: { type: 'string' } } };
    expect(pointers({ properties: { a: shared, b: { items: shared } } })).toStrictEqual([
      '/inputSchema',
      '/inputSchema/properties/a',
      '/inputSchema/properties/a/properties/id',
      '/inputSchema/properties/b',
      '/inputSchema/properties/b/items',
      '/inputSchema/properties/b/items/properties/id',
    ]);
  });
});
