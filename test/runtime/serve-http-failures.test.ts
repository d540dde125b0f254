import { createServer, request } from 'node:http';
import { connect } from 'node:net';
import { McpServer } from '@modelcontextprotocol/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../templates/runtime/access-token.ts';
import type { AuthSettings } from '../../templates/runtime/bearer-auth.ts';
import { serveHttp, type HttpServing } from '../../templates/runtime/serve-http.ts';
import type { HttpOptions } from '../../templates/runtime/server-options.ts';

/**
 * What serveHttp does when its own code fails (a 500 envelope, a log line with any signed token in the
 * message redacted) and the URL it reports for an IPv6 bind address.
 */
const SECRET = 'serve-http-failures-secret-0123456789ab';
const AUTH: AuthSettings = { mode: 'bearer', audience: '@vendor-mcp/acme', secrets: { current: SECRET }, staticTokens: [], maxLifetimeDays: 90, tokenInUrl: true, requireApiTokenAuth: false };
const NOW_S = Math.floor(Date.now() / 1000);
const BOOM = await issueToken({ secret: SECRET, claims: { aud: '@vendor-mcp/acme', name: 'boom', iat: NOW_S, exp: NOW_S + 3_600, scope: {} } });
const OPTIONS: HttpOptions = { host: '127.0.0.1', port: 0, auth: { mode: 'token', noAuth: false, tokenInUrl: true, requireApiTokenAuth: false }, allowedHosts: [], allowedOrigins: [], maxBodyBytes: 4_096 };

const logged: Record<string, unknown>[] = [];
let serving: HttpServing;

beforeAll(async () => {
  serving = await serveHttp({
    options: OPTIONS,
    auth: AUTH,
    // A scope lookup that fails and quotes the URL it was asked about, URL token and all.
    grants: () => {
      throw new Error(`scope lookup failed for /mcp/${BOOM} (retry later)`);
    },
    serverFor: () => new McpServer({ name: 'unused', version: '1.0.0' }),
    health: {},
    log: (event, fields) => logged.push({ event, ...fields }),
  });
});
afterAll(async () => serving?.close());

function post(path: string): Promise<{ readonly status: number; readonly body: string }> {
  const port = Number(new URL(serving.url).port);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }));
  });
}

describe('a failure inside the server', () => {
  it('answers 500 with the JSON-RPC internal error, and logs the message with the signed token redacted', async () => {
    const start = logged.length;
    const answer = await post(`/mcp/${BOOM}`);
    expect({ status: answer.status, body: JSON.parse(answer.body) as unknown }).toStrictEqual({ status: 500, body: { jsonrpc: '2.0', error: { code: -32603, message: 'Internal error.' }, id: null } });
    expect(logged.slice(start)).toStrictEqual([{ event: 'http_error', message: 'scope lookup failed for /mcp/[redacted] (retry later)' }]);
  });
});

describe('the URL it reports', () => {
  it('brackets an IPv6 bind address', async () => {
    const v6 = await serveHttp({ options: { ...OPTIONS, host: '::1' }, auth: AUTH, grants: () => true, serverFor: () => new McpServer({ name: 'unused', version: '1.0.0' }), health: {}, log: () => undefined });
    try {
      expect(v6.url).toBe(`http://[::1]:${new URL(v6.url).port}/mcp`);
      expect(new URL(v6.url).port).not.toBe('0');
    } finally {
      await v6.close();
    }
  });

  it('leaves an IPv4 address as it is', () => expect(serving.url).toBe(`http://127.0.0.1:${new URL(serving.url).port}/mcp`));
});

describe('listening and closing', () => {
  const start = (port: number) => serveHttp({ options: { ...OPTIONS, port }, auth: AUTH, grants: () => true, serverFor: () => new McpServer({ name: 'unused', version: '1.0.0' }), health: {}, log: () => undefined });

  it('a port already taken rejects with the listen error', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      await expect(start((taken.address() as { port: number }).port)).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('close() stops listening: a new connection is refused', async () => {
    const closing = await start(0);
    const port = Number(new URL(closing.url).port);
    await closing.close();
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        resolve('connected');
      });
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    expect(outcome).toBe('ECONNREFUSED');
  });
});
