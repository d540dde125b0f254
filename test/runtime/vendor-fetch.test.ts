import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool } from '../../templates/runtime/call-tool.ts';
import type { HttpBinding } from '../../templates/runtime/tool-definition.ts';
import { vendorFetch } from '../../templates/runtime/vendor-fetch.ts';
import { config, tool } from './support.ts';

const MIB = 1024 * 1024;
type Seen = { method: string; url: string; body: string; headers: http.IncomingHttpHeaders };

/** A local vendor: each path misbehaves in one way; every request it saw is recorded. */
function startVendor(): Promise<{ url: string; seen: Seen[]; closedEarly: () => number; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  let closedEarly = 0;
  const bomb = zlib.gzipSync(Buffer.alloc(64 * MIB, 0x20));
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      seen.push({ method: request.method!, url: request.url!, body: Buffer.concat(chunks).toString('utf8'), headers: request.headers });
      if (request.url === '/bomb') {
        response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        response.end(bomb);
      } else if (request.url === '/endless') {
        response.writeHead(200, { 'content-type': 'application/json' });
        const line = Buffer.alloc(64 * 1024, 0x20);
        const pump = () => {
          while (response.write(line));
        };
        response.on('drain', pump);
        response.on('close', () => {
          if (!response.writableFinished) closedEarly += 1;
        });
        pump();
      } else if (request.url === '/stall') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('{"partial":');
      } else if (request.url === '/gzip') {
        response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        response.end(zlib.gzipSync(JSON.stringify({ ok: true, echo: Buffer.concat(chunks).toString('utf8') })));
      } else if (request.url === '/headers') {
        // Raw headers: a repeated name, and names in mixed case.
        response.writeHead(200, ['Content-Type', 'application/json', 'X-Rate', '5', 'x-rate', '6', 'X-Request-Id', 'r-1']);
        response.end('{}');
      } else if (request.url === '/no-content') {
        response.writeHead(204, { 'x-done': 'yes' });
        response.end();
      } else if (request.url === '/gzip-cut') {
        // A compressed body whose connection dies halfway: the decoder must hear of it.
        response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        const whole = zlib.gzipSync(JSON.stringify({ padding: 'x'.repeat(200_000), random: Math.random() }), { level: 0 });
        response.write(whole.subarray(0, 4096), () => response.socket?.destroy());
      } else if (request.url === '/reason') {
        // A reason phrase goes out as Latin-1: U+0080-U+00FF pass Node's check, C1 controls among them.
        response.writeHead(502, 'Bad\u0080\u009b31mGateway', { 'content-type': 'text/plain' });
        response.end();
      } else if (request.url === '/redirect') {
        response.writeHead(302, { location: '/gzip' });
        response.end();
      } else {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ method: request.method, body: Buffer.concat(chunks).toString('utf8') }));
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, seen, closedEarly: () => closedEarly, close: () => new Promise((done) => server.close(() => done())) });
    }),
  );
}

const getWithBody = tool({
  name: 'nav_boards',
  http: { method: 'GET', path: '/{where}', args: { where: { in: 'path', name: 'where' }, filter: { in: 'body', name: 'filter' } }, body: { mediaType: 'application/json', encoding: 'json', mode: 'fields' } } satisfies HttpBinding,
});

describe('the node:http transport', () => {
  let vendor: Awaited<ReturnType<typeof startVendor>>;
  beforeAll(async () => {
    vendor = await startVendor();
  });
  afterAll(async () => vendor.close());


  const run = (args: Record<string, unknown>, maxResponseBytes = MIB) => callTool({ tool: getWithBody, args, config: config({ fetch: vendorFetch, baseUrl: vendor.url, maxResponseBytes }) });

  it('sends body arguments as JSON on a GET, which fetch refuses to do', async () => {
    const result = await run({ where: 'plain', filter: { board: 'b1' } });
    expect(result.structuredContent).toStrictEqual({ method: 'GET', body: '{"filter":{"board":"b1"}}' });
    expect(vendor.seen.at(-1)!.headers['content-type']).toBe('application/json');
  });

  it('decodes a gzip body and asks for compressed bodies', async () => {
    const result = await run({ where: 'gzip', filter: 1 });
    expect(result.structuredContent).toStrictEqual({ ok: true, echo: '{"filter":1}' });
    expect(vendor.seen.at(-1)!.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('does not follow a redirect', async () => {
    const result = await run({ where: 'redirect' });
    expect(result.isError).toBe(true);
    expect(vendor.seen.at(-1)!.url).toBe('/redirect');
  });

  it('a small gzip body that decompresses past the limit is refused, naming the limit and the variable', async () => {
    const result = await run({ where: 'bomb' });
    expect(result).toStrictEqual({
      isError: true,
      content: [{ type: 'text', text: `The vendor's answer was larger than ${MIB} bytes, the server's limit, so it was not read. Ask for less (a smaller limit, a narrower filter), or have the operator raise ACME_MAX_RESPONSE_BYTES.` }],
    });
  });

  it('an endless body is cut off at the limit, the connection closed, and the next call is served', async () => {
    const result = await run({ where: 'endless' }, 4 * MIB);
    expect(result.isError).toBe(true);
    expect((result.content[0] as { text: string }).text).toContain(`larger than ${4 * MIB} bytes`);
    await expect.poll(() => vendor.closedEarly()).toBe(1);
    expect((await run({ where: 'plain' })).structuredContent).toStrictEqual({ method: 'GET', body: '' });
  });

  it('the timeout also ends a body that stalls halfway, as a timeout', async () => {
    const result = await callTool({ tool: getWithBody, args: { where: 'stall' }, config: config({ fetch: vendorFetch, baseUrl: vendor.url, timeoutMs: 300 }) });
    expect(result).toStrictEqual({ isError: true, content: [{ type: 'text', text: `The vendor did not answer within 300 ms (${new URL(vendor.url).host}). Nothing is known about whether the request took effect; read the resource before retrying a write.` }] });
  });

  it('C1 controls in the reason phrase never reach the result', async () => {
    const result = await run({ where: 'reason' });
    expect(result).toStrictEqual({
      isError: true,
      content: [{ type: 'text', text: 'The vendor answered HTTP 502 BadGateway. The vendor failed. A write may or may not have taken effect: read the resource before retrying.' }],
      structuredContent: { status: 502, message: 'BadGateway' },
    });
  });

  it('passes the response headers on, a repeated one joined', async () => {
    const response = await vendorFetch(`${vendor.url}/headers`);
    const names = ['content-type', 'x-rate', 'x-request-id'];
    expect(names.map((name) => response.headers.get(name))).toStrictEqual(['application/json', '5, 6', 'r-1']);
    expect(response.headers.has('undefined')).toBe(false);
    expect(await response.text()).toBe('{}');
  });

  it('a 204 has no body, and its headers still arrive', async () => {
    const response = await vendorFetch(`${vendor.url}/no-content`, { method: 'DELETE' });
    expect({ status: response.status, body: response.body, done: response.headers.get('x-done') }).toStrictEqual({ status: 204, body: null, done: 'yes' });
  });

  it('a compressed body cut off halfway fails as an answer that broke off, not a hang', async () => {
    const result = await callTool({ tool: getWithBody, args: { where: 'gzip-cut' }, config: config({ fetch: vendorFetch, baseUrl: vendor.url, timeoutMs: 10_000 }) });
    expect(result).toStrictEqual({ isError: true, content: [{ type: 'text', text: 'The vendor answered HTTP 200 but the answer broke off (ECONNRESET), so it could not be read.' }] });
  });

  it('a body exactly at the limit is read; one byte more is not', async () => {
    const text = JSON.stringify({ method: 'GET', body: '' });
    const size = Buffer.byteLength(text);
    expect((await run({ where: 'plain' }, size)).structuredContent).toStrictEqual({ method: 'GET', body: '' });
    expect((await run({ where: 'plain' }, size - 1)).isError).toBe(true);
  });
});
