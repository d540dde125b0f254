import { createServer as createHttpServer } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HttpServing } from '../../templates/runtime/serve-http.ts';
import type { Env } from '../../templates/runtime/env.ts';
import type { VendorDefinition } from '../../templates/runtime/vendor-definition.ts';
import { runTokenCommand } from '../../templates/runtime/token-command.ts';
import { startRedis } from '../../scripts/infra/redis-service.ts';
import { ACME, tool } from './support.ts';

// main() keeps the HTTP server it starts; the test keeps a handle on each one to close it.
const servings = vi.hoisted(() => [] as HttpServing[]);
vi.mock('../../templates/runtime/serve-http.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../templates/runtime/serve-http.ts')>();
  return {
    ...original,
    serveHttp: async (input: Parameters<typeof original.serveHttp>[0]) => {
      const serving = await original.serveHttp(input);
      servings.push(serving);
      return serving;
    },
  };
});
// stdio would take over this process's own stdin and stdout: the test holds what main() hands it instead.
const stdio = vi.hoisted(() => vi.fn());
// The listing transport extends the SDK's stdio transport; a stand-in records what it was made with.
vi.mock('@modelcontextprotocol/server/stdio', () => ({ serveStdio: stdio, StdioServerTransport: class {} }));
const { main } = await import('../../templates/runtime/main.ts');
const { ListingStdioTransport } = await import('../../templates/runtime/listing-text.ts');

const readTool = tool({ name: 'list_orders', http: { method: 'GET', path: '/orders', args: {} } });
const TOOLS = [
  { ...readTool, methodClass: 'read' as const, annotations: { ...readTool.annotations, readOnlyHint: true } },
  { ...tool({ name: 'delete_order', http: { method: 'DELETE', path: '/orders/1', args: {} } }), methodClass: 'write' as const },
];
const STATIC = 'static-token-for-main-1';
const DISCOVERY_NAMES = ['search_tools', 'get_tool_schemas', 'call_tool'];
const originalLog = console.log;

afterEach(async () => {
  console.log = originalLog;
  vi.restoreAllMocks();
  process.exitCode = undefined;
  await Promise.all(servings.splice(0).map((serving) => serving.close()));
});

type Line = Record<string, unknown> & { readonly event: string };

/** Runs main() and returns its log lines once it has said it started (or could not listen). */
async function start(input: { readonly argv: readonly string[]; readonly env: Env; readonly vendor?: VendorDefinition }): Promise<{ readonly lines: Line[]; readonly raw: string[] }> {
  const raw: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    raw.push(String(chunk));
    return true;
  });
  expect(main({ vendor: input.vendor ?? ACME, tools: TOOLS, argv: input.argv, env: input.env })).toBeUndefined();
  const lines = () => raw.join('').split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Line);
  await vi.waitFor(() => expect(lines().some((line) => line.event === 'started' || line.event === 'cannot_listen')).toBe(true));
  return { lines: lines(), raw };
}

const rpc = async (input: { readonly url: string; readonly token?: string; readonly body: unknown; readonly path?: string }) => {
  const response = await fetch(input.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...(input.token === undefined ? {} : { authorization: `Bearer ${input.token}` }) },
    body: JSON.stringify(input.body),
  });
  const text = await response.text();
  return JSON.parse(text.startsWith('{') ? text : /^data: (.*)$/m.exec(text)![1]!) as { result?: { tools?: { name: string }[]; isError?: boolean; content?: { text: string }[] }; error?: unknown };
};

describe('main: serving over HTTP', () => {
  it('--no-auth: warns, and says where it listens with what it serves', async () => {
    const { lines } = await start({ argv: ['--transport', 'http', '--port', '0', '--no-auth', '--tools-mode', 'all'], env: { ACME_TOKEN: 'vendor-key' } });
    const started = lines.find((line) => line.event === 'started')!;
    expect(lines.map((line) => line.event)).toStrictEqual(['serving_without_auth', 'started']);
    expect(lines[0]).toMatchObject({ message: 'Serving HTTP WITHOUT authentication (--no-auth): anyone who can reach this port can call every tool in scope.' });
    expect(started).toStrictEqual({ level: 'info', event: 'started', server: '@vendor-mcp/acme', version: '1.2.3', tools: 2, toolsMode: 'all', baseUrl: 'https://api.acme.test/v1', transport: 'http', url: servings[0]!.url, auth: 'none' });
    const listed = await rpc({ url: servings[0]!.url, body: { jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} } });
    expect(listed.result?.tools?.map((t) => t.name)).toStrictEqual(['list_orders', 'delete_order']);
    const health = await fetch(new URL('/healthz', servings[0]!.url));
    expect(await health.json()).toStrictEqual({ status: 'ok', server: '@vendor-mcp/acme', version: '1.2.3' });
  });

  it('--tools-mode discovery: each session\'s server offers the discovery tools, not the tools themselves', async () => {
    await start({ argv: ['--transport', 'http', '--port', '0', '--no-auth', '--tools-mode', 'discovery'], env: { ACME_TOKEN: 'k' } });
    const listed = await rpc({ url: servings[0]!.url, body: { jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} } });
    expect(listed.result?.tools?.map((t) => t.name)).toStrictEqual(DISCOVERY_NAMES);
  });

  it('with tokens: the public URL, the token in the URL and the trusted proxy are in the start line; every secret is redacted from the log', async () => {
    const secret = 'main-serve-secret-0123456789abcdef012345';
    const previous = 'main-serve-previous-0123456789abcdef0123';
    const env = { ACME_TOKEN: 'vendor-key-123', ACME_BASE_URL: `http://127.0.0.1:9/vendor-key-123/${STATIC}/${secret}/${previous}`, MCP_AUTH_TOKENS: STATIC, MCP_TOKEN_SECRET: secret, MCP_TOKEN_SECRET_PREVIOUS: previous };
    const { lines, raw } = await start({ argv: ['--transport', 'http', '--port', '0', '--token-in-url', '--public-url', 'https://mcp.example/acme', '--trust-proxy'], env });
    expect(lines.map((line) => line.event)).toStrictEqual(['started']);
    expect(lines.find((line) => line.event === 'started')).toStrictEqual({
      level: 'info',
      event: 'started',
      server: '@vendor-mcp/acme',
      version: '1.2.3',
      tools: 2,
      toolsMode: 'all',
      baseUrl: 'http://127.0.0.1:9/[redacted]/[redacted]/[redacted]/[redacted]',
      transport: 'http',
      url: servings[0]!.url,
      publicUrl: 'https://mcp.example/acme/mcp',
      auth: 'bearer',
      tokenInUrl: true,
      trustProxy: true,
    });
    expect(raw.join('')).not.toMatch(/vendor-key-123|static-token-for-main|main-serve-secret|main-serve-previous/);
  });

  it('the server flags narrow what each token is offered', async () => {
    const { lines } = await start({ argv: ['--transport', 'http', '--port', '0', '--read-only'], env: { ACME_TOKEN: 'k', MCP_AUTH_TOKENS: STATIC } });
    expect(lines.find((line) => line.event === 'started')).toMatchObject({ tools: 1, auth: 'bearer' });
    expect(lines.find((line) => line.event === 'started')).not.toHaveProperty('tokenInUrl');
    const listed = await rpc({ url: servings[0]!.url, token: STATIC, body: { jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} } });
    expect(listed.result?.tools?.map((t) => t.name)).toStrictEqual(['list_orders']);
  });

  it('a token whose scope reaches none of the tools the server flags leave is refused with a 403', async () => {
    const env = { ACME_TOKEN: 'k', ACME_BASE_URL: 'http://127.0.0.1:9', MCP_TOKEN_SECRET: 'main-serve-grants-0123456789abcdef0123456' };
    const issued = await runTokenCommand({ vendor: ACME, tools: TOOLS, argv: ['create', '--expires-in', '1h', '--name', 'reader', '--read-only'], env, now: Date.now() });
    await start({ argv: ['--transport', 'http', '--port', '0', '--methods', 'write'], env });
    const response = await fetch(servings[0]!.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${issued.stdout.trim()}` },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
    });
    expect({ status: response.status, body: await response.json() }).toStrictEqual({
      status: 403,
      body: { jsonrpc: '2.0', id: null, error: { code: -32003, message: 'Forbidden: The token "reader" grants no tool that this server offers.' } },
    });
  });

  it('over the per-token limit: refused, and the refusal is logged with the token name', async () => {
    const env = { ACME_TOKEN: 'k', ACME_BASE_URL: 'http://127.0.0.1:9', MCP_AUTH_TOKENS: STATIC };
    const { raw } = await start({ argv: ['--transport', 'http', '--port', '0', '--max-calls-per-minute', '1'], env });
    const call = { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'list_orders', arguments: {} } };
    await rpc({ url: servings[0]!.url, token: STATIC, body: call });
    const second = await rpc({ url: servings[0]!.url, token: STATIC, body: call });
    expect(second.result?.isError).toBe(true);
    const limited = raw.join('').split('\n').filter((line) => line.includes('"invocation_limited"')).map((line) => JSON.parse(line) as Line);
    expect(limited).toStrictEqual([{ level: expect.any(String), event: 'invocation_limited', token: 'MCP_AUTH_TOKENS #1', retryAfterSeconds: expect.any(Number) }]);
    expect(limited[0]!['retryAfterSeconds']).toBeGreaterThanOrEqual(59);
  });

  it('a shared Redis limit counts per package: the key names the package and the token', async () => {
    const redis = await startRedis();
    const { Redis } = await import('ioredis');
    const client = new Redis(redis.url);
    try {
      const env = { ACME_TOKEN: 'k', ACME_BASE_URL: 'http://127.0.0.1:9', MCP_AUTH_TOKENS: STATIC, MCP_RATE_LIMIT_REDIS_URL: redis.url };
      await start({ argv: ['--transport', 'http', '--port', '0'], env });
      await rpc({ url: servings[0]!.url, token: STATIC, body: { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'list_orders', arguments: {} } } });
      expect(await client.keys('*')).toStrictEqual(['mcp-invocations:@vendor-mcp/acme:static:1']);
    } finally {
      client.disconnect();
      await Promise.all(servings.splice(0).map((serving) => serving.close()));
      await redis.close();
    }
  });

  it('OAuth: the resource metadata lists the scopes of the method classes this server offers, and no others', async () => {
    const argv = ['--transport', 'http', '--port', '0', '--auth', 'oauth', '--authorization-server', 'https://as.example', '--resource', 'https://mcp.example/mcp'];
    const { lines } = await start({ argv, env: { ACME_TOKEN: 'k' } });
    expect(lines.find((line) => line.event === 'started')).toMatchObject({ auth: 'oauth' });
    const document = (await (await fetch(new URL('/.well-known/oauth-protected-resource/mcp', servings[0]!.url))).json()) as Record<string, unknown>;
    expect(document).toMatchObject({ resource: 'https://mcp.example/mcp', authorization_servers: ['https://as.example'], scopes_supported: ['acme:read', 'acme:write'] });
    const unauthenticated = await fetch(servings[0]!.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: '{}' });
    expect(unauthenticated.status).toBe(401);
  });

  it('OAuth behind a trusted proxy needs no --resource: the resource is the URL reached, and the scopes are named after the vendor slug (the bin name less its final -mcp)', async () => {
    const vendor = { ...ACME, binName: 'acme-mcp-hub-mcp' };
    const argv = ['--transport', 'http', '--port', '0', '--auth', 'oauth', '--authorization-server', 'https://as.example', '--trust-proxy'];
    const { lines } = await start({ argv, env: { ACME_TOKEN: 'k' }, vendor });
    expect(lines.find((line) => line.event === 'started')).toMatchObject({ auth: 'oauth', trustProxy: true });
    const document = (await (await fetch(new URL('/.well-known/oauth-protected-resource/mcp', servings[0]!.url))).json()) as Record<string, unknown>;
    expect(document).toMatchObject({ resource: servings[0]!.url, scopes_supported: ['acme-mcp-hub:read', 'acme-mcp-hub:write'] });
  });

  it('a port already taken: logged, and the exit code is 1', async () => {
    const blocker = createNetServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const port = (blocker.address() as { port: number }).port;
      const { lines } = await start({ argv: ['--transport', 'http', '--port', String(port), '--no-auth'], env: { ACME_TOKEN: 'k' } });
      expect(lines.find((line) => line.event === 'cannot_listen')).toMatchObject({ message: expect.stringContaining('EADDRINUSE') });
      await vi.waitFor(() => expect(process.exitCode).toBe(1));
    } finally {
      blocker.close();
    }
  });

  /** A stand-in issuer (RFC 8414 metadata and a JWKS of one ES256 key) for `check`, which signs tokens with its key. */
  async function withIssuer(check: (issuer: { readonly url: string; readonly sign: (claims: Record<string, unknown>) => Promise<string> }) => Promise<void>): Promise<void> {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const { d: _, ...jwk } = await exportJWK(privateKey);
    const as = createHttpServer((req, res) => {
      res.writeHead(req.url === '/.well-known/oauth-authorization-server' || req.url === '/jwks' ? 200 : 404, { 'content-type': 'application/json' });
      res.end(req.url === '/jwks' ? JSON.stringify({ keys: [{ ...jwk, kid: 'k1', alg: 'ES256' }] }) : JSON.stringify({ issuer: url, jwks_uri: `${url}/jwks` }));
    });
    await new Promise<void>((resolve) => as.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(as.address() as AddressInfo).port}`;
    const sign = (claims: Record<string, unknown>) => new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setIssuer(url).setAudience(OAUTH_RESOURCE).setIssuedAt().setExpirationTime('5m').sign(privateKey);
    try {
      await check({ url, sign });
    } finally {
      await new Promise<void>((resolve) => as.close(() => resolve()));
    }
  }
  const OAUTH_RESOURCE = 'https://mcp.example/mcp';
  const oauthArgv = (issuer: string, ...flags: string[]) => ['--transport', 'http', '--port', '0', '--auth', 'oauth', '--authorization-server', issuer, '--resource', OAUTH_RESOURCE, ...flags];
  const post = (input: { readonly token: string; readonly body: unknown }) =>
    fetch(servings[0]!.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${input.token}` }, body: JSON.stringify(input.body) });

  it('OAuth step-up: a tool the token\'s scopes do not reach is a 403 naming the scope it needs; a reachable or unknown tool is not', async () => {
    await withIssuer(async (issuer) => {
      await start({ argv: oauthArgv(issuer.url), env: { ACME_TOKEN: 'k', ACME_BASE_URL: 'http://127.0.0.1:9' } });
      const token = await issuer.sign({ scope: 'acme:read', sub: 'reader' });
      const call = (name: string) => post({ token, body: { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name, arguments: {} } } });
      const refused = await call('delete_order');
      expect(refused.status).toBe(403);
      expect(refused.headers.get('www-authenticate')).toContain('scope="acme:write"');
      expect((await call('list_orders')).status).toBe(200);
      expect((await call('no_such_tool')).status).toBe(200);
    });
  });

  it.each([
    { name: 'a scope of ours with no tool here (custom): the read scope', flags: [], scope: 'acme:custom', wanted: 'acme:read' },
    { name: 'a read token on a server serving writes only (--methods write): the write scope', flags: ['--methods', 'write'], scope: 'acme:read', wanted: 'acme:write' },
  ])('OAuth, a token that reaches no tool: 403 insufficient_scope naming a scope that grants one; $name', async ({ flags, scope, wanted }) => {
    await withIssuer(async (issuer) => {
      await start({ argv: oauthArgv(issuer.url, ...flags), env: { ACME_TOKEN: 'k', ACME_BASE_URL: 'http://127.0.0.1:9' } });
      const refused = await post({ token: await issuer.sign({ scope, sub: 'nobody' }), body: { jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} } });
      expect({ status: refused.status, challenge: refused.headers.get('www-authenticate') }).toStrictEqual({
        status: 403,
        challenge: `Bearer resource_metadata="https://mcp.example/.well-known/oauth-protected-resource/mcp", error="insufficient_scope", scope="${wanted}", error_description="The token 'nobody' grants no tool that this server offers."`,
      });
    });
  });

  it.each([
    { name: 'every class its tools have (read, write; no custom tool): both, read first', flags: [], wanted: 'scope="acme:read acme:write"' },
    { name: '--read-only: the read scope alone', flags: ['--read-only'], wanted: 'scope="acme:read"' },
    { name: '--methods write: the write scope alone', flags: ['--methods', 'write'], wanted: 'scope="acme:write"' },
  ])('OAuth, no token: the 401 names the scopes this server offers, what a client should ask for; $name', async ({ flags, wanted }) => {
    await withIssuer(async (issuer) => {
      await start({ argv: oauthArgv(issuer.url, ...flags), env: { ACME_TOKEN: 'k', ACME_BASE_URL: 'http://127.0.0.1:9' } });
      const refused = await fetch(servings[0]!.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }) });
      expect({ status: refused.status, challenge: refused.headers.get('www-authenticate') }).toStrictEqual({ status: 401, challenge: `Bearer resource_metadata="https://mcp.example/.well-known/oauth-protected-resource/mcp", ${wanted}` });
    });
  });

  it('stdio: the transport gets a server per session and its errors are logged; the start line says stdio', async () => {
    const raw: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      raw.push(String(chunk));
      return true;
    });
    stdio.mockClear();
    expect(main({ vendor: ACME, tools: TOOLS, argv: ['--tools', 'list_orders'], env: { ACME_TOKEN: 'k' } })).toBeUndefined();
    expect(stdio).toHaveBeenCalledTimes(1);
    const [factory, options] = stdio.mock.calls[0]! as [() => unknown, { onerror: (error: Error) => void; transport: unknown }];
    expect(factory()).toBeInstanceOf(Object);
    // The listing the build serialised reaches the wire only through this transport (listing-text.ts).
    expect(options.transport).toBeInstanceOf(ListingStdioTransport);
    options.onerror(new Error('pipe closed'));
    expect(raw.map((line) => JSON.parse(line) as Line)).toStrictEqual([
      { level: 'info', event: 'started', server: '@vendor-mcp/acme', version: '1.2.3', tools: 1, toolsMode: 'all', baseUrl: 'https://api.acme.test/v1', transport: 'stdio' },
      { level: expect.any(String), event: 'transport_error', message: 'pipe closed' },
    ]);
  });
});
