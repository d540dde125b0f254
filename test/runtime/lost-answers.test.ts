import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool } from '../../templates/runtime/call-tool.ts';
import type { FullArrayGuard } from '../../templates/runtime/safeguards.ts';
import type { HttpBinding, ToolDefinition } from '../../templates/runtime/tool-definition.ts';
import { vendorFetch } from '../../templates/runtime/vendor-fetch.ts';
import { config, tool } from './support.ts';

/**
 * A throwaway self-signed certificate (P-256, valid to 2126) for a vendor whose certificate is
 * refused. Nothing trusts it; the key is here only so the TLS handshake can happen at all.
 */
const SELF_SIGNED = {
  key: `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgMqD0Q+f0UPt8l429
74W0cL7QQgNL414b8axj3QwfiWShRANCAATQWdyF2Mo5r8aLSpT47f5XtxgiWhQB
obt5eZa91wQnxKjTFSLhmIGyHTtczIl4A/ccraPie04RYjRM1gawFdwh
-----END PRIVATE KEY-----`,
  cert: `-----BEGIN CERTIFICATE-----
MIIBfzCCASWgAwIBAgIUVTD7LPMQw4H0kqBHAtWprjR1p00wCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTIwODAwMDM0NloYDzIxMjYxMTE0
MDAwMzQ2WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAATQWdyF2Mo5r8aLSpT47f5XtxgiWhQBobt5eZa91wQnxKjTFSLhmIGy
HTtczIl4A/ccraPie04RYjRM1gawFdwho1MwUTAdBgNVHQ4EFgQUI6kuWFcEOSc0
3+NYvW+uYRbIrXMwHwYDVR0jBBgwFoAUI6kuWFcEOSc03+NYvW+uYRbIrXMwDwYD
VR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiAgJo6zfhniEJ2GRyckwE6l
kJezB9nG+gorbh7lfjM0qAIhAPhSBn4mgmmG72wWrJ23eJQuWeAU1TsV/qVt+p6/
dTyM
-----END CERTIFICATE-----`,
};

/** Each path loses the answer one way, after the whole request has arrived; `seen` counts what arrived. */
function misbehave(request: http.IncomingMessage, response: http.ServerResponse): void {
  const url = new URL(request.url!, 'http://vendor');
  const status = Number(url.searchParams.get('status') ?? 201);
  const cutSoon = () => setTimeout(() => response.socket?.destroy(), 20);
  if (url.pathname === '/reset') request.socket.destroy();
  else if (url.pathname === '/close') request.socket.end();
  else if (url.pathname === '/cut-at-0') {
    response.writeHead(status, { 'content-type': 'application/json', 'content-length': '100' });
    response.flushHeaders();
    cutSoon();
  } else if (url.pathname === '/cut-midway') {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.write('{"id":123,', cutSoon);
  } else if (url.pathname === '/bad-gzip') {
    response.writeHead(status, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    response.end('not gzip at all');
  }
}

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(String((server.address() as AddressInfo).port))));
}

function startVendor(): Promise<{ readonly url: string; readonly seen: string[]; readonly close: () => Promise<void> }> {
  const seen: string[] = [];
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      seen.push(`${request.method} ${request.url}`);
      misbehave(request, response);
    });
  });
  return listen(server).then((port) => ({ url: `http://127.0.0.1:${port}`, seen, close: () => new Promise((done) => server.close(() => done())) }));
}

const binding = (method: 'GET' | 'POST'): HttpBinding => ({
  method,
  path: '/{how}',
  args: { how: { in: 'path', name: 'how' }, status: { in: 'query', name: 'status' }, ...(method === 'POST' ? { text: { in: 'body', name: 'text' } } : {}) },
  ...(method === 'POST' ? { body: { mediaType: 'application/json', encoding: 'json', mode: 'fields' } as const } : {}),
});
const sendMessage = tool({ name: 'send_message', http: binding('POST') });
const readMessage = tool({ name: 'read_message', http: binding('GET') });

const text = (result: { content: unknown[] }) => (result.content as { text: string }[]).map((part) => part.text).join('\n');
const CHECK_FIRST = 'Read the resource to check before retrying; sending it again may do it twice.';

// The runtime's own transport, and fetch (undici), which hides the real error in `cause`.
describe.each([
  { transport: 'node:http', fetch: vendorFetch, reset: 'ECONNRESET' },
  { transport: 'fetch', fetch: globalThis.fetch, reset: 'UND_ERR_SOCKET' },
])('over $transport', ({ fetch, reset }) => {
  let vendor: Awaited<ReturnType<typeof startVendor>>;
  beforeAll(async () => {
    vendor = await startVendor();
  });
  afterAll(async () => vendor.close());

  const call = async (input: { readonly how: string; readonly status?: number; readonly write?: boolean }) => {
    const args = { how: input.how, ...(input.status !== undefined ? { status: input.status } : {}), ...(input.write === false ? {} : { text: 'Your refund is on its way' }) };
    const before = vendor.seen.length;
    const result = await callTool({ tool: input.write === false ? readMessage : sendMessage, args, config: config({ fetch, baseUrl: vendor.url, timeoutMs: 10_000 }) });
    return { isError: result.isError, said: text(result), arrived: vendor.seen.slice(before).map((line) => line.split(' ')[0]) };
  };

  describe('a write that reached the vendor and lost its answer may have taken effect', () => {
    it.each(['reset', 'close'])('the connection ends (%s) after the request arrived, before any answer', async (how) => {
      expect(await call({ how })).toStrictEqual({
        isError: true,
        said: `The connection to the vendor at ${new URL(vendor.url).host} broke before it answered (${reset}). The write may have taken effect: the request may have reached the vendor first. ${CHECK_FIRST}`,
        arrived: ['POST'],
      });
    });

    it.each([
      { how: 'cut-at-0', status: 200 },
      { how: 'cut-at-0', status: 201 },
      { how: 'cut-midway', status: 200 },
      { how: 'cut-midway', status: 201 },
    ])('a $status whose body breaks off ($how) most likely took effect', async ({ how, status }) => {
      expect(await call({ how, status })).toStrictEqual({ isError: true, said: `The vendor answered HTTP ${status} but the answer broke off (${reset}); it most likely took effect. ${CHECK_FIRST}`, arrived: ['POST'] });
    });

    it('a 201 whose gzip body cannot be decoded most likely took effect', async () => {
      expect(await call({ how: 'bad-gzip', status: 201 })).toStrictEqual({ isError: true, said: `The vendor answered HTTP 201 but the answer broke off (Z_DATA_ERROR); it most likely took effect. ${CHECK_FIRST}`, arrived: ['POST'] });
    });

    it('a 500 whose body breaks off may or may not have taken effect', async () => {
      expect((await call({ how: 'cut-midway', status: 500 })).said).toBe(`The vendor answered HTTP 500 but the answer broke off (${reset}). A write may or may not have taken effect: read the resource before retrying.`);
    });
  });

  describe('a read that lost its answer is a failure to read', () => {
    it('reset before any answer', async () => {
      expect((await call({ how: 'reset', write: false })).said).toBe(`Could not reach the vendor at ${new URL(vendor.url).host}: ${reset}.`);
    });

    it.each(['cut-at-0', 'cut-midway'])('a 200 whose body breaks off (%s)', async (how) => {
      expect((await call({ how, status: 200, write: false })).said).toBe(`The vendor answered HTTP 200 but the answer broke off (${reset}), so it could not be read.`);
    });
  });

  describe('a write that never left says nothing was sent', () => {
    it('the port is closed (ECONNREFUSED)', async () => {
      const closed = http.createServer();
      const port = await listen(closed);
      await new Promise((done) => closed.close(done));
      const result = await callTool({ tool: sendMessage, args: { how: 'x', text: 'hi' }, config: config({ fetch, baseUrl: `http://127.0.0.1:${port}` }) });
      expect(text(result)).toBe(`Could not reach the vendor at 127.0.0.1:${port}: ECONNREFUSED. Nothing was sent.`);
    });

    it('the vendor certificate is refused in the TLS handshake, before the request', async () => {
      let requests = 0;
      const server = https.createServer(SELF_SIGNED, (_request, response) => {
        requests += 1;
        response.end('{}');
      });
      const port = await listen(server);
      const result = await callTool({ tool: sendMessage, args: { how: 'x', text: 'hi' }, config: config({ fetch, baseUrl: `https://127.0.0.1:${port}` }) });
      await new Promise((done) => server.close(done));
      expect({ said: text(result), requests }).toStrictEqual({ said: `Could not reach the vendor at 127.0.0.1:${port}: DEPTH_ZERO_SELF_SIGNED_CERT. Nothing was sent.`, requests: 0 });
    });
  });
});

describe('a guarded write that lost its answer is read back, since it may have been done', () => {
  const SHIPMENTS: FullArrayGuard = { kind: 'full-array', arg: 'shipments', identity: ['tracking_code'], readPath: '/orders/{id}', currentPointer: '/shipments', confirmArg: 'confirm_removed_shipments' };
  const updateOrder: ToolDefinition = {
    ...tool({ name: 'update_order', http: { method: 'PUT', path: '/orders/{id}', args: { id: { in: 'path', name: 'id' }, shipments: { in: 'body', name: 'shipments' } }, body: { mediaType: 'application/json', encoding: 'json', mode: 'fields' } } }),
    safeguards: [SHIPMENTS],
  };
  const USPS = { tracking_code: '9400' };
  const UPS = { tracking_code: '1Z99' };
  const LEAD = 'The guarded list was read back to tell whether the write took effect: an entry this call sent that is missing means it most likely did not.';

  /** Holds one order; a PUT is applied (or not) and its answer lost in the way asked. */
  async function guardedVendor(input: { readonly applies: boolean; readonly lose: 'reset' | 'cut-midway' | 'stall' }) {
    let shipments: unknown[] = [USPS];
    const seen: string[] = [];
    const server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        seen.push(request.method!);
        if (request.method === 'GET') return void response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ shipments }));
        if (input.applies) shipments = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { shipments: unknown[] }).shipments;
        if (input.lose === 'reset') return void request.socket.destroy();
        if (input.lose === 'stall') return;
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('{"shipments":[', () => setTimeout(() => response.socket?.destroy(), 20));
      });
    });
    const url = `http://127.0.0.1:${await listen(server)}`;
    const result = await callTool({ tool: updateOrder, args: { id: 'o1', shipments: [USPS, UPS] }, config: config({ fetch: vendorFetch, baseUrl: url, timeoutMs: 500 }) });
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
    return { texts: (result.content as { text: string }[]).map((part) => part.text), seen, host: new URL(url).host };
  }

  it('reset before any answer, and the vendor had done it', async () => {
    const { texts, seen, host } = await guardedVendor({ applies: true, lose: 'reset' });
    expect(seen).toStrictEqual(['GET', 'PUT', 'GET']);
    expect(texts).toStrictEqual([
      `The connection to the vendor at ${host} broke before it answered (ECONNRESET). The write may have taken effect: the request may have reached the vendor first. ${CHECK_FIRST}`,
      LEAD,
      'Checked after the write: "shipments" holds every entry sent.',
    ]);
  });

  it('reset before any answer, and the vendor had not done it', async () => {
    const { texts } = await guardedVendor({ applies: false, lose: 'reset' });
    expect(texts.slice(1)).toStrictEqual([LEAD, `Warning: after the write, "shipments" no longer holds 1 entry this call sent: [${JSON.stringify(UPS)}]. Someone else may have changed it at the same time; read it and send them again if they should be there.`]);
  });

  it('a 200 that broke off midway', async () => {
    const { texts, seen } = await guardedVendor({ applies: true, lose: 'cut-midway' });
    expect(seen).toStrictEqual(['GET', 'PUT', 'GET']);
    expect(texts).toStrictEqual([`The vendor answered HTTP 200 but the answer broke off (ECONNRESET); it most likely took effect. ${CHECK_FIRST}`, LEAD, 'Checked after the write: "shipments" holds every entry sent.']);
  });

  it('no answer within the timeout', async () => {
    const { texts, seen, host } = await guardedVendor({ applies: true, lose: 'stall' });
    expect(seen).toStrictEqual(['GET', 'PUT', 'GET']);
    expect(texts).toStrictEqual([
      `The vendor did not answer within 500 ms (${host}). Nothing is known about whether the request took effect; read the resource before retrying a write.`,
      LEAD,
      'Checked after the write: "shipments" holds every entry sent.',
    ]);
  });

  it('a write that never left is not read back', async () => {
    const seen: string[] = [];
    const refusing = (async (url: string | URL | Request, init: RequestInit = {}) => {
      seen.push(init.method ?? 'GET');
      if (init.method === 'GET') return new Response(JSON.stringify({ shipments: [USPS] }), { headers: { 'content-type': 'application/json' } });
      throw Object.assign(new Error(`connect ECONNREFUSED ${String(url)}`), { code: 'ECONNREFUSED' });
    }) as typeof globalThis.fetch;
    const result = await callTool({ tool: updateOrder, args: { id: 'o1', shipments: [USPS, UPS] }, config: config({ fetch: refusing }) });
    expect({ texts: text(result), seen }).toStrictEqual({ texts: 'Could not reach the vendor at api.acme.test: ECONNREFUSED. Nothing was sent.', seen: ['GET', 'PUT'] });
  });
});
