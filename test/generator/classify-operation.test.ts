import { describe, expect, it } from 'vitest';
import { classifyOperation, deref, listPointer, propertiesOf, successSchema } from '../../generator/ir/from-openapi/classify-operation.ts';
import type { HttpMethod } from '../../generator/ir/types.ts';

const root = {
  components: {
    schemas: {
      'a/b': { type: 'string' },
      '{id}': { type: 'integer' },
      'x~y': { type: 'boolean' },
      Base: { type: 'object', properties: { id: { type: 'string' } } },
      Page: { type: 'object', properties: { total: { type: 'integer' }, widgets: { type: 'array' } } },
      Loop: { $ref: '#/components/schemas/Loop' },
      Ok: { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Base' } } } },
    },
  },
};
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe('deref and propertiesOf', () => {
  it('follows local refs with escaped and percent-encoded tokens', () => {
    expect(deref(root, { $ref: '#/components/schemas/a~1b' })).toStrictEqual({ type: 'string' });
    expect(deref(root, { $ref: '#/components/schemas/%7Bid%7D' })).toStrictEqual({ type: 'integer' });
    expect(deref(root, { $ref: '#/components/schemas/x~0y' })).toStrictEqual({ type: 'boolean' });
    // a broken percent-encoding is read as it is
    expect(deref({ '%zz': 1 }, { $ref: '#/%zz' })).toBe(1);
  });

  it('leaves non-local refs, non-objects and missing targets alone', () => {
    expect(deref(root, { $ref: 'other.yaml#/x' })).toStrictEqual({ $ref: 'other.yaml#/x' });
    expect(deref(root, { $ref: 7 })).toStrictEqual({ $ref: 7 });
    expect(deref(root, 'text')).toBe('text');
    expect(deref(root, { $ref: '#/components/nothing/here' })).toBeUndefined();
    expect(deref('scalar', { $ref: '#/a' })).toBeUndefined();
  });

  it('gives up on a cycle after 8 hops', () => {
    expect(deref(root, ref('Loop'))).toStrictEqual(ref('Loop'));
    const chain = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`s${i}`, i === 8 ? { end: true } : { $ref: `#/s${i + 1}` }]));
    expect(deref(chain, { $ref: '#/s1' })).toStrictEqual({ end: true });
    expect(deref(chain, { $ref: '#/s0' })).toStrictEqual({ $ref: '#/s8' });
  });

  it('properties of a schema and of its allOf members, the schema last', () => {
    expect(propertiesOf(root, { allOf: [ref('Base'), { properties: { id: { type: 'integer' }, n: {} } }, 'x'], properties: { own: {} } })).toStrictEqual({ id: { type: 'integer' }, n: {}, own: {} });
    expect(propertiesOf(root, { properties: 'x' })).toStrictEqual({});
  });
});

describe('successSchema and listPointer', () => {
  const op = (responses: unknown) => successSchema({ root, operation: { responses } });

  it('the JSON schema of the lowest 2xx response', () => {
    expect(op({ '201': { content: { 'application/json': { schema: { type: 'string' } } } }, '200': ref('Ok'), default: {} })).toStrictEqual(root.components.schemas.Base);
    expect(op({ '299': { content: { 'text/plain': { schema: {} }, 'application/vnd+json': { schema: { type: 'array' } } } } })).toStrictEqual({ type: 'array' });
    expect(op({ '300': ref('Ok'), '2000': ref('Ok'), '2xx': ref('Ok') })).toBeUndefined();
    expect(op({ '200': { content: { 'text/plain': { schema: { type: 'string' } } } } })).toBeUndefined();
    expect(op({ '200': { content: { 'application/json': { schema: 'x' } } } })).toBeUndefined();
    expect(op({ '200': { description: 'no content' } })).toBeUndefined();
    expect(op('x')).toBeUndefined();
  });

  it.each([
    [undefined, undefined, undefined],
    [{ type: 'array' }, undefined, ''],
    [{ type: 'object', properties: { data: { type: 'array' }, items: { type: 'array' } } }, undefined, '/data'],
    [{ type: 'object', properties: { nodes: { type: 'array' }, edges: { type: 'array' } } }, undefined, '/nodes'],
    [{ type: 'object', properties: { data: { type: 'object' } } }, undefined, undefined],
    [{ type: 'object', properties: { teamMembers: { type: 'array' } } }, 'team_members', '/teamMembers'],
    [{ type: 'object', properties: { members: { type: 'array' } } }, 'groups', undefined],
    [ref('Page'), undefined, undefined],
    [root.components.schemas.Page, undefined, '/widgets'],
    [{ properties: { has_more: {}, a: { type: 'array' }, b: { type: 'array' } } }, undefined, undefined],
    [{ properties: { hasMore: {}, a: ref('Page') } }, undefined, undefined],
    [{ properties: { NEXT_CURSOR: {}, runs: { type: 'array' } } }, undefined, '/runs'],
    [{ properties: { next_cursors: {}, runs: { type: 'array' } } }, undefined, undefined],
    [{ allOf: [{ properties: { results: { type: 'array' } } }] }, undefined, '/results'],
  ])('list in %j (collection %s) → %s', (schema, collection, expected) => {
    expect(listPointer({ root, schema: schema as Record<string, unknown> | undefined, ...(collection ? { collection } : {}) })).toBe(expected);
  });
});

describe('classifyOperation', () => {
  const classify = (httpMethod: HttpMethod, path: string, operation: Record<string, unknown> = {}) => classifyOperation({ path, httpMethod, operation, root });

  it.each([
    ['/shipments/search', { resource: 'shipments', method: 'search', methodClass: 'read', classReason: 'POST /shipments/search runs a query: it returns data and changes nothing' }],
    ['/query', { resource: 'query', method: 'query', methodClass: 'read', classReason: 'POST /query runs a query: it returns data and changes nothing' }],
    ['/orders/count', { resource: 'orders', method: 'count', methodClass: 'read', classReason: 'POST /orders/count is a count: it returns data and changes nothing' }],
    ['/orders/{id}/search', { resource: 'orders', method: 'search', methodClass: 'read', classReason: 'POST /orders/{id}/search runs a query: it returns data and changes nothing' }],
    ['/orders/searches', { resource: 'orders_search', method: 'create' }],
    ['/orders/bulkDelete', { resource: 'orders', method: 'bulk_delete', methodClass: 'write', destructive: true }],
    ['/orders/delete', { resource: 'orders', method: 'bulk_delete', methodClass: 'write', destructive: true }],
    ['/delete', { resource: 'delete', method: 'create' }],
    ['/orders/{id}/cancel', { resource: 'orders', method: 'cancel' }],
    ['/orders/{id}/status', { resource: 'orders', method: 'status' }],
    ['/orders/{id}/access', { resource: 'orders', method: 'access' }],
    ['/orders/{id}/notes', { resource: 'orders_note', method: 'create' }],
    ['/orders/{id}', { resource: 'order', method: 'update' }],
    ['/', { resource: 'root', method: 'create' }],
    ['/{id}', { resource: 'root', method: 'update' }],
  ])('POST %s', (path, expected) => expect(classify('POST', path)).toStrictEqual(expected));

  it.each([
    ['/orders/{id}', {}, { resource: 'order', method: 'get' }],
    ['/orders/autocomplete', {}, { resource: 'orders', method: 'autocomplete', methodClass: 'read' }],
    ['/orders/list', {}, { resource: 'orders_list', method: 'list' }],
    ['/search', {}, { resource: 'search', method: 'list' }],
    ['/orders', { responses: { '200': ref('Ok') } }, { resource: 'orders', method: 'list' }],
    ['/orders/{id}/owner', { responses: { '200': ref('Ok') } }, { resource: 'orders_owner', method: 'get' }],
    ['/orders/{id}/owner', { responses: { '200': { content: { 'application/json': { schema: { type: 'array' } } } } } }, { resource: 'orders_owner', method: 'list' }],
    ['/orders/{id}/owner', { responses: { '200': { content: { 'application/json': { schema: { type: 'object' } } } } } }, { resource: 'orders_owner', method: 'list' }],
    ['/orders/{id}/lines', { responses: { '200': { content: { 'application/json': { schema: ref('Page') } } } } }, { resource: 'orders_lines', method: 'list' }],
  ])('GET %s %j', (path, operation, expected) => expect(classify('GET', path, operation)).toStrictEqual(expected));

  it.each([
    ['PUT', '/orders/{id}', {}, { resource: 'order', method: 'update' }],
    ['PATCH', '/orders/{id}/external', {}, { resource: 'orders_external', method: 'update' }],
    ['PUT', '/orders', {}, { resource: 'orders', method: 'put' }],
    ['DELETE', '/orders/{id}', {}, { resource: 'order', method: 'delete' }],
    ['DELETE', '/orders', {}, { resource: 'orders', method: 'delete' }],
    ['DELETE', '/orders', { parameters: [] }, { resource: 'orders', method: 'delete' }],
    ['DELETE', '/orders', { parameters: [{}] }, { resource: 'orders', method: 'bulk_delete', methodClass: 'write', destructive: true }],
    ['DELETE', '/orders', { requestBody: {} }, { resource: 'orders', method: 'bulk_delete', methodClass: 'write', destructive: true }],
    ['HEAD', '/orders', {}, { resource: 'orders', method: 'head' }],
  ] as const)('%s %s %j', (verb, path, operation, expected) => expect(classify(verb, path, operation)).toStrictEqual(expected));
});

describe('classifyOperation on longer paths', () => {
  const classify = (httpMethod: HttpMethod, path: string, operation: Record<string, unknown> = {}) => classifyOperation({ path, httpMethod, operation, root });
  const members = { responses: { '200': { content: { 'application/json': { schema: { type: 'object', properties: { members: { type: 'array' } } } } } } } };

  it.each<[HttpMethod, string, Record<string, unknown>, unknown]>([
    ['POST', '/v1/shop/widgets', {}, { resource: 'v1_shop_widget', method: 'create' }],
    ['POST', '/v1/orders/search', {}, { resource: 'v1_orders', method: 'search', methodClass: 'read', classReason: 'POST /v1/orders/search runs a query: it returns data and changes nothing' }],
    ['POST', '/v1/orders/bulk_delete', {}, { resource: 'v1_orders', method: 'bulk_delete', methodClass: 'write', destructive: true }],
    ['POST', '/v1/orders/{id}/cancel', {}, { resource: 'v1_orders', method: 'cancel' }],
    ['POST', '/orders/{id}/', {}, { resource: 'order', method: 'update' }],
    ['GET', '/v1/orders/autocomplete', {}, { resource: 'v1_orders', method: 'autocomplete', methodClass: 'read' }],
    ['GET', '/v1/groups/{id}/members', members, { resource: 'v1_groups_members', method: 'list' }],
    ['GET', '/orders/-/items', {}, { resource: 'orders_items', method: 'list' }],
    ['DELETE', '/v1/orders', { parameters: [{}] }, { resource: 'v1_orders', method: 'bulk_delete', methodClass: 'write', destructive: true }],
    ['HEAD', '/v1/orders', {}, { resource: 'v1_orders', method: 'head' }],
    ['HEAD', '/orders/{id}', {}, { resource: 'orders', method: 'head' }],
  ])('%s %s', (verb, path, operation, expected) => expect(classify(verb, path, operation)).toStrictEqual(expected));

  it('only a three-digit 2xx code is a success; a ref through null leads nowhere', () => {
    expect(successSchema({ root, operation: { responses: { '1201': ref('Ok') } } })).toBeUndefined();
    expect(deref({ a: null }, { $ref: '#/a/b' })).toBeUndefined();
  });
});
