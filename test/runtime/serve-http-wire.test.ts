import { request } from 'node:http';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../templates/runtime/access-token.ts';
import type { AuthSettings, Principal } from '../../templates/runtime/bearer-auth.ts';
import { serveHttp, type HttpServing } from '../../templates/runtime/serve-http.ts';

/**
 * serveHttp in token mode with --token-in-url, in process over real HTTP: what reaches the SDK (and so
 * any tool), body limits at their exact boundaries (declared and streamed), answers without a body,
 * the log of each refusal, and the routes each method may take.
 */
const SECRET = 'serve-http-wire-secret-0123456789abcdef';
const STATIC = 'static-token-for-wire-tests-1';
const AUTH: AuthSettings = { mode: 'bearer', audience: '@vendor-mcp/acme', secrets: { current: SECRET }, staticTokens: [STATIC], maxLifetimeDays: 90, tokenInUrl: true, requireApiTokenAuth: false };
const NOW_S = Math.floor(Date.now() / 1000);
const claims = (name: string) => ({ aud: '@vendor-mcp/acme', name, jti: `jti-${name}`, iat: NOW_S, exp: NOW_S + 3_600, scope: {} });
const ALICE = await issueToken({ secret: SECRET, claims: claims('alice') });
const NOTHING = await issueToken({ secret: SECRET, claims: claims('nothing') });
const LIMIT = 2_048;

/** One tool that shows what the SDK handed it: the request (URL, headers) and the auth info. */
function echoServer(principal: Principal): McpServer {
  const server = new McpServer({ name: 'echo', version: '1.0.0' });
  server.registerTool('echo', { description: 'Shows the request as the tool sees it.', inputSchema: z.object({}) }, async (_args, ctx) => {
    const req = ctx.http?.req;
    const seen = { url: req?.url, headers: Object.fromEntries(req?.headers.entries() ?? []), authInfo: ctx.http?.authInfo, principal: principal.name };
    return { content: [{ type: 'text', text: JSON.stringify(seen) }] };
  });
  return server;
}

const logged: Record<string, unknown>[] = [];
let serving: HttpServing;
let port: number;

beforeAll(async () => {
  serving = await serveHttp({
    options: { host: '127.0.0.1', port: 0, auth: { mode: 'token', noAuth: false, tokenInUrl: true, requireApiTokenAuth: false }, allowedHosts: [], allowedOrigins: ['https://app.example'], maxBodyBytes: LIMIT },
    auth: AUTH,
    grants: (p) => p.name !== 'nothing',
    serverFor: echoServer,
    health: { server: '@vendor-mcp/acme' },
    log: (event, fields) => logged.push({ event, ...fields }),
  });
  port = Number(new URL(serving.url).port);
});
afterAll(async () => serving?.close());

type Answer = { readonly status: number; readonly headers: Record<string, string | string[] | undefined>; readonly body: string };
type Probe = { readonly path?: string; readonly method?: string; readonly headers?: Record<string, string>; readonly body?: string };

function probe(input: Probe): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: input.path ?? '/mcp', method: input.method ?? 'POST', headers: input.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (input.body !== undefined) req.write(input.body);
    req.end();
  });
}

const MCP = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
const BEARER = { ...MCP, authorization: `Bearer ${STATIC}` };
const rpc = (body: string) => JSON.parse(body.startsWith('{') ? body : /^data: (.*)$/m.exec(body)![1]!) as { result?: { content?: { text: string }[] }; error?: { code: number; message: string } };
const CALL_ECHO = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'echo', arguments: {} } });
const errorOf = (answer: Answer) => (JSON.parse(answer.body) as { error: unknown; jsonrpc: string; id: unknown });
const logSince = (start: number) => logged.slice(start);

describe('what reaches the SDK and the tools', () => {
  it('no Authorization, no Cookie, the bare endpoint URL (never the URL token), an empty token in authInfo', async () => {
    const answer = await probe({ path: `/mcp/${ALICE}`, headers: { ...MCP, authorization: `Bearer ${STATIC}`, cookie: 'session=s3cret', 'x-trace': 't-1' }, body: CALL_ECHO });
    expect(answer.status).toBe(200);
    const seen = JSON.parse(rpc(answer.body).result!.content![0]!.text) as { url: string; headers: Record<string, string>; authInfo: unknown; principal: string };
    expect(seen.url).toBe(`http://127.0.0.1:${port}/mcp`);
    expect(seen.headers['x-trace']).toBe('t-1');
    expect(seen.headers['host']).toBe(`127.0.0.1:${port}`);
    expect(Object.keys(seen.headers).filter((name) => name === 'authorization' || name === 'cookie')).toStrictEqual([]);
    expect(JSON.stringify(seen)).not.toContain(ALICE);
    expect(seen.authInfo).toStrictEqual({ token: '', clientId: 'token:jti-alice', scopes: [], extra: { principal: { id: 'token:jti-alice', name: 'alice', scope: {} } } });
  });

  it('the SDK client works through a URL token', async () => {
    const client = new Client({ name: 'wire-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp/${ALICE}`)));
    try {
      const result = (await client.callTool({ name: 'echo', arguments: {} })) as { content: { text: string }[] };
      expect((JSON.parse(result.content[0]!.text) as { principal: string }).principal).toBe('alice');
    } finally {
      await client.close();
    }
  });

  it('a notification is accepted with 202 and an empty body (the answer has no body to stream)', async () => {
    const answer = await probe({ headers: BEARER, body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) });
    expect({ status: answer.status, body: answer.body }).toStrictEqual({ status: 202, body: '' });
  });

  it('the transport reports what it refuses to the log (415: not JSON content)', async () => {
    const start = logged.length;
    const answer = await probe({ headers: { ...BEARER, 'content-type': 'text/plain' }, body: CALL_ECHO });
    expect(answer.status).toBe(415);
    expect(logSince(start)).toStrictEqual([{ event: 'transport_error', message: 'Unsupported Media Type: Content-Type must be application/json' }]);
  });
});

describe('body limits at the boundary', () => {
  const TOO_LARGE = { jsonrpc: '2.0', error: { code: -32000, message: `Payload too large: the limit is ${LIMIT} bytes.` }, id: null };
  const NOT_JSON = { jsonrpc: '2.0', error: { code: -32700, message: 'Parse error: the request body is not valid JSON.' }, id: null };

  it.each([
    { name: 'declared, exactly the limit', bytes: LIMIT, declared: true, want: { status: 400, body: NOT_JSON } },
    { name: 'declared, one byte more', bytes: LIMIT + 1, declared: true, want: { status: 413, body: TOO_LARGE } },
    { name: 'streamed, exactly the limit', bytes: LIMIT, declared: false, want: { status: 400, body: NOT_JSON } },
    { name: 'streamed, one byte more', bytes: LIMIT + 1, declared: false, want: { status: 413, body: TOO_LARGE } },
  ])('$name → $want.status', async ({ bytes, declared, want }) => {
    const length: Record<string, string> = declared ? { 'content-length': String(bytes) } : { 'transfer-encoding': 'chunked' };
    const answer = await probe({ headers: { ...BEARER, ...length }, body: 'x'.repeat(bytes) });
    expect({ status: answer.status, body: errorOf(answer) }).toStrictEqual(want);
  });

  it('a 413 closes the connection and keeps the CORS headers', async () => {
    const answer = await probe({ headers: { ...BEARER, origin: 'https://app.example', 'content-length': String(LIMIT + 1) }, body: 'x'.repeat(LIMIT + 1) });
    expect({ status: answer.status, connection: answer.headers['connection'], allow: answer.headers['access-control-allow-origin'] }).toStrictEqual({ status: 413, connection: 'close', allow: 'https://app.example' });
  });

  it('a declared oversize length is refused before any of the body arrives', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/mcp', method: 'POST', headers: { ...BEARER, 'content-length': String(LIMIT * 10) } }, (res) => {
        resolve(res.statusCode!);
        res.resume();
        req.destroy();
      });
      req.on('error', () => undefined);
      req.flushHeaders();
      setTimeout(() => reject(new Error('no answer before the body')), 2_000);
    });
    expect(status).toBe(413);
  });

  it('a client that goes away mid-body is logged as an HTTP error, not answered as too large', async () => {
    const start = logged.length;
    const req = request({ host: '127.0.0.1', port, path: '/mcp', method: 'POST', headers: { ...BEARER, 'content-length': '100' } });
    req.on('error', () => undefined);
    req.write('{"jsonrpc":');
    await new Promise((resolve) => setTimeout(resolve, 100));
    req.destroy();
    for (let i = 0; i < 40 && logSince(start).length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(logSince(start)).toStrictEqual([{ event: 'http_error', message: 'aborted' }]);
  });
});

describe('refusals: the status, the envelope, the challenge and the log line', () => {
  it('a bad URL token: 401 with invalid_token (a URL token is a credential), logged without the token', async () => {
    const start = logged.length;
    const forged = `${ALICE.slice(0, -4)}AAAA`;
    const reason = "The token's signature is invalid: it was not issued with this server's MCP_TOKEN_SECRET (or MCP_TOKEN_SECRET_PREVIOUS), or it was altered.";
    const answer = await probe({ path: `/mcp/${forged}`, headers: MCP, body: CALL_ECHO });
    expect({ status: answer.status, body: errorOf(answer) }).toStrictEqual({ status: 401, body: { jsonrpc: '2.0', error: { code: -32001, message: `Unauthorized: ${reason}` }, id: null } });
    expect(answer.headers['www-authenticate']).toBe(`Bearer error="invalid_token", error_description="${reason}"`);
    expect(logSince(start)).toStrictEqual([{ event: 'unauthorized', status: 401, reason }]);
    expect(JSON.stringify(logSince(start))).not.toContain(forged.slice(0, 40));
  });

  it('no credentials at all: a bare challenge', async () => {
    const answer = await probe({ headers: MCP, body: CALL_ECHO });
    expect({ status: answer.status, challenge: answer.headers['www-authenticate'], code: (errorOf(answer).error as { code: number }).code }).toStrictEqual({ status: 401, challenge: 'Bearer', code: -32001 });
  });

  // Its challenge names no scope: a token's scope comes from token create, not from an authorization server.
  it('a token granting nothing here: 403 naming the token', async () => {
    const answer = await probe({ path: `/mcp/${NOTHING}`, headers: MCP, body: CALL_ECHO });
    expect({ status: answer.status, body: errorOf(answer) }).toStrictEqual({ status: 403, body: { jsonrpc: '2.0', error: { code: -32003, message: 'Forbidden: The token "nothing" grants no tool that this server offers.' }, id: null } });
    expect(answer.headers['www-authenticate']).toBe(`Bearer error="insufficient_scope", error_description="The token 'nothing' grants no tool that this server offers."`);
  });

  it('a foreign Host or Origin: 403 with the reason, before any token is checked', async () => {
    const start = logged.length;
    for (const [headers, message] of [
      [{ host: 'evil.test' }, 'Forbidden: Host "evil.test" is not allowed (allow it with --allowed-hosts).'],
      [{ origin: 'https://evil.test' }, 'Forbidden: Origin "https://evil.test" is not allowed (allow it with --allowed-origins).'],
    ] as const) {
      const answer = await probe({ headers: { ...MCP, ...headers, authorization: 'Bearer wrong' }, body: CALL_ECHO });
      expect({ status: answer.status, body: errorOf(answer) }).toStrictEqual({ status: 403, body: { jsonrpc: '2.0', error: { code: -32000, message }, id: null } });
    }
    expect(logSince(start)).toStrictEqual([]);
  });
});

describe('routes and methods', () => {
  it.each([
    { name: 'HEAD /healthz', method: 'HEAD', path: '/healthz', status: 200 },
    { name: 'DELETE /healthz is not health', method: 'DELETE', path: '/healthz', status: 404 },
    { name: 'OPTIONS on an unknown path is no preflight', method: 'OPTIONS', path: '/nowhere', status: 404 },
    { name: 'OPTIONS on the metadata path of a server without OAuth', method: 'OPTIONS', path: '/.well-known/oauth-protected-resource/mcp', status: 404 },
    { name: 'GET on the metadata path of a server without OAuth', method: 'GET', path: '/.well-known/oauth-protected-resource', status: 404 },
    { name: 'OPTIONS on the endpoint', method: 'OPTIONS', path: '/mcp', status: 204 },
    { name: 'OPTIONS on a URL-token endpoint', method: 'OPTIONS', path: `/mcp/${ALICE}`, status: 204 },
    { name: 'DELETE on the endpoint (stateless: no session to end)', method: 'DELETE', path: '/mcp', status: 405 },
  ])('$name → $status', async ({ method, path, status }) => {
    expect((await probe({ method, path, headers: { ...BEARER, origin: 'https://app.example' } })).status).toBe(status);
  });

  it('the 404 names the endpoint and keeps the CORS headers', async () => {
    const answer = await probe({ path: '/nowhere', headers: { ...BEARER, origin: 'https://app.example' }, body: CALL_ECHO });
    expect({ body: errorOf(answer), allow: answer.headers['access-control-allow-origin'] }).toStrictEqual({
      body: { jsonrpc: '2.0', error: { code: -32000, message: `Not found: the MCP endpoint is http://127.0.0.1:${port}/mcp.` }, id: null },
      allow: 'https://app.example',
    });
  });
});
