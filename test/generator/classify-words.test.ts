import { describe, expect, it } from 'vitest';
import { classifyOperation, listPointer } from '../../generator/ir/from-openapi/classify-operation.ts';

const root = {};

describe('the word lists match whole words only', () => {
  const classify = (path: string) => classifyOperation({ path, httpMethod: 'POST', operation: {}, root });

  it.each([
    ['/papers/research', { resource: 'papers_research', method: 'create' }],
    ['/orders/undelete', { resource: 'orders_undelete', method: 'create' }],
    ['/orders/deleted', { resource: 'orders_deleted', method: 'create' }],
  ])('POST %s is no read and no bulk delete', (path, expected) => expect(classify(path)).toStrictEqual(expected));

  it.each(['bulkdelete', 'deletemany', 'batchdelete', 'bulkremove', 'massdelete'])('POST /orders/%s deletes many, written without an underscore', (word) => {
    expect(classify(`/orders/${word}`)).toStrictEqual({ resource: 'orders', method: 'bulk_delete', methodClass: 'write', destructive: true });
  });

  it.each(['data', 'items', 'results', 'records', 'entries', 'list', 'rows', 'hits', 'values', 'objects', 'nodes', 'edges'])('an array named %s is the list', (name) => {
    expect(listPointer({ root, schema: { type: 'object', properties: { [name]: { type: 'array' } } } })).toBe(`/${name}`);
  });

  it.each([
    ['totalcount', '/runs'],
    ['hasmore', '/runs'],
    ['nextcursor', '/runs'],
    ['nextpage', '/runs'],
    ['grand_total', undefined],
  ])('a paging field %s beside one array → %s', (field, expected) => {
    expect(listPointer({ root, schema: { type: 'object', properties: { [field]: {}, runs: { type: 'array' } } } })).toBe(expected);
  });
});
