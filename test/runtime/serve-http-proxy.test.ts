import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthSettings, Principal } from '../../templates/runtime/bearer-auth.ts';
import { createServer } from '../../templates/runtime/create-server.ts';
import { oauthScopes, protectedResourceMetadata, type OAuthConfig, type OAuthVerifier } from '../../templates/runtime/oauth-resource.ts';
import { serveHttp, type HttpServing } from '../../templates/runtime/serve-http.ts';
import type { HttpOptions } from '../../templates/runtime/server-options.ts';
import { toolsInScope } from '../../templates/runtime/tool-scope.ts';
import { config, recordingFetch, tool } from './support.ts';

/** A 401 in OAuth mode names every scope the server offers (serve-http.ts, withOfferedScopes). */
const SCOPES = 'scope="acme:read acme:write acme:custom"';

/**
 * `--trust-proxy`: behind a TLS-terminating proxy the resource metadata, the challenges and the
 * URLs the server names follow X-Forwarded-Proto/Host; without the flag those headers change nothing.
 */
const TOOLS = [tool({ name: 'list_orders', http: { method: 'GET', path: '/orders', args: {} } })];
const PUBLIC = 'mcp.example.com';
const LIST = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} });
const MCP = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
const FORWARDED = { 'x-forwarded-proto': 'https', 'x-forwarded-host': PUBLIC };

/** Accepts the token `good` for whatever audience it is asked about, and records that audience. */
const audiences: string[] = [];
const verifier: OAuthVerifier = {
  verify: async ({ token, audience }) => {
    audiences.push(audience);
    return token === 'good' ? { payload: { sub: 'alice', scope: oauthScopes('acme').join(' '), aud: audience } } : { reason: 'The token is not good.' };
  },
};

type Flags = { readonly trustProxy?: boolean; readonly publicUrl?: string; readonly resource?: string; readonly oauth: boolean };

async function start(flags: Flags): Promise<HttpServing> {
  const { fetch } = recordingFetch(() => new Response('[]', { headers: { 'content-type': 'application/json' } }));
  const toolsFor = (p: Principal) => toolsInScope({ tools: TOOLS, scopes: [p.scope] });
  // As the flags do: --resource, else --public-url's endpoint, else (with --trust-proxy) none.
  const fixed = flags.resource ?? (flags.publicUrl === undefined ? undefined : `${flags.publicUrl}/mcp`);
  const resource = fixed === undefined ? {} : { resource: fixed };
  const oauthConfig: OAuthConfig = { issuer: 'https://as.example', vendorSlug: 'acme', ...resource };
  const auth: AuthSettings = flags.oauth ? { mode: 'oauth', config: oauthConfig, verifier } : { mode: 'none' };
  const options: HttpOptions = {
    host: '127.0.0.1',
    port: 0,
    auth: { mode: flags.oauth ? 'oauth' : 'token', noAuth: !flags.oauth, tokenInUrl: false, requireApiTokenAuth: false },
    ...(flags.publicUrl === undefined ? {} : { publicUrl: flags.publicUrl }),
    ...(flags.trustProxy ? { trustProxy: true } : {}),
    allowedHosts: [PUBLIC, 'other.example.com'],
    allowedOrigins: [],
    maxBodyBytes: 4_096,
  };
  return serveHttp({
    options,
    auth,
    grants: (p) => toolsFor(p).length > 0,
    serverFor: (p) => createServer({ tools: toolsFor(p), config: config({ fetch }) }),
    ...(flags.oauth ? { protectedResource: { ...resource, document: (r: string) => protectedResourceMetadata({ config: oauthConfig, resource: r, scopes: oauthScopes('acme') }), scopes: oauthScopes('acme') } } : {}),
    health: {},
    log: () => undefined,
  });
}

type Answer = { readonly status: number; readonly challenge: string | undefined; readonly body: string };

function probe(input: { readonly serving: HttpServing; readonly path?: string; readonly method?: string; readonly headers?: Record<string, string> }): Promise<Answer> {
  const port = Number(new URL(input.serving.url).port);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: input.path ?? '/mcp', method: input.method ?? 'POST', headers: { ...MCP, ...input.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, challenge: res.headers['www-authenticate'] as string | undefined, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if ((input.method ?? 'POST') === 'POST') req.write(LIST);
    req.end();
  });
}

const metadataOf = (answer: Answer) => (JSON.parse(answer.body) as { resource: string }).resource;
const messageOf = (answer: Answer) => (JSON.parse(answer.body) as { error: { message: string } }).error.message;

const servers: Record<'trusted' | 'untrusted' | 'publicWins' | 'tokenUntrusted' | 'tokenTrusted', HttpServing> = {} as never;
beforeAll(async () => {
  servers.trusted = await start({ oauth: true, trustProxy: true });
  servers.untrusted = await start({ oauth: true, resource: 'http://127.0.0.1:9/mcp' });
  servers.publicWins = await start({ oauth: true, trustProxy: true, publicUrl: 'https://mcp.example.com/acme' });
  servers.tokenUntrusted = await start({ oauth: false });
  servers.tokenTrusted = await start({ oauth: false, trustProxy: true });
});
afterAll(async () => Promise.all(Object.values(servers).map((s) => s?.close())));

describe('--trust-proxy', () => {
  it('the challenge, the metadata and the audience name the forwarded public URL', async () => {
    const refused = await probe({ serving: servers.trusted, headers: FORWARDED });
    expect({ status: refused.status, challenge: refused.challenge }).toStrictEqual({ status: 401, challenge: `Bearer resource_metadata="https://${PUBLIC}/.well-known/oauth-protected-resource/mcp", ${SCOPES}` });
    for (const path of ['/.well-known/oauth-protected-resource/mcp', '/.well-known/oauth-protected-resource']) {
      expect(metadataOf(await probe({ serving: servers.trusted, path, method: 'GET', headers: FORWARDED }))).toBe(`https://${PUBLIC}/mcp`);
    }
    audiences.length = 0;
    expect((await probe({ serving: servers.trusted, headers: { ...FORWARDED, authorization: 'Bearer good' } })).status).toBe(200);
    expect(audiences).toStrictEqual([`https://${PUBLIC}/mcp`]);
  });

  it('without forwarded headers it names the socket: http and Host', async () => {
    const port = new URL(servers.trusted.url).port;
    expect((await probe({ serving: servers.trusted })).challenge).toBe(`Bearer resource_metadata="http://127.0.0.1:${port}/.well-known/oauth-protected-resource/mcp", ${SCOPES}`);
    expect((await probe({ serving: servers.trusted, headers: { 'x-forwarded-proto': 'HTTPS' } })).challenge).toBe(`Bearer resource_metadata="https://127.0.0.1:${port}/.well-known/oauth-protected-resource/mcp", ${SCOPES}`);
  });

  it.each([
    { name: 'a forwarded host outside the allow-list', headers: { ...FORWARDED, 'x-forwarded-host': 'evil.test' }, message: /^Forbidden: X-Forwarded-Host "evil.test" is not allowed/ },
    { name: 'an appended proto list', headers: { ...FORWARDED, 'x-forwarded-proto': 'https, http' }, message: /^Forbidden: X-Forwarded-Proto carries more than one value/ },
    { name: 'an appended host list', headers: { ...FORWARDED, 'x-forwarded-host': `${PUBLIC}, evil.test` }, message: /^Forbidden: X-Forwarded-Host carries more than one value/ },
    { name: 'a proto that is no web scheme', headers: { ...FORWARDED, 'x-forwarded-proto': 'ftp' }, message: /^Forbidden: X-Forwarded-Proto "ftp" is neither http nor https/ },
  ])('$name: 403, and no token is checked', async ({ headers, message }) => {
    audiences.length = 0;
    const answer = await probe({ serving: servers.trusted, headers: { ...headers, authorization: 'Bearer good' } });
    expect({ status: answer.status, audiences }).toStrictEqual({ status: 403, audiences: [] });
    expect(messageOf(answer)).toMatch(message);
    expect((JSON.parse(answer.body) as { error: { code: number } }).error.code).toBe(-32000);
  });

  it('--public-url still wins over forwarded headers', async () => {
    const headers = { 'x-forwarded-proto': 'http', 'x-forwarded-host': 'other.example.com' };
    expect((await probe({ serving: servers.publicWins, headers })).challenge).toBe(`Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/acme/mcp", ${SCOPES}`);
    expect(metadataOf(await probe({ serving: servers.publicWins, path: '/.well-known/oauth-protected-resource/acme/mcp', method: 'GET', headers }))).toBe('https://mcp.example.com/acme/mcp');
    expect(messageOf(await probe({ serving: servers.publicWins, path: '/elsewhere', headers }))).toBe('Not found: the MCP endpoint is https://mcp.example.com/acme/mcp.');
  });

  it('token mode: the URL the server names follows the proxy', async () => {
    expect(messageOf(await probe({ serving: servers.tokenTrusted, path: '/elsewhere', headers: FORWARDED }))).toBe(`Not found: the MCP endpoint is https://${PUBLIC}/mcp.`);
  });
});

describe('without --trust-proxy, forged forwarded headers change nothing', () => {
  const FORGED = [FORWARDED, { 'x-forwarded-proto': 'ftp', 'x-forwarded-host': 'evil.test' }, { 'x-forwarded-proto': 'https, http', 'x-forwarded-host': `${PUBLIC}, evil.test` }];

  it.each([
    { name: 'the OAuth challenge', server: 'untrusted', path: '/mcp', method: 'POST' },
    { name: 'the resource metadata', server: 'untrusted', path: '/.well-known/oauth-protected-resource/mcp', method: 'GET' },
    { name: 'a good token (the audience checked)', server: 'untrusted', path: '/mcp', method: 'POST', authorization: 'Bearer good' },
    { name: 'the named endpoint in token mode', server: 'tokenUntrusted', path: '/elsewhere', method: 'POST' },
    { name: 'a call in token mode', server: 'tokenUntrusted', path: '/mcp', method: 'POST' },
  ] as const)('$name', async ({ server, path, method, ...rest }) => {
    const serving = servers[server];
    const authorization: Record<string, string> = 'authorization' in rest && rest.authorization !== undefined ? { authorization: rest.authorization } : {};
    audiences.length = 0;
    const plain = await probe({ serving, path, method, headers: authorization });
    for (const forged of FORGED) expect(await probe({ serving, path, method, headers: { ...forged, ...authorization } })).toStrictEqual(plain);
    expect(new Set(audiences).size).toBeLessThanOrEqual(1);
    expect(plain.status).not.toBe(403);
  });

  it('the socket URL is what it names', async () => {
    expect((await probe({ serving: servers.untrusted, headers: FORWARDED })).challenge).toBe(`Bearer resource_metadata="http://127.0.0.1:9/.well-known/oauth-protected-resource/mcp", ${SCOPES}`);
    const port = new URL(servers.tokenUntrusted.url).port;
    expect(messageOf(await probe({ serving: servers.tokenUntrusted, path: '/elsewhere', headers: FORWARDED }))).toBe(`Not found: the MCP endpoint is http://127.0.0.1:${port}/mcp.`);
  });
});
