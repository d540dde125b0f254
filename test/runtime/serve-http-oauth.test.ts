import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthSettings, Principal } from '../../templates/runtime/bearer-auth.ts';
import { createServer } from '../../templates/runtime/create-server.ts';
import { oauthScopes, protectedResourceMetadata, type OAuthConfig, type OAuthVerifier } from '../../templates/runtime/oauth-resource.ts';
import { serveHttp, type HttpServing } from '../../templates/runtime/serve-http.ts';
import { toolsInScope } from '../../templates/runtime/tool-scope.ts';
import { config, recordingFetch, tool } from './support.ts';

/**
 * serveHttp in OAuth mode, in process over real HTTP: the hosts of --public-url and --resource are
 * allowed without --allowed-hosts, the protected-resource metadata answers GET and HEAD on its own
 * paths only, and every refusal (401, 403 without scope, 403 step-up for one tool, 503) has its
 * JSON-RPC code, its label and the challenge RFC 6750/9728 ask for (none on a 503).
 */
const RESOURCE = 'https://res.example.org/mcp';
const METADATA = 'https://res.example.org/.well-known/oauth-protected-resource/mcp';
const TOOLS = [tool({ name: 'list_orders', http: { method: 'GET', path: '/orders', args: {} } }), tool({ name: 'delete_order', http: { method: 'DELETE', path: '/orders/1', args: {} } })];
const oauthConfig: OAuthConfig = { issuer: 'https://as.example', vendorSlug: 'acme', resource: RESOURCE };

/** `good`: every scope; `noscope`: none of this server's; `writer`: one of ours that reaches no tool here (every tool is `custom`); `down`: the issuer cannot be reached; `held`: nor for 4 s more. */
const verifier: OAuthVerifier = {
  verify: async ({ token }) => {
    if (token === 'good') return { payload: { sub: 'alice', scope: oauthScopes('acme').join(' ') } };
    if (token === 'noscope') return { payload: { sub: 'bob', scope: 'other:read' } };
    if (token === 'writer') return { payload: { sub: 'carol', scope: 'acme:write' } };
    if (token === 'down') return { unavailable: 'The issuer https://as.example could not be reached.' };
    if (token === 'held') return { unavailable: 'The issuer https://as.example could not be reached.', retryAfterSeconds: 4 };
    return { reason: 'The token is not good.' };
  },
};

let serving: HttpServing;
let port: number;

beforeAll(async () => {
  const { fetch } = recordingFetch(() => new Response('[]', { headers: { 'content-type': 'application/json' } }));
  const toolsFor = (p: Principal) => toolsInScope({ tools: TOOLS, scopes: [p.scope] });
  const auth: AuthSettings = { mode: 'oauth', config: oauthConfig, verifier };
  serving = await serveHttp({
    options: { host: '127.0.0.1', port: 0, publicUrl: 'https://mcp.example.com', auth: { mode: 'oauth', noAuth: false, tokenInUrl: false, requireApiTokenAuth: false }, allowedHosts: [], allowedOrigins: [], maxBodyBytes: 4_096 },
    auth,
    grants: (p) => toolsFor(p).length > 0,
    serverFor: (p) => createServer({ tools: toolsFor(p), config: config({ fetch }) }),
    // Step-up: deleting needs a scope beyond what any token here is checked for; the custom scope grants a tool.
    missingScope: ({ tool: name }) => (name === undefined ? 'acme:custom' : name === 'delete_order' ? 'acme:delete' : undefined),
    protectedResource: { resource: RESOURCE, document: (r) => protectedResourceMetadata({ config: oauthConfig, resource: r, scopes: oauthScopes('acme') }), scopes: oauthScopes('acme') },
    health: {},
    log: () => undefined,
  });
  port = Number(new URL(serving.url).port);
});
afterAll(async () => serving?.close());

type Answer = { readonly status: number; readonly challenge: string | undefined; readonly retryAfter: string | undefined; readonly body: string; readonly type: string | undefined };

function probe(input: { readonly path?: string; readonly method?: string; readonly headers?: Record<string, string>; readonly body?: unknown }): Promise<Answer> {
  const method = input.method ?? 'POST';
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', host: 'mcp.example.com', ...input.headers };
    const req = request({ host: '127.0.0.1', port, path: input.path ?? '/mcp', method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, challenge: res.headers['www-authenticate'] as string | undefined, retryAfter: res.headers['retry-after'], type: res.headers['content-type'], body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (method === 'POST') req.write(JSON.stringify(input.body ?? { jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }));
    req.end();
  });
}

const call = (name: string) => ({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name, arguments: {} } });
const envelope = (code: number, message: string) => ({ jsonrpc: '2.0', error: { code, message }, id: null });
const rpc = (body: string) => JSON.parse(body.startsWith('{') ? body : /^data: (.*)$/m.exec(body)![1]!) as { result?: unknown; error?: { code: number } };

describe('hosts: the public URL and the resource are allowed without --allowed-hosts', () => {
  it.each([
    { host: 'mcp.example.com', status: 401 },
    { host: 'res.example.org', status: 401 },
    { host: 'MCP.EXAMPLE.COM', status: 401 },
    { host: 'other.example.com', status: 403 },
  ])('Host $host → $status', async ({ host, status }) => expect((await probe({ headers: { host } })).status).toBe(status));
});

describe('protected-resource metadata', () => {
  const DOCUMENT = { resource: RESOURCE, authorization_servers: ['https://as.example'], scopes_supported: oauthScopes('acme'), bearer_methods_supported: ['header'] };

  it.each(['/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/mcp'])('GET %s: the document, with no token', async (path) => {
    const answer = await probe({ path, method: 'GET' });
    expect({ status: answer.status, type: answer.type, body: JSON.parse(answer.body) as unknown }).toStrictEqual({ status: 200, type: 'application/json', body: DOCUMENT });
  });

  it('HEAD on it answers 200 too', async () => expect((await probe({ path: '/.well-known/oauth-protected-resource/mcp', method: 'HEAD' })).status).toBe(200));

  it.each([
    { name: 'POST on the metadata path', path: '/.well-known/oauth-protected-resource', method: 'POST', status: 404 },
    { name: 'GET on another path', path: '/elsewhere', method: 'GET', status: 404 },
    { name: 'GET on the endpoint is no metadata', path: '/mcp', method: 'GET', status: 401 },
  ])('$name → $status', async ({ path, method, status }) => expect((await probe({ path, method })).status).toBe(status));
});

describe('refusals: code, label and challenge', () => {
  it.each<{ readonly name: string; readonly headers: Record<string, string>; readonly want: unknown }>([
    {
      name: 'no token: 401, a challenge with the metadata URL and every scope offered (what to ask for)',
      headers: {},
      want: { status: 401, challenge: `Bearer resource_metadata="${METADATA}", scope="${oauthScopes('acme').join(' ')}"`, body: envelope(-32001, 'Unauthorized: Missing bearer token: send Authorization: Bearer <token>.') },
    },
    {
      name: 'a bad token: 401 invalid_token',
      headers: { authorization: 'Bearer bad' },
      want: { status: 401, challenge: `Bearer resource_metadata="${METADATA}", error="invalid_token", scope="${oauthScopes('acme').join(' ')}", error_description="The token is not good."`, body: envelope(-32001, 'Unauthorized: The token is not good.') },
    },
    {
      name: 'a token with none of the scopes: 403 insufficient_scope, naming the read scope',
      headers: { authorization: 'Bearer noscope' },
      want: {
        status: 403,
        challenge: `Bearer resource_metadata="${METADATA}", error="insufficient_scope", scope="acme:read", error_description="The token grants none of this server's scopes (${oauthScopes('acme').join(', ')})."`,
        body: envelope(-32003, `Forbidden: The token grants none of this server's scopes (${oauthScopes('acme').join(', ')}).`),
      },
    },
    {
      name: 'a token whose scopes reach no tool here: 403 insufficient_scope naming a scope that grants tools, so the client can step up',
      headers: { authorization: 'Bearer writer' },
      want: {
        status: 403,
        challenge: `Bearer resource_metadata="${METADATA}", error="insufficient_scope", scope="acme:custom", error_description="The token 'carol' grants no tool that this server offers."`,
        body: envelope(-32003, 'Forbidden: The token "carol" grants no tool that this server offers.'),
      },
    },
    {
      name: 'the issuer cannot be reached: 503, no challenge (no token is wrong)',
      headers: { authorization: 'Bearer down' },
      want: { status: 503, challenge: undefined, retryAfter: undefined, body: envelope(-32000, 'Unavailable: The issuer https://as.example could not be reached.') },
    },
    {
      name: 'the issuer failed moments ago: 503 saying when to come back (Retry-After), still no challenge',
      headers: { authorization: 'Bearer held' },
      want: { status: 503, challenge: undefined, retryAfter: '4', body: envelope(-32000, 'Unavailable: The issuer https://as.example could not be reached.') },
    },
  ])('$name', async ({ headers, want }) => {
    const answer = await probe({ headers });
    const seen = { status: answer.status, challenge: answer.challenge, ...(answer.status === 503 ? { retryAfter: answer.retryAfter } : {}), body: JSON.parse(answer.body) as unknown };
    expect(seen).toStrictEqual(want);
  });
});

describe('step-up: a tool the token lacks the scope for', () => {
  const GOOD = { authorization: 'Bearer good' };

  it('its call is refused with 403 insufficient_scope naming the scope', async () => {
    const answer = await probe({ headers: GOOD, body: call('delete_order') });
    expect({ status: answer.status, challenge: answer.challenge, body: JSON.parse(answer.body) as unknown }).toStrictEqual({
      status: 403,
      challenge: `Bearer resource_metadata="${METADATA}", error="insufficient_scope", scope="acme:delete", error_description="The tool delete_order needs the scope acme:delete."`,
      body: envelope(-32003, 'Forbidden: The tool delete_order needs the scope acme:delete.'),
    });
  });

  it.each([
    { name: 'a tool it has the scope for', body: call('list_orders') },
    { name: 'a listing', body: { jsonrpc: '2.0', id: 3, method: 'tools/list', params: {} } },
    { name: 'another method that names the tool', body: { jsonrpc: '2.0', id: 4, method: 'prompts/get', params: { name: 'delete_order' } } },
    { name: 'a tools/call whose name is no string', body: { jsonrpc: '2.0', id: 5, method: 'tools/call', params: { name: 7 } } },
  ])('$name is not refused for scope', async ({ body }) => {
    const answer = await probe({ headers: GOOD, body });
    expect(answer.challenge).toBeUndefined();
    expect(answer.status).not.toBe(403);
  });

  it('a tool it has the scope for answers with its result', async () => {
    const answer = await probe({ headers: GOOD, body: call('list_orders') });
    expect({ status: answer.status, error: rpc(answer.body).error }).toStrictEqual({ status: 200, error: undefined });
  });
});
