import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../../templates/runtime/access-token.ts';
import type { AuthSettings, Principal } from '../../templates/runtime/bearer-auth.ts';
import { createServer } from '../../templates/runtime/create-server.ts';
import { serveHttp, type HttpServing } from '../../templates/runtime/serve-http.ts';
import { toolsInScope } from '../../templates/runtime/tool-scope.ts';
import { config, recordingFetch, tool } from './support.ts';

const SECRET = 'serve-http-secret-0123456789abcdef0123';
const AUTH: AuthSettings = { mode: 'bearer', audience: '@vendor-mcp/acme', secret: SECRET, staticTokens: ['static-token-for-tests-1'] };
const TOOLS = [tool({ name: 'list_orders', http: { method: 'GET', path: '/orders', args: {} } })];
const NOTHING = issueToken({ secret: SECRET, claims: { aud: AUTH.audience, name: 'nothing', iat: 0, exp: 4_000_000_000, scope: { tools: ['other'] } } });
const logged: string[] = [];
let serving: HttpServing;
let port: number;

beforeAll(async () => {
  const { fetch } = recordingFetch(() => new Response('[]', { headers: { 'content-type': 'application/json' } }));
  const toolsFor = (p: Principal) => toolsInScope({ tools: TOOLS, scopes: [p.scope] });
  serving = await serveHttp({
    options: { host: '127.0.0.1', port: 0, noAuth: false, allowedHosts: [], allowedOrigins: [], maxBodyBytes: 2_048 },
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

function probe(input: Probe): Promise<{ status: number; type: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: input.path ?? '/mcp', method: input.method ?? 'POST', headers: input.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, type: res.headers['content-type'], body: Buffer.concat(chunks).toString('utf8') }));
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
});
