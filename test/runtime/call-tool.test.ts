import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { callTool } from '../../templates/runtime/call-tool.ts';
import type { HttpBinding } from '../../templates/runtime/tool-definition.ts';
import { ACME, BEARER, TOKEN, config, recordingFetch, tool, type SentRequest } from './support.ts';

const getOrder = tool({ name: 'get_order', http: { method: 'GET', path: '/orders/{id}', args: { id: { in: 'path', name: 'id' }, expand: { in: 'query', name: 'expand', style: 'form', explode: false } } } });
const updateOrder = tool({
  name: 'update_order',
  http: {
    method: 'PATCH',
    path: '/orders/{id}',
    args: { id: { in: 'path', name: 'id' }, status: { in: 'body', name: 'status' }, note: { in: 'body', name: 'note' } },
    body: { mediaType: 'application/json', encoding: 'json', mode: 'fields' },
  } satisfies HttpBinding,
});

const json = (body: unknown, status = 200, statusText = 'OK'): Response => new Response(JSON.stringify(body), { status, statusText, headers: { 'content-type': 'application/json' } });

describe('the request the vendor receives', () => {
  it.each<{ readonly name: string; readonly run: (f: typeof fetch) => Promise<unknown>; readonly want: readonly SentRequest[] }>([
    {
      name: 'GET: Accept default, Authorization, query, no body',
      run: (f) => callTool({ tool: getOrder, args: { id: 'o/1', expand: ['lines', 'customer'] }, config: config({ fetch: f }) }),
      want: [
        {
          url: 'https://api.acme.test/v1/orders/o%2F1?expand=lines,customer',
          method: 'GET',
          headers: { Accept: 'application/json', 'User-Agent': '@vendor-mcp/acme/1.2.3', Authorization: `Bearer ${TOKEN}` },
          body: undefined,
          redirect: 'manual',
        },
      ],
    },
    {
      name: 'vendor static headers override the default Accept',
      run: (f) =>
        callTool({ tool: getOrder, args: { id: '1' }, config: config({ fetch: f, vendor: { ...ACME, headers: { Accept: 'application/vnd.acme+json; version=2', 'Acme-Client': 'mcp' } } }) }),
      want: [
        {
          url: 'https://api.acme.test/v1/orders/1',
          method: 'GET',
          headers: { Accept: 'application/vnd.acme+json; version=2', 'User-Agent': '@vendor-mcp/acme/1.2.3', 'Acme-Client': 'mcp', Authorization: `Bearer ${TOKEN}` },
          body: undefined,
          redirect: 'manual',
        },
      ],
    },
    {
      name: 'PATCH: JSON body with Content-Type, explicit null kept',
      run: (f) => callTool({ tool: updateOrder, args: { id: '1', status: 'shipped', note: null }, config: config({ fetch: f }) }),
      want: [
        {
          url: 'https://api.acme.test/v1/orders/1',
          method: 'PATCH',
          headers: { Accept: 'application/json', 'User-Agent': '@vendor-mcp/acme/1.2.3', Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
          body: '{"status":"shipped","note":null}',
          redirect: 'manual',
        },
      ],
    },
    {
      name: 'api-key in the query comes before the arguments; no auth header',
      run: (f) =>
        callTool({
          tool: getOrder,
          args: { id: '1', expand: ['lines'] },
          config: config({ fetch: f, baseUrl: 'http://127.0.0.1:4010/', credentials: { headers: {}, query: ['api_key=k%2B1'], secrets: ['k+1'] } }),
        }),
      want: [{ url: 'http://127.0.0.1:4010/orders/1?api_key=k%2B1&expand=lines', method: 'GET', headers: { Accept: 'application/json', 'User-Agent': '@vendor-mcp/acme/1.2.3' }, body: undefined, redirect: 'manual' }],
    },
  ])('$name', async ({ run, want }) => {
    const { fetch, sent } = recordingFetch(() => json({ id: '1' }));
    await run(fetch);
    expect(sent).toStrictEqual(want);
  });

  it('passes an abort signal', async () => {
    const signals: unknown[] = [];
    const { fetch } = recordingFetch((init) => {
      signals.push(init.signal instanceof AbortSignal && !init.signal.aborted);
      return json({});
    });
    await callTool({ tool: getOrder, args: { id: '1' }, config: config({ fetch }) });
    expect(signals).toStrictEqual([true]);
  });
});

describe('results', () => {
  it.each<{ readonly name: string; readonly response: () => Response; readonly want: unknown }>([
    { name: '200 JSON', response: () => json({ id: '1', status: 'open' }), want: { content: [{ type: 'text', text: '{"id":"1","status":"open"}' }], structuredContent: { id: '1', status: 'open' } } },
    { name: '204 no content', response: () => new Response(null, { status: 204 }), want: { content: [{ type: 'text', text: '{"status":204}' }], structuredContent: { status: 204 } } },
    {
      name: '404 gives isError with the vendor message',
      response: () => json({ message: 'Order not found' }, 404, 'Not Found'),
      want: { isError: true, content: [{ type: 'text', text: 'The vendor answered HTTP 404 Not Found: Order not found. Nothing exists there: check the id, or list or search to find the right one.' }], structuredContent: { status: 404, message: 'Order not found' } },
    },
    {
      name: '401 echoing the token is redacted',
      response: () => json({ error: { message: `Token ${TOKEN} expired` } }, 401, 'Unauthorized'),
      want: { isError: true, content: [{ type: 'text', text: "The vendor answered HTTP 401 Unauthorized: Token [redacted] expired. The vendor rejected the server's credentials (ACME_TOKEN); the operator must renew them. Retrying will not help." }], structuredContent: { status: 401, message: 'Token [redacted] expired' } },
    },
    {
      name: 'a redirect is reported, not followed',
      response: () => new Response('', { status: 302, statusText: 'Found', headers: { location: 'https://evil.test/' } }),
      want: { isError: true, content: [{ type: 'text', text: 'The vendor answered HTTP 302 Found. Check the arguments and the vendor message above.' }], structuredContent: { status: 302, message: 'Found' } },
    },
  ])('$name', async ({ response, want }) => {
    const { fetch, sent } = recordingFetch(response);
    expect(await callTool({ tool: getOrder, args: { id: '1' }, config: config({ fetch }) })).toStrictEqual(want);
    expect(sent.length).toStrictEqual(1);
  });
});

describe('a write answered by a redirect (not followed)', () => {
  it.each([
    { status: 303, statusText: 'See Other', body: '', said: 'HTTP 303 See Other' },
    { status: 302, statusText: 'Found', body: '<html><title>Moved</title></html>', said: 'HTTP 302 Found: an HTML page titled "Moved"' },
  ])('$status says the write may have taken effect, sent once', async ({ status, statusText, body, said }) => {
    const { fetch, sent } = recordingFetch(() => new Response(body, { status, statusText, headers: { location: 'https://api.acme.test/v1/orders/1', 'content-type': 'text/html' } }));
    const result = await callTool({ tool: updateOrder, args: { id: '1', status: 'open' }, config: config({ fetch }) });
    expect(result.content).toStrictEqual([
      { type: 'text', text: `The vendor answered ${said}. No final answer came back (redirects are not followed). A write may or may not have taken effect: read the resource before retrying.` },
    ]);
    expect(sent.map((request) => request.method)).toStrictEqual(['PATCH']);
  });
});

describe('network failures', () => {
  const refused = (cause: unknown): typeof fetch => (async () => Promise.reject(new TypeError('fetch failed', { cause }))) as typeof fetch;
  it.each<{ readonly name: string; readonly fetch: typeof fetch; readonly want: string }>([
    {
      name: 'connection refused names the host and the code',
      fetch: refused(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4010'), { code: 'ECONNREFUSED' })),
      want: 'Could not reach the vendor at api.acme.test: ECONNREFUSED.',
    },
    { name: 'a cause without a code gives its message', fetch: refused(new Error('other side closed')), want: 'Could not reach the vendor at api.acme.test: other side closed.' },
    { name: 'a cause message with the secret is redacted', fetch: refused(new Error(`bad header Bearer ${TOKEN}`)), want: 'Could not reach the vendor at api.acme.test: bad header Bearer [redacted].' },
    {
      name: 'an error with a code and no cause gives its code',
      fetch: (async () => Promise.reject(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))) as typeof fetch,
      want: 'Could not reach the vendor at api.acme.test: ECONNRESET.',
    },
    { name: 'an error with neither gives its message', fetch: (async () => Promise.reject(new Error('socket closed'))) as typeof fetch, want: 'Could not reach the vendor at api.acme.test: socket closed.' },
    {
      name: 'a non-Error rejection is shown as text',
      fetch: (async () => Promise.reject('socket hang up')) as typeof fetch,
      want: 'Could not reach the vendor at api.acme.test: socket hang up.',
    },
    {
      name: 'an AbortError is reported like a timeout',
      fetch: (async () => Promise.reject(new DOMException('aborted', 'AbortError'))) as typeof fetch,
      want: 'The vendor did not answer within 5000 ms (api.acme.test). Nothing is known about whether the request took effect; read the resource before retrying a write.',
    },
  ])('$name', async ({ fetch, want }) => {
    expect(await callTool({ tool: getOrder, args: { id: '1' }, config: config({ fetch }) })).toStrictEqual({ isError: true, content: [{ type: 'text', text: want }] });
  });

  it('a real refused connection (real fetch, closed local port)', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const result = await callTool({ tool: getOrder, args: { id: '1' }, config: config({ fetch: globalThis.fetch, baseUrl: `http://127.0.0.1:${port}` }) });
    expect(result).toStrictEqual({ isError: true, content: [{ type: 'text', text: `Could not reach the vendor at 127.0.0.1:${port}: ECONNREFUSED.` }] });
  });

  it('a vendor that never answers times out with timeoutMs', async () => {
    const hanging = ((_url: string, init: RequestInit) =>
      new Promise<Response>((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)))) as typeof fetch;
    const started = Date.now();
    const result = await callTool({ tool: getOrder, args: { id: '1' }, config: config({ fetch: hanging, timeoutMs: 50 }) });
    expect(result).toStrictEqual({
      isError: true,
      content: [
        {
          type: 'text',
          text: 'The vendor did not answer within 50 ms (api.acme.test). Nothing is known about whether the request took effect; read the resource before retrying a write.',
        },
      ],
    });
    expect(Date.now() - started < 5_000).toStrictEqual(true);
  });
});

describe('refused arguments never reach the vendor', () => {
  it.each([
    { name: '..', args: { id: '..' }, want: 'Argument "id" cannot be "..": it would change the URL path.' },
    { name: '%2e%2E', args: { id: '%2e%2E' }, want: 'Argument "id" cannot be "%2e%2E": it would change the URL path.' },
    { name: 'empty', args: { id: '' }, want: 'Argument "id" cannot be "": it would change the URL path.' },
    { name: 'object', args: { id: { a: 1 } }, want: 'Argument "id" must be a string or number to go into the URL path.' },
  ])('$name', async ({ args, want }) => {
    const { fetch, sent } = recordingFetch(() => json({}));
    const result = await callTool({ tool: getOrder, args, config: config({ fetch, credentials: BEARER }) });
    expect({ result, calls: sent.length }).toStrictEqual({ result: { isError: true, content: [{ type: 'text', text: want }] }, calls: 0 });
  });
});

describe('answers the runtime cannot use', () => {
  it('a write whose answer is too large says the request was sent and may have taken effect', async () => {
    const { fetch } = recordingFetch(() => json({ padding: 'x'.repeat(200) }));
    const result = await callTool({ tool: updateOrder, args: { id: '1', status: 'shipped' }, config: config({ fetch, maxResponseBytes: 100 }) });
    expect(result).toStrictEqual({
      isError: true,
      content: [{ type: 'text', text: "The vendor's answer was larger than 100 bytes, the server's limit, so it was not read. The request was sent and may have taken effect; read the resource before repeating it. Ask for less (a smaller limit, a narrower filter), or have the operator raise ACME_MAX_RESPONSE_BYTES." }],
    });
  });

  it('a body without a content type that is not JSON is named as such', async () => {
    const { fetch } = recordingFetch(() => new Response(new TextEncoder().encode('oops'), { status: 200 }));
    const result = await callTool({ tool: getOrder, args: { id: '1' }, config: config({ fetch }) });
    expect(JSON.stringify(result.content)).toContain('no content type instead of JSON');
  });
});

describe('dry runs: the exact request, credentials masked, nothing sent', () => {
  const dryTool = (encoding: 'json' | 'form') => ({
    ...tool({
      name: 'update_order',
      http: {
        method: 'PATCH',
        path: '/orders/{id}',
        args: { id: { in: 'path', name: 'id' }, note: { in: 'body', name: 'note' } },
        body: { mediaType: encoding === 'json' ? 'application/json' : 'application/x-www-form-urlencoded', encoding, mode: 'fields' },
      } satisfies HttpBinding,
    }),
    dryRun: true,
  });
  const headers = (contentType: string) => ({ Accept: 'application/json', 'User-Agent': '@vendor-mcp/acme/1.2.3', Authorization: 'Bearer [redacted]', 'Content-Type': contentType });

  it('a JSON body is shown parsed, in one text part when it fits', async () => {
    const vendor = recordingFetch(() => json({}));
    const result = await callTool({ tool: dryTool('json'), args: { id: '7', note: 'hello', dry_run: true }, config: config({ fetch: vendor.fetch }) });
    const request = { method: 'PATCH', url: 'https://api.acme.test/v1/orders/7', headers: headers('application/json'), body: { note: 'hello' } };
    expect(result).toStrictEqual({ content: [{ type: 'text', text: `Dry run: the guards passed and nothing was sent.\n${JSON.stringify(request)}` }], structuredContent: { dry_run: true, request } });
    expect(vendor.sent).toStrictEqual([]);
  });

  it('a form body is shown as the encoded string it would send', async () => {
    const vendor = recordingFetch(() => json({}));
    const result = await callTool({ tool: dryTool('form'), args: { id: '7', note: 'a b', dry_run: true }, config: config({ fetch: vendor.fetch }) });
    expect(result.structuredContent).toStrictEqual({ dry_run: true, request: { method: 'PATCH', url: 'https://api.acme.test/v1/orders/7', headers: headers('application/x-www-form-urlencoded'), body: 'note=a%20b' } });
    expect(vendor.sent).toStrictEqual([]);
  });

  it('a request past the size limit is cut, and a second text part says what was cut', async () => {
    const vendor = recordingFetch(() => json({}));
    const result = await callTool({ tool: dryTool('json'), args: { id: '7', note: 'x'.repeat(500), dry_run: true }, config: config({ fetch: vendor.fetch, maxResultChars: 300 }) });
    expect(result.content.map((part) => (part.type === 'text' ? part.text : ''))[1]).toBe('The request shown was cut to fit the size limit (/request/body/note: kept 100 of 500 characters; /request: kept 3 of 4 fields).');
    expect(result.content).toHaveLength(2);
    expect(vendor.sent).toStrictEqual([]);
  });
});
