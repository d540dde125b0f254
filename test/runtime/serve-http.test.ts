import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../templates/runtime/access-token.ts';
import type { AuthSettings, Principal } from '../../templates/runtime/bearer-auth.ts';
import { createServer } from '../../templates/runtime/create-server.ts';
import { serveHttp, type HttpServing } from '../../templates/runtime/serve-http.ts';
import { toolsInScope } from '../../templates/runtime/tool-scope.ts';
import { config, recordingFetch, tool } from './support.ts';

const SECRET = 'serve-http-secret-0123456789abcdef0123';
const AUTH: AuthSettings = { mode: 'bearer', audience: '@vendor-mcp/acme', secrets: { current: SECRET }, staticTokens: ['static-token-for-tests-1'], maxLifetimeDays: 90, tokenInUrl: false, requireApiTokenAuth: false };
const TOOLS = [tool({ name: 'list_orders', http: { method: 'GET', path: '/orders', args: {} } })];
const NOW_S = Math.floor(Date.now() / 1000);
const NOTHING = await issueToken({ secret: SECRET, claims: { aud: '@vendor-mcp/acme', name: 'nothing', iat: NOW_S, exp: NOW_S + 3_600, scope: { tools: ['other'] } } });
// Minted past `token create`'s name rule, as anyone holding the secret could: the refusal must still be a 401.
const SNOWMAN = await issueToken({ secret: SECRET, claims: { aud: '@vendor-mcp/acme', name: 'bot-☃-"x"', iat: NOW_S - 120, exp: NOW_S - 60, scope: {} } });
const logged: string[] = [];
let serving: HttpServing;
let port: number;

beforeAll(async () => {
  const { fetch } = recordingFetch(() => new Response('[]', { headers: { 'content-type': 'application/json' } }));
  const toolsFor = (p: Principal) => toolsInScope({ tools: TOOLS, scopes: [p.scope] });
  serving = await serveHttp({
    options: { host: '127.0.0.1', port: 0, auth: { mode: 'token', noAuth: false, tokenInUrl: false, requireApiTokenAuth: false }, allowedHosts: [], allowedOrigins: ['https://app.example'], maxBodyBytes: 2_048 },
    auth: AUTH,
    grants: (p) => toolsFor(p).length > 0,
    serverFor: (p) => createServer({ tools: toolsFor(p), config: config({ fetch }) }),
    health: { server: '@vendor-mcp/acme' },
    log: (event, fields) => logged.push(JSON.stringify({ event, ...fields })),
  });
  port = Number(new URL(serving.url).port);
});
afterAll(async () => serving?.close());

type Probe = { readonly path?: string; readonly method?: string; readonly headers?: Record<string, string>; readonly body?: string; readonly chunked?: boolean };

function probe(input: Probe): Promise<{ status: number; type: string | undefined; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: input.path ?? '/mcp', method: input.method ?? 'POST', headers: input.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, type: res.headers['content-type'], headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (input.chunked) for (let i = 0; i < 10; i += 1) req.write('x'.repeat(500));
    else if (input.body !== undefined) req.write(input.body);
    req.end();
  });
}

const MCP = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: 'Bearer static-token-for-tests-1' };
const LIST = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} });
/** The JSON-RPC message in a plain JSON or a one-event SSE answer. */
const rpc = (body: string) => JSON.parse(body.startsWith('{') ? body : /^data: (.*)$/m.exec(body)![1]!) as { result?: { tools?: { name: string }[] }; error?: { code: number; message: string } };
const TOOL_LIST = { type: 'text/event-stream', tools: ['list_orders'] };

describe('serveHttp', () => {
  it.each<{ readonly name: string; readonly given: Probe; readonly want: { readonly status: number; readonly code?: number; readonly message?: RegExp; readonly type?: string; readonly tools?: readonly string[]; readonly json?: unknown } }>([
    { name: 'a good request', given: { headers: MCP, body: LIST }, want: { status: 200, ...TOOL_LIST } },
    { name: '/healthz needs no token and ignores Host', given: { path: '/healthz', method: 'GET', headers: { host: 'lb-probe.internal' } }, want: { status: 200, type: 'application/json', json: { status: 'ok', server: '@vendor-mcp/acme' } } },
    { name: 'POST /healthz is not health', given: { path: '/healthz', headers: MCP, body: LIST }, want: { status: 404, code: -32000 } },
    { name: 'a foreign Host', given: { headers: { ...MCP, host: 'evil.test' }, body: LIST }, want: { status: 403, code: -32000 } },
    { name: 'a foreign Origin', given: { headers: { ...MCP, origin: 'https://evil.test' }, body: LIST }, want: { status: 403, code: -32000 } },
    { name: 'a loopback Origin', given: { headers: { ...MCP, origin: 'http://localhost:5173' }, body: LIST }, want: { status: 200, ...TOOL_LIST } },
    { name: 'no token', given: { headers: { ...MCP, authorization: '' }, body: LIST }, want: { status: 401, code: -32001 } },
    { name: 'a token granting nothing here', given: { headers: { ...MCP, authorization: `Bearer ${NOTHING}` }, body: LIST }, want: { status: 403, code: -32003 } },
    { name: 'a declared oversize body', given: { headers: MCP, body: 'x'.repeat(2_049) }, want: { status: 413, code: -32000 } },
    { name: 'a chunked oversize body (no length declared)', given: { headers: { ...MCP, 'transfer-encoding': 'chunked' }, chunked: true }, want: { status: 413, code: -32000 } },
    { name: 'malformed JSON', given: { headers: MCP, body: '{"jsonrpc":' }, want: { status: 400, code: -32700 } },
    { name: 'an empty body', given: { headers: MCP, body: '' }, want: { status: 400, code: -32700 } },
    { name: 'not JSON content (the SDK answers 415)', given: { headers: { ...MCP, 'content-type': 'text/plain' }, body: LIST }, want: { status: 415, code: -32000, message: /^Unsupported Media Type: Content-Type must be application\/json/ } },
    { name: 'GET is 405 in stateless mode', given: { method: 'GET', headers: { ...MCP, accept: 'text/event-stream' } }, want: { status: 405, code: -32000, message: /^Method not allowed/ } },
    { name: 'an unknown path', given: { path: '/', headers: MCP, body: LIST }, want: { status: 404, code: -32000 } },
  ])('$name → $want.status', async ({ given, want }) => {
    const response = await probe(given);
    expect(response.status).toBe(want.status);
    if (want.type !== undefined) expect(response.type).toBe(want.type);
    if (want.json !== undefined) expect(JSON.parse(response.body)).toStrictEqual(want.json);
    if (want.tools !== undefined) expect(rpc(response.body).result?.tools?.map((t) => t.name)).toStrictEqual(want.tools);
    if (want.code !== undefined) {
      expect(response.type).toBe('application/json');
      expect(rpc(response.body).error?.code).toBe(want.code);
    }
    if (want.message !== undefined) expect(rpc(response.body).error?.message).toMatch(want.message);
  });

  it('never logs a token: refused tokens are logged as refusals, without the token', async () => {
    const forged = 'vmcp1_forged.token-value-that-must-not-be-logged';
    const before = logged.length;
    await probe({ headers: { ...MCP, authorization: `Bearer ${forged}` }, body: LIST });
    await probe({ headers: { ...MCP, authorization: 'Bearer static-token-for-tests-2' }, body: LIST });
    await probe({ headers: MCP, body: LIST });
    const lines = logged.slice(before);
    expect(lines.map((line) => (JSON.parse(line) as { event: string }).event)).toStrictEqual(['unauthorized', 'unauthorized']);
    expect(lines.join('\n')).not.toMatch(/static-token-for-tests|vmcp1_|token-value-that-must-not/);
  });

  it('a token name beyond Latin-1 or with quotes: 401 with an ASCII challenge, not a 500 (issue 20 §5)', async () => {
    const response = await probe({ headers: { ...MCP, authorization: `Bearer ${SNOWMAN}` }, body: LIST });
    expect({ status: response.status, challenge: response.headers['www-authenticate'] }).toStrictEqual({
      status: 401,
      challenge: `Bearer error="invalid_token", error_description="The token 'bot-?-/'x/'' expired at ${new Date((NOW_S - 60) * 1000).toISOString()}."`,
    });
    expect(JSON.parse(response.body).error.message).toContain('"bot-☃-\\"x\\""');
  });

  it('a token in the path of a server without --token-in-url: 401, and the path is not echoed', async () => {
    const response = await probe({ path: `/mcp/${NOTHING}`, headers: { ...MCP, authorization: '' }, body: LIST });
    expect({ status: response.status, message: JSON.parse(response.body).error.message }).toStrictEqual({ status: 401, message: 'Unauthorized: This server takes no token in the URL (start it with --token-in-url).' });
    expect(response.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
  });

  it.each([
    { path: '/mcp/a/b', status: 404 },
    { path: '/mcp/', status: 404 },
    { path: '/mcpx', status: 404 },
    // The token route is anchored at the start: a path that only ends in /mcp/<token> is not the endpoint.
    { path: '/x/mcp/abc', status: 404 },
  ])('$path → $status', async ({ path, status }) => expect((await probe({ path, headers: MCP, body: LIST })).status).toBe(status));

  describe('CORS', () => {
    it('a preflight from a configured origin names the allowed headers and methods', async () => {
      const response = await probe({ method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, mcp-protocol-version, mcp-param-id' } });
      expect(response.status).toBe(204);
      expect(response.headers['access-control-allow-origin']).toBe('https://app.example');
      expect(response.headers['access-control-allow-methods']).toBe('GET, POST, DELETE, OPTIONS');
      expect(String(response.headers['access-control-allow-headers']).split(', ')).toEqual(expect.arrayContaining(['authorization', 'mcp-protocol-version', 'mcp-session-id', 'mcp-param-id']));
    });

    it('a preflight may not smuggle other headers in', async () => {
      const response = await probe({ method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-headers': 'x-admin' } });
      expect(String(response.headers['access-control-allow-headers'])).not.toContain('x-admin');
    });

    it('a preflight from another origin is refused', async () => {
      const response = await probe({ method: 'OPTIONS', headers: { origin: 'https://evil.test', 'access-control-request-method': 'POST' } });
      expect({ status: response.status, allow: response.headers['access-control-allow-origin'] }).toStrictEqual({ status: 403, allow: undefined });
    });

    it('answers to a configured origin expose the MCP headers; refusals too', async () => {
      const ok = await probe({ headers: { ...MCP, origin: 'https://app.example' }, body: LIST });
      expect({ status: ok.status, allow: ok.headers['access-control-allow-origin'], expose: ok.headers['access-control-expose-headers'] }).toStrictEqual({
        status: 200,
        allow: 'https://app.example',
        expose: 'mcp-session-id, mcp-protocol-version, www-authenticate',
      });
      const refused = await probe({ headers: { ...MCP, origin: 'https://app.example', authorization: '' }, body: LIST });
      expect({ status: refused.status, allow: refused.headers['access-control-allow-origin'] }).toStrictEqual({ status: 401, allow: 'https://app.example' });
    });

    it('no Origin, no CORS headers', async () => expect((await probe({ headers: MCP, body: LIST })).headers['access-control-allow-origin']).toBeUndefined());
  });

  it('never logs a token', () => expect(logged.join('\n')).not.toMatch(new RegExp(`static-token-for-tests-1|${NOTHING.slice(0, 20)}|${SNOWMAN.slice(-20)}`)));
});
