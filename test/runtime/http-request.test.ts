import { describe, expect, it } from 'vitest';
import { buildHttpRequest, type BuiltRequest } from '../../templates/runtime/http-request.ts';
import type { HttpBinding } from '../../templates/runtime/tool-definition.ts';

const BASE = 'https://api.acme.test';
const JSON_FIELDS = { mediaType: 'application/json', encoding: 'json', mode: 'fields' } as const;

type Case = {
  readonly name: string;
  readonly binding: HttpBinding;
  readonly args: Readonly<Record<string, unknown>>;
  readonly baseUrl?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly query?: readonly string[];
  readonly want: BuiltRequest;
};

function build(c: Case): BuiltRequest {
  return buildHttpRequest({ binding: c.binding, args: c.args, baseUrl: c.baseUrl ?? BASE, headers: c.headers ?? {}, ...(c.query ? { query: c.query } : {}) });
}

const getOrder: HttpBinding = { method: 'GET', path: '/orders/{id}', args: { id: { in: 'path', name: 'id' } } };

describe('path templating', () => {
  it.each<Case>([
    { name: 'string value', binding: getOrder, args: { id: 'ord_1' }, want: { request: { method: 'GET', url: `${BASE}/orders/ord_1`, headers: {} } } },
    { name: 'slash and space are encoded, never new segments', binding: getOrder, args: { id: 'a/b c' }, want: { request: { method: 'GET', url: `${BASE}/orders/a%2Fb%20c`, headers: {} } } },
    { name: 'query and fragment characters are encoded', binding: getOrder, args: { id: 'x?y=1#z' }, want: { request: { method: 'GET', url: `${BASE}/orders/x%3Fy%3D1%23z`, headers: {} } } },
    { name: 'unicode is encoded', binding: getOrder, args: { id: 'é' }, want: { request: { method: 'GET', url: `${BASE}/orders/%C3%A9`, headers: {} } } },
    { name: 'a literal %2F is encoded again, not decoded', binding: getOrder, args: { id: '%2F' }, want: { request: { method: 'GET', url: `${BASE}/orders/%252F`, headers: {} } } },
    { name: 'number value', binding: getOrder, args: { id: 42 }, want: { request: { method: 'GET', url: `${BASE}/orders/42`, headers: {} } } },
    { name: 'zero is a value, not missing', binding: getOrder, args: { id: 0 }, want: { request: { method: 'GET', url: `${BASE}/orders/0`, headers: {} } } },
    { name: 'boolean value', binding: getOrder, args: { id: true }, want: { request: { method: 'GET', url: `${BASE}/orders/true`, headers: {} } } },
    { name: 'three dots are not a dot segment', binding: getOrder, args: { id: '...' }, want: { request: { method: 'GET', url: `${BASE}/orders/...`, headers: {} } } },
    { name: 'dots inside a value are fine', binding: getOrder, args: { id: 'v1..2' }, want: { request: { method: 'GET', url: `${BASE}/orders/v1..2`, headers: {} } } },
    {
      name: 'argument name differs from the wire name',
      binding: { method: 'GET', path: '/orders/{orderId}/lines/{lineId}', args: { order_id: { in: 'path', name: 'orderId' }, line_id: { in: 'path', name: 'lineId' } } },
      args: { order_id: 'o1', line_id: 7 },
      want: { request: { method: 'GET', url: `${BASE}/orders/o1/lines/7`, headers: {} } },
    },
    {
      name: 'the same variable twice',
      binding: { method: 'GET', path: '/a/{id}/b/{id}', args: { id: { in: 'path', name: 'id' } } },
      args: { id: 'x' },
      want: { request: { method: 'GET', url: `${BASE}/a/x/b/x`, headers: {} } },
    },
    {
      // OpenAPI keys a parameter by name and location: a query `id` beside the path `id` is another argument.
      name: 'a query parameter with the path variable\'s wire name does not fill the path',
      binding: { method: 'GET', path: '/orders/{id}', args: { id: { in: 'path', name: 'id' }, id_query: { in: 'query', name: 'id' } } },
      args: { id: 'ord_1', id_query: 'q' },
      want: { request: { method: 'GET', url: `${BASE}/orders/ord_1?id=q`, headers: {} } },
    },
  ])('$name', (c) => expect(build(c)).toStrictEqual(c.want));
});

describe('text with an unpaired surrogate is refused, not thrown', () => {
  const refusal = { error: 'An argument that goes into the URL or a form body contains an unpaired surrogate (broken Unicode text), which cannot be encoded. Nothing was sent; fix the text and call again.' };
  it.each<Case>([
    { name: 'in a path segment', binding: getOrder, args: { id: 'a\uD800' }, want: refusal },
    { name: 'in a query value', binding: { method: 'GET', path: '/orders', args: { q: { in: 'query', name: 'q' } } }, args: { q: '\uDFFF' }, want: refusal },
    { name: 'a well-formed astral character is fine', binding: getOrder, args: { id: '\u{1F600}' }, want: { request: { method: 'GET', url: `${BASE}/orders/%F0%9F%98%80`, headers: {} } } },
  ])('$name', (c) => expect(build(c)).toStrictEqual(c.want));
});

describe('path values that would change the URL path are refused, naming the argument', () => {
  it.each<Case>([
    { name: 'empty string', binding: getOrder, args: { id: '' }, want: { error: 'Argument "id" cannot be "": it would change the URL path.' } },
    { name: '.', binding: getOrder, args: { id: '.' }, want: { error: 'Argument "id" cannot be ".": it would change the URL path.' } },
    { name: '..', binding: getOrder, args: { id: '..' }, want: { error: 'Argument "id" cannot be "..": it would change the URL path.' } },
    { name: '%2e', binding: getOrder, args: { id: '%2e' }, want: { error: 'Argument "id" cannot be "%2e": it would change the URL path.' } },
    { name: '%2e%2E (mixed case)', binding: getOrder, args: { id: '%2e%2E' }, want: { error: 'Argument "id" cannot be "%2e%2E": it would change the URL path.' } },
    { name: '.%2E', binding: getOrder, args: { id: '.%2E' }, want: { error: 'Argument "id" cannot be ".%2E": it would change the URL path.' } },
    { name: 'missing value', binding: getOrder, args: {}, want: { error: 'Argument "id" must be a string or number to go into the URL path.' } },
    { name: 'null', binding: getOrder, args: { id: null }, want: { error: 'Argument "id" must be a string or number to go into the URL path.' } },
    { name: 'object', binding: getOrder, args: { id: { a: 1 } }, want: { error: 'Argument "id" must be a string or number to go into the URL path.' } },
    { name: 'array', binding: getOrder, args: { id: ['a'] }, want: { error: 'Argument "id" must be a string or number to go into the URL path.' } },
    {
      name: 'the error names the tool argument, not the wire name',
      binding: { method: 'GET', path: '/orders/{orderId}', args: { order_id: { in: 'path', name: 'orderId' } } },
      args: { order_id: '..' },
      want: { error: 'Argument "order_id" cannot be "..": it would change the URL path.' },
    },
    {
      name: 'the first refused variable is reported',
      binding: { method: 'GET', path: '/{a}/{b}', args: { a: { in: 'path', name: 'a' }, b: { in: 'path', name: 'b' } } },
      args: { a: 'ok', b: '..' },
      want: { error: 'Argument "b" cannot be "..": it would change the URL path.' },
    },
  ])('$name', (c) => expect(build(c)).toStrictEqual(c.want));
});

describe('base URL', () => {
  it.each<Case>([
    { name: 'no trailing slash', binding: getOrder, args: { id: '7' }, baseUrl: 'http://h', want: { request: { method: 'GET', url: 'http://h/orders/7', headers: {} } } },
    { name: 'trailing slash', binding: getOrder, args: { id: '7' }, baseUrl: 'http://h/', want: { request: { method: 'GET', url: 'http://h/orders/7', headers: {} } } },
    { name: 'several trailing slashes', binding: getOrder, args: { id: '7' }, baseUrl: 'http://h///', want: { request: { method: 'GET', url: 'http://h/orders/7', headers: {} } } },
    { name: 'base path is kept', binding: getOrder, args: { id: '7' }, baseUrl: 'http://h/api/v2', want: { request: { method: 'GET', url: 'http://h/api/v2/orders/7', headers: {} } } },
    { name: 'base path with trailing slash', binding: getOrder, args: { id: '7' }, baseUrl: 'http://h/api/v2/', want: { request: { method: 'GET', url: 'http://h/api/v2/orders/7', headers: {} } } },
    { name: 'port', binding: getOrder, args: { id: '7' }, baseUrl: 'http://127.0.0.1:4010', want: { request: { method: 'GET', url: 'http://127.0.0.1:4010/orders/7', headers: {} } } },
  ])('$name', (c) => expect(build(c)).toStrictEqual(c.want));
});

const listOrders: HttpBinding = {
  method: 'GET',
  path: '/orders',
  args: {
    status: { in: 'query', name: 'status', style: 'form', explode: true },
    page_size: { in: 'query', name: 'pageSize', style: 'form', explode: true },
    tags: { in: 'query', name: 'tags', style: 'form', explode: false },
  },
};

describe('query string', () => {
  it.each<Case>([
    { name: 'no query arguments, no question mark', binding: listOrders, args: {}, want: { request: { method: 'GET', url: `${BASE}/orders`, headers: {} } } },
    {
      name: 'pairs follow binding order, not argument order',
      binding: listOrders,
      args: { tags: ['a', 'b'], page_size: 50, status: 'open' },
      want: { request: { method: 'GET', url: `${BASE}/orders?status=open&pageSize=50&tags=a,b`, headers: {} } },
    },
    { name: 'null and undefined are dropped', binding: listOrders, args: { status: null, page_size: undefined, tags: ['x'] }, want: { request: { method: 'GET', url: `${BASE}/orders?tags=x`, headers: {} } } },
    {
      name: 'credential pairs come first, then the arguments',
      binding: listOrders,
      args: { status: 'open' },
      query: ['api_key=k%26y'],
      want: { request: { method: 'GET', url: `${BASE}/orders?api_key=k%26y&status=open`, headers: {} } },
    },
    { name: 'credential pairs alone', binding: listOrders, args: {}, query: ['api_key=k'], want: { request: { method: 'GET', url: `${BASE}/orders?api_key=k`, headers: {} } } },
    {
      name: 'arguments not bound to the query are not sent',
      binding: listOrders,
      args: { status: 'open', unknown: 'x' },
      want: { request: { method: 'GET', url: `${BASE}/orders?status=open`, headers: {} } },
    },
  ])('$name', (c) => expect(build(c)).toStrictEqual(c.want));
});

describe('headers', () => {
  const binding: HttpBinding = {
    method: 'GET',
    path: '/me',
    args: { request_id: { in: 'header', name: 'X-Request-Id' }, version: { in: 'header', name: 'Acme-Version' } },
  };
  it.each<Case>([
    { name: 'given headers are passed through', binding, args: {}, headers: { Accept: 'application/json' }, want: { request: { method: 'GET', url: `${BASE}/me`, headers: { Accept: 'application/json' } } } },
    {
      name: 'header arguments use their wire name',
      binding,
      args: { request_id: 'r-1', version: 2 },
      headers: { Accept: 'application/json' },
      want: { request: { method: 'GET', url: `${BASE}/me`, headers: { Accept: 'application/json', 'X-Request-Id': 'r-1', 'Acme-Version': '2' } } },
    },
    { name: 'null and undefined header arguments are not sent', binding, args: { request_id: null, version: undefined }, want: { request: { method: 'GET', url: `${BASE}/me`, headers: {} } } },
    { name: 'false is sent as text', binding, args: { version: false }, want: { request: { method: 'GET', url: `${BASE}/me`, headers: { 'Acme-Version': 'false' } } } },
  ])('$name', (c) => expect(build(c)).toStrictEqual(c.want));

  it('does not modify the headers object it was given', () => {
    const given = { Accept: 'application/json' };
    buildHttpRequest({ binding: { method: 'POST', path: '/x', args: { a: { in: 'body', name: 'a' } }, body: JSON_FIELDS }, args: { a: 1 }, baseUrl: BASE, headers: given });
    expect(given).toStrictEqual({ Accept: 'application/json' });
  });
});

describe('body', () => {
  const createNote: HttpBinding = {
    method: 'POST',
    path: '/notes',
    args: { text: { in: 'body', name: 'text' }, due_at: { in: 'body', name: 'dueAt' }, pinned: { in: 'body', name: 'pinned' } },
    body: JSON_FIELDS,
  };
  const JSON_HEADERS = { 'Content-Type': 'application/json' };
  it.each<Case>([
    {
      name: 'fields: only present arguments, under their wire names',
      binding: createNote,
      args: { text: 'hi', due_at: '2024-05-01' },
      want: { request: { method: 'POST', url: `${BASE}/notes`, headers: JSON_HEADERS, body: '{"text":"hi","dueAt":"2024-05-01"}' } },
    },
    {
      name: 'fields: explicit null is kept (it clears the field), undefined is not',
      binding: createNote,
      args: { text: 'hi', due_at: null, pinned: undefined },
      want: { request: { method: 'POST', url: `${BASE}/notes`, headers: JSON_HEADERS, body: '{"text":"hi","dueAt":null}' } },
    },
    { name: 'fields: false and 0 are values', binding: createNote, args: { pinned: false, text: '' }, want: { request: { method: 'POST', url: `${BASE}/notes`, headers: JSON_HEADERS, body: '{"text":"","pinned":false}' } } },
    { name: 'fields: no body arguments, no body and no Content-Type', binding: createNote, args: {}, want: { request: { method: 'POST', url: `${BASE}/notes`, headers: {} } } },
    { name: 'fields: a body the doc requires is sent as {} when no field is given', binding: { ...createNote, body: { ...JSON_FIELDS, required: true } }, args: {}, want: { request: { method: 'POST', url: `${BASE}/notes`, headers: JSON_HEADERS, body: '{}' } } },
    {
      name: 'whole: the body argument is the body',
      binding: { method: 'PUT', path: '/tags', args: { body: { in: 'body', name: 'body' } }, body: { mediaType: 'application/json', encoding: 'json', mode: 'whole' } },
      args: { body: ['a', { b: 1 }] },
      want: { request: { method: 'PUT', url: `${BASE}/tags`, headers: JSON_HEADERS, body: '["a",{"b":1}]' } },
    },
    {
      name: 'whole: an absent body argument sends no body',
      binding: { method: 'PUT', path: '/tags', args: { body: { in: 'body', name: 'body' } }, body: { mediaType: 'application/json', encoding: 'json', mode: 'whole' } },
      args: {},
      want: { request: { method: 'PUT', url: `${BASE}/tags`, headers: {} } },
    },
    {
      name: 'whole: a binding with no body argument at all sends no body (nothing to read one from)',
      binding: { method: 'PUT', path: '/tags/{id}', args: { id: { in: 'path', name: 'id' } }, body: { mediaType: 'application/json', encoding: 'json', mode: 'whole' } },
      args: { id: 't1' },
      want: { request: { method: 'PUT', url: `${BASE}/tags/t1`, headers: {} } },
    },
    {
      name: 'form encoding: bracketed keys, nulls dropped, form Content-Type',
      binding: {
        method: 'POST',
        path: '/customers',
        args: { email: { in: 'body', name: 'email' }, metadata: { in: 'body', name: 'metadata' }, expand: { in: 'body', name: 'expand' }, phone: { in: 'body', name: 'phone' } },
        body: { mediaType: 'application/x-www-form-urlencoded', encoding: 'form', mode: 'fields' },
      },
      args: { email: 'a b@c.test', metadata: { tier: 'gold' }, expand: ['x', 'y'], phone: null },
      want: {
        request: {
          method: 'POST',
          url: `${BASE}/customers`,
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: 'email=a%20b%40c.test&metadata%5Btier%5D=gold&expand%5B0%5D=x&expand%5B1%5D=y',
        },
      },
    },
    {
      name: 'a body argument without a body binding is not sent',
      binding: { method: 'POST', path: '/ping', args: { text: { in: 'body', name: 'text' } } },
      args: { text: 'x' },
      want: { request: { method: 'POST', url: `${BASE}/ping`, headers: {} } },
    },
  ])('$name', (c) => expect(build(c)).toStrictEqual(c.want));
});

describe('path mirrors: a path variable the body repeats', () => {
  it.each<Case>([
    {
      name: 'the value goes into the path and into the body',
      binding: {
        method: 'PATCH',
        path: '/orders/{id}',
        args: { id: { in: 'path', name: 'id', mirrors: [{ in: 'body', name: 'id' }] }, status: { in: 'body', name: 'status' } },
        body: JSON_FIELDS,
      },
      args: { id: 'o 1', status: 'shipped' },
      want: { request: { method: 'PATCH', url: `${BASE}/orders/o%201`, headers: { 'Content-Type': 'application/json' }, body: '{"status":"shipped","id":"o 1"}' } },
    },
    {
      name: 'the mirror uses its own wire name',
      binding: {
        method: 'PATCH',
        path: '/orders/{orderId}',
        args: { order_id: { in: 'path', name: 'orderId', mirrors: [{ in: 'body', name: 'order_id' }] }, status: { in: 'body', name: 'status' } },
        body: JSON_FIELDS,
      },
      args: { order_id: 9, status: 'shipped' },
      want: { request: { method: 'PATCH', url: `${BASE}/orders/9`, headers: { 'Content-Type': 'application/json' }, body: '{"status":"shipped","order_id":9}' } },
    },
    {
      name: 'the mirror alone still makes a body',
      binding: { method: 'POST', path: '/orders/{id}/cancel', args: { id: { in: 'path', name: 'id', mirrors: [{ in: 'body', name: 'id' }] } }, body: JSON_FIELDS },
      args: { id: 'o1' },
      want: { request: { method: 'POST', url: `${BASE}/orders/o1/cancel`, headers: { 'Content-Type': 'application/json' }, body: '{"id":"o1"}' } },
    },
    {
      name: 'a refused path value stops the mirror too',
      binding: { method: 'POST', path: '/orders/{id}/cancel', args: { id: { in: 'path', name: 'id', mirrors: [{ in: 'body', name: 'id' }] } }, body: JSON_FIELDS },
      args: { id: '..' },
      want: { error: 'Argument "id" cannot be "..": it would change the URL path.' },
    },
  ])('$name', (c) => expect(build(c)).toStrictEqual(c.want));
});

describe('everything together', () => {
  it('path, query, header, credential query and body in one request', () => {
    const binding: HttpBinding = {
      method: 'POST',
      path: '/accounts/{account}/orders',
      args: {
        account: { in: 'path', name: 'account' },
        dry_run: { in: 'query', name: 'dryRun', style: 'form', explode: true },
        idempotency_key: { in: 'header', name: 'Idempotency-Key' },
        sku: { in: 'body', name: 'sku' },
        quantity: { in: 'body', name: 'quantity' },
      },
      body: JSON_FIELDS,
    };
    expect(
      buildHttpRequest({
        binding,
        args: { account: 'acc/1', dry_run: true, idempotency_key: 'k-1', sku: 'S&1', quantity: 3 },
        baseUrl: 'http://h/api/v2/',
        headers: { Accept: 'application/json', Authorization: 'Bearer t' },
        query: ['token=t'],
      }),
    ).toStrictEqual({
      request: {
        method: 'POST',
        url: 'http://h/api/v2/accounts/acc%2F1/orders?token=t&dryRun=true',
        headers: { Accept: 'application/json', Authorization: 'Bearer t', 'Idempotency-Key': 'k-1', 'Content-Type': 'application/json' },
        body: '{"sku":"S&1","quantity":3}',
      },
    });
  });
});

describe('a header argument the HTTP header cannot carry is invalid input', () => {
  const binding: HttpBinding = { method: 'GET', path: '/t', args: { trace: { in: 'header', name: 'X-Trace' } } };
  it.each([
    { name: 'CR LF (header injection)', value: 'a\r\nX-Admin: 1' },
    { name: 'a lone LF', value: 'a\nb' },
    { name: 'NUL', value: 'a\u0000b' },
    { name: 'beyond Latin-1', value: 'caf\u00e9 \u2713' },
  ])('$name', ({ value }) => {
    expect(buildHttpRequest({ binding, args: { trace: value }, baseUrl: BASE, headers: {} })).toStrictEqual({
      error: 'Argument "trace" goes into the HTTP header X-Trace, which cannot carry line breaks, control characters or characters beyond Latin-1. Nothing was sent; fix the value and call again.',
    });
  });

  it('tab, Latin-1 and visible ASCII are sent', () => {
    const built = buildHttpRequest({ binding, args: { trace: 'a\tb caf\u00e9 ~' }, baseUrl: BASE, headers: {} });
    expect(built).toMatchObject({ request: { headers: { 'X-Trace': 'a\tb caf\u00e9 ~' } } });
  });
});

describe('form bodies that are no object, errors that are not broken Unicode', () => {
  it.each([
    { name: 'a scalar', value: 'abc' },
    { name: 'null', value: null },
  ])('a whole form body that is $name has no fields', ({ value }) => {
    const binding: HttpBinding = { method: 'POST', path: '/forms', args: { form: { in: 'body', name: 'form' } }, body: { mediaType: 'application/x-www-form-urlencoded', encoding: 'form', mode: 'whole' } };
    expect(buildHttpRequest({ binding, args: { form: value }, baseUrl: BASE, headers: {} })).toStrictEqual({
      request: { method: 'POST', url: `${BASE}/forms`, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: '' },
    });
  });

  it('an error other than broken Unicode is not reported as broken Unicode: it propagates', () => {
    const args = Object.defineProperty({}, 'id', { enumerable: true, get: () => { throw new TypeError('a getter failed'); } });
    expect(() => buildHttpRequest({ binding: getOrder, args, baseUrl: BASE, headers: {} })).toThrow(new TypeError('a getter failed'));
  });
});
