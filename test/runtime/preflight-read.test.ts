import { describe, expect, it } from 'vitest';
import { valueAtPointer } from '../../templates/runtime/json-pointer.ts';
import { preflightRequest } from '../../templates/runtime/preflight-read.ts';
import type { FullArrayGuard } from '../../templates/runtime/safeguards.ts';
import type { HttpBinding } from '../../templates/runtime/tool-definition.ts';

const guard: FullArrayGuard = { kind: 'full-array', arg: 'shipments', identity: ['id'], readPath: '/orders/{id}', currentPointer: '/shipments', confirmArg: 'confirm_removed_shipments' };
// The write: a path variable under another argument name, a query argument and a body argument.
const write: HttpBinding = {
  method: 'PUT',
  path: '/orders/{id}/shipments',
  args: { order_id: { in: 'path', name: 'id' }, notify: { in: 'query', name: 'notify' }, shipments: { in: 'body', name: 'shipments' } },
  body: { mediaType: 'application/json', encoding: 'json', mode: 'fields' },
};

describe('preflightRequest', () => {
  it('is a GET of the read path with the path arguments only: no query or body argument of the write', () => {
    const got = preflightRequest({ guard, binding: write, args: { order_id: 'o 1', notify: true, shipments: [] }, baseUrl: 'https://api.acme.test', headers: { authorization: 'Bearer t' }, query: ['api_version=2'] });
    expect(got).toStrictEqual({ request: { method: 'GET', url: 'https://api.acme.test/orders/o%201?api_version=2', headers: { authorization: 'Bearer t' } } });
  });

  it('refuses, as the write would, when the path argument is missing', () => {
    expect(preflightRequest({ guard, binding: write, args: { notify: true }, baseUrl: 'https://api.acme.test', headers: {}, query: [] })).toStrictEqual({ error: 'Argument "order_id" must be a string or number to go into the URL path.' });
  });
});

describe('valueAtPointer', () => {
  const body = { 'a/b': { 'c~d': [10, 20] }, nothing: null, '': 'empty key' };
  it.each([
    { pointer: '', want: body },
    { pointer: '/a~1b/c~0d', want: [10, 20] },
    { pointer: '/a~1b/c~0d/1', want: 20 },
    { pointer: '/a~1b/c~0d/2', want: undefined },
    { pointer: '/', want: 'empty key' },
    { pointer: '/a/b', want: undefined },
    { pointer: '/nothing', want: null },
    { pointer: '/nothing/x', want: undefined },
    { pointer: '/a~1b/c~0d/-', want: undefined },
    { pointer: '/toString', want: undefined },
    // An array's tokens are indices or `-` (RFC 6901 §4): its own `length` is not one.
    { pointer: '/a~1b/c~0d/length', want: undefined },
    { pointer: '/a~1b/c~0d/0', want: 10 },
    { pointer: '/a~1b/c~0d/01', want: undefined },
  ])('$pointer', ({ pointer, want }) => expect(valueAtPointer({ value: body, pointer })).toStrictEqual(want));

  it('an object member named length is still found', () => {
    expect(valueAtPointer({ value: { length: 3 }, pointer: '/length' })).toBe(3);
  });

  it('a token ~01 is the key ~1, not /', () => {
    expect(valueAtPointer({ value: { '~1': 'tilde-one', '/': 'slash' }, pointer: '/~01' })).toBe('tilde-one');
  });
});
