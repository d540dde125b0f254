import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../scripts/simulator/index.ts';
import { issueToken } from '../../templates/runtime/access-token.ts';
import { createToken, httpClient, MCP_HEADERS, rawPost, rpc, rpcBody, SECRET, startHttpServer, type HttpServer } from './http-stack.ts';
import { wire } from '../../scripts/shared/mcp-stack.ts';
import { packageVersion } from '../../scripts/shared/repo-root.ts';

const VENDOR_KEY = 'e2e-malomo-vendor-key-51c0';
const LOOKUP = { name: 'get_single_malomo_orders_by_tracking_code_by_id', arguments: { tracking_code: '1Z999AA10123456784' } };
const LOOKUP_REQUEST = { method: 'GET', path: '/orders', query: { tracking_code: '1Z999AA10123456784' }, body: undefined, auth: `Bearer ${VENDOR_KEY}`, valid: true, errors: [] };
const WRITE_TOOL = 'delete_a_malomo_webhook_by_id';

let sim: Simulator;
let server: HttpServer;
let fullToken: string;
let readToken: string;
const clients: Client[] = [];

async function connect(input: { readonly token?: string; readonly era?: 'legacy' | 'modern'; readonly url?: string }): Promise<Client> {
  const client = await httpClient({ url: input.url ?? server.url, ...input });
  clients.push(client);
  return client;
}

async function vendorRequestsDuring<T>(action: () => Promise<T>): Promise<{ value: T; requests: ReturnType<typeof wire>[] }> {
  const before = sim.requests.length;
  const value = await action();
  return { value, requests: sim.requests.slice(before).map(wire) };
}

beforeAll(async () => {
  sim = await startSimulator({ vendor: 'malomo', token: VENDOR_KEY });
  server = await startHttpServer({ args: [], env: { MALOMO_API_KEY: VENDOR_KEY, MALOMO_BASE_URL: sim.baseUrl, MCP_TOKEN_SECRET: SECRET } });
  [fullToken, readToken] = await Promise.all([
    createToken({ args: ['--expires-in', '30d', '--name', 'full'] }),
    createToken({ args: ['--expires-in', '30d', '--methods', 'read', '--name', 'reader'] }),
  ]);
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
  await server?.stop();
  await sim?.close();
});

describe('Streamable HTTP: the SDK client, both protocol eras', () => {
  it.each([
    { era: 'legacy' as const, version: '2025-11-25' },
    { era: 'modern' as const, version: '2026-07-28' },
  ])('$era ($version): lists every tool and calls one with exactly the documented vendor request', async ({ era, version }) => {
    const client = await connect({ token: fullToken, era });
    const listed = await client.listTools();
    expect({ era: client.getProtocolEra(), version: client.getNegotiatedProtocolVersion() }).toStrictEqual({ era, version });
    expect(listed.tools).toHaveLength(26);
    const { value, requests } = await vendorRequestsDuring(() => client.callTool(LOOKUP));
    expect(value.isError).toBeUndefined();
    // The MCP client's bearer token never reaches the vendor: only the server's own key does.
    expect(requests).toStrictEqual([LOOKUP_REQUEST]);
    expect(JSON.stringify(sim.requests)).not.toContain(fullToken.split('.')[2]);
  });

  it('a static token from MCP_AUTH_TOKENS works too', async () => {
    const staticServer = await startHttpServer({ args: [], env: { MALOMO_API_KEY: VENDOR_KEY, MALOMO_BASE_URL: sim.baseUrl, MCP_AUTH_TOKENS: 'static-token-for-e2e-0001,static-token-for-e2e-0002' } });
    try {
      const client = await connect({ token: 'static-token-for-e2e-0002', url: staticServer.url });
      expect((await client.listTools()).tools).toHaveLength(26);
      // An unknown token is a 401 with the RFC 6750 challenge, not any connection failure.
      const refused = await rawPost({ port: staticServer.port, headers: { ...MCP_HEADERS, authorization: 'Bearer static-token-for-e2e-0003' }, body: rpc({ method: 'tools/list' }) });
      expect({ status: refused.status, challenge: refused.headers['www-authenticate'], code: (JSON.parse(refused.body) as { error: { code: number } }).error.code }).toStrictEqual({
        status: 401,
        challenge: expect.stringMatching(/^Bearer error="invalid_token"/),
        code: -32001,
      });
      await expect(connect({ token: 'static-token-for-e2e-0003', url: staticServer.url })).rejects.toThrow(/401|Unauthorized/);
    } finally {
      await staticServer.stop();
    }
  });
});

describe('Streamable HTTP: probes that must not get in', () => {
  const NOW_S = Math.floor(Date.now() / 1000);
  const probes = {} as Record<'expired' | 'forged' | 'otherVendor', string>;
  beforeAll(async () => {
    probes.expired = await issueToken({ secret: SECRET, claims: { aud: '@vendor-mcp/malomo', name: 'old', iat: 1_700_000_000, exp: 1_700_000_060, scope: {} } });
    probes.forged = await issueToken({ secret: `${SECRET}-other`, claims: { aud: '@vendor-mcp/malomo', name: 'forged', iat: NOW_S, exp: NOW_S + 3_600, scope: {} } });
    probes.otherVendor = await issueToken({ secret: SECRET, claims: { aud: '@vendor-mcp/edesk', name: 'edesk', iat: NOW_S, exp: NOW_S + 3_600, scope: {} } });
  });
  const expired = () => probes.expired;
  const forged = () => probes.forged;
  const otherVendor = () => probes.otherVendor;
  const widened = () => {
    const [header, payload, signature] = readToken.split('.') as [string, string, string];
    const claims = { ...JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')), tool_scope: {} };
    return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
  };

  it.each<{ readonly name: string; readonly headers: () => Record<string, string>; readonly body?: string; readonly status: number; readonly code: number; readonly message: RegExp }>([
    { name: 'a bad Host (DNS rebinding)', headers: () => ({ host: 'attacker.example:80', authorization: `Bearer ${fullToken}` }), status: 403, code: -32000, message: /^Forbidden: Host "attacker.example:80" is not allowed/ },
    { name: 'a bad Origin', headers: () => ({ origin: 'https://attacker.example', authorization: `Bearer ${fullToken}` }), status: 403, code: -32000, message: /^Forbidden: Origin "https:\/\/attacker.example" is not allowed/ },
    { name: 'a null Origin', headers: () => ({ origin: 'null', authorization: `Bearer ${fullToken}` }), status: 403, code: -32000, message: /^Forbidden: Origin "null"/ },
    { name: 'no token', headers: () => ({}), status: 401, code: -32001, message: /^Unauthorized: Missing bearer token/ },
    { name: 'an expired token', headers: () => ({ authorization: `Bearer ${expired()}` }), status: 401, code: -32001, message: /^Unauthorized: The token "old" expired at 2023-11-14T22:14:20.000Z\.$/ },
    { name: 'a forged token', headers: () => ({ authorization: `Bearer ${forged()}` }), status: 401, code: -32001, message: /signature is invalid/ },
    { name: 'a token whose scope was widened', headers: () => ({ authorization: `Bearer ${widened()}` }), status: 401, code: -32001, message: /signature is invalid/ },
    { name: "another vendor's token", headers: () => ({ authorization: `Bearer ${otherVendor()}` }), status: 401, code: -32001, message: /issued for @vendor-mcp\/edesk, not for @vendor-mcp\/malomo/ },
    { name: 'a malformed token', headers: () => ({ authorization: 'Bearer eyJ.garbage.x' }), status: 401, code: -32001, message: /malformed/ },
    { name: 'the vendor key as a token', headers: () => ({ authorization: `Bearer ${VENDOR_KEY}` }), status: 401, code: -32001, message: /^Unauthorized: Unknown bearer token\.$/ },
    { name: 'malformed JSON', headers: () => ({ authorization: `Bearer ${fullToken}` }), body: '{"jsonrpc":"2.0",', status: 400, code: -32700, message: /^Parse error/ },
  ])('$name → $status', async ({ name, headers, body, status, code, message }) => {
    const { value: response, requests } = await vendorRequestsDuring(() => rawPost({ port: server.port, headers: { ...MCP_HEADERS, ...headers() }, body: body ?? rpc({ method: 'tools/list' }) }));
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toBe('application/json');
    const parsed = rpcBody(response);
    expect(parsed.error?.code).toBe(code);
    expect(parsed.error?.message).toMatch(message);
    expect(requests).toStrictEqual([]);
    if (status === 401) expect(response.headers['www-authenticate']).toMatch(name === 'no token' ? /^Bearer$/ : /^Bearer error="invalid_token", error_description="/);
  });

  it('an oversize body → 413 before anything is parsed', async () => {
    const response = await rawPost({ port: server.port, headers: { ...MCP_HEADERS, authorization: `Bearer ${fullToken}` }, body: rpc({ method: 'tools/call', params: { name: LOOKUP.name, arguments: { tracking_code: 'x'.repeat(1_100_000) } } }) });
    expect({ status: response.status, error: rpcBody(response).error }).toStrictEqual({ status: 413, error: { code: -32000, message: 'Payload too large: the limit is 1048576 bytes.' } });
  });

  it('a read-scoped token cannot list or call a write tool, and nothing reaches the vendor', async () => {
    const client = await connect({ token: readToken });
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toHaveLength(14);
    expect(names).not.toContain(WRITE_TOOL);
    const { value, requests } = await vendorRequestsDuring(() => client.callTool({ name: WRITE_TOOL, arguments: { id: 'wh_1' } }).then(
      (result) => ({ result }),
      (error: Error) => ({ error: error.message }),
    ));
    expect(value).toStrictEqual({ error: `Tool ${WRITE_TOOL} not found` });
    expect(requests).toStrictEqual([]);
    // Raw, without the SDK client: the same refusal.
    const raw = await rawPost({ port: server.port, headers: { ...MCP_HEADERS, authorization: `Bearer ${readToken}` }, body: rpc({ method: 'tools/call', params: { name: WRITE_TOOL, arguments: { id: 'wh_1' } } }) });
    expect(rpcBody(raw).error).toStrictEqual({ code: -32602, message: `Tool ${WRITE_TOOL} not found` });
  });

  it('the server flags narrow every token: --methods read serves no write tool even to a full token', async () => {
    const narrow = await startHttpServer({ args: ['--methods', 'read'], env: { MALOMO_API_KEY: VENDOR_KEY, MALOMO_BASE_URL: sim.baseUrl, MCP_TOKEN_SECRET: SECRET } });
    try {
      const client = await connect({ token: fullToken, url: narrow.url });
      expect((await client.listTools()).tools.map((t) => t.name)).not.toContain(WRITE_TOOL);
      const writeOnly = await createToken({ args: ['--expires-in', '30d', '--methods', 'write'] });
      const refused = await rawPost({ port: narrow.port, headers: { ...MCP_HEADERS, authorization: `Bearer ${writeOnly}` }, body: rpc({ method: 'tools/list' }) });
      expect({ status: refused.status, error: rpcBody(refused).error }).toStrictEqual({ status: 403, error: { code: -32003, message: 'Forbidden: The token "unnamed" grants no tool that this server offers.' } });
    } finally {
      await narrow.stop();
    }
  });

  it('/healthz answers without a token; GET /mcp is 405 (stateless); other paths 404', async () => {
    const health = await rawPost({ port: server.port, path: '/healthz', method: 'GET', headers: {} });
    expect({ status: health.status, body: JSON.parse(health.body) }).toStrictEqual({ status: 200, body: { status: 'ok', server: '@vendor-mcp/malomo', version: packageVersion('malomo') } });
    const get = await rawPost({ port: server.port, method: 'GET', headers: { accept: 'text/event-stream', authorization: `Bearer ${fullToken}` } });
    expect(get.status).toBe(405);
    const other = await rawPost({ port: server.port, path: '/admin', headers: { ...MCP_HEADERS, authorization: `Bearer ${fullToken}` }, body: rpc({ method: 'tools/list' }) });
    expect(other.status).toBe(404);
  });
});

describe('Streamable HTTP: replicas, limits and --no-auth', () => {
  it('a token issued by one process is accepted by another replica with the same secret, and refused by one with another secret', async () => {
    const env = { MALOMO_API_KEY: VENDOR_KEY, MALOMO_BASE_URL: sim.baseUrl, MCP_TOKEN_SECRET: SECRET };
    const [replicaA, replicaB, stranger] = await Promise.all([
      startHttpServer({ args: [], env }),
      startHttpServer({ args: [], env }),
      startHttpServer({ args: [], env: { ...env, MCP_TOKEN_SECRET: `${SECRET}-rotated` } }),
    ]);
    try {
      // Issued by yet another process (the CLI), never seen by either replica before.
      const token = await createToken({ args: ['--expires-at', new Date(Date.now() + 3_600_000).toISOString(), '--tags', 'orders', '--name', 'replicated'] });
      for (const replica of [replicaA, replicaB]) {
        const client = await connect({ token, url: replica.url });
        const { value, requests } = await vendorRequestsDuring(() => client.callTool(LOOKUP));
        expect(value.isError).toBeUndefined();
        expect(requests).toStrictEqual([LOOKUP_REQUEST]);
      }
      const refused = await rawPost({ port: stranger.port, headers: { ...MCP_HEADERS, authorization: `Bearer ${token}` }, body: rpc({ method: 'tools/list' }) });
      expect(refused.status).toBe(401);
    } finally {
      await Promise.all([replicaA.stop(), replicaB.stop(), stranger.stop()]);
    }
  });

  it('the per-token invocation limit refuses the third call clearly, sends nothing, and leaves other tokens alone', async () => {
    const limited = await startHttpServer({ args: ['--max-calls-per-minute', '2'], env: { MALOMO_API_KEY: VENDOR_KEY, MALOMO_BASE_URL: sim.baseUrl, MCP_TOKEN_SECRET: SECRET } });
    try {
      const busy = await connect({ token: fullToken, url: limited.url });
      await busy.callTool(LOOKUP);
      await busy.callTool(LOOKUP);
      const { value, requests } = await vendorRequestsDuring(() => busy.callTool(LOOKUP));
      expect(value.isError).toBe(true);
      expect((value.content as { text: string }[])[0]!.text).toMatch(/^Invocation limit reached: this server allows 2 tool calls per minute for each token/);
      expect(requests).toStrictEqual([]);
      expect(limited.stderr()).toMatch(/"event":"invocation_limited","token":"full","retryAfterSeconds":\d+/);
      const other = await connect({ token: readToken, url: limited.url });
      expect((await other.callTool(LOOKUP)).isError).toBeUndefined();
    } finally {
      await limited.stop();
    }
  });

  it('--no-auth serves without a token and warns', async () => {
    const open = await startHttpServer({ args: ['--no-auth'], env: { MALOMO_API_KEY: VENDOR_KEY, MALOMO_BASE_URL: sim.baseUrl } });
    try {
      const client = await connect({ url: open.url });
      expect((await client.listTools()).tools).toHaveLength(26);
      expect(open.stderr()).toContain('{"level":"warn","event":"serving_without_auth","message":"Serving HTTP WITHOUT authentication (--no-auth)');
    } finally {
      await open.stop();
    }
  });
});

describe('Streamable HTTP: discovery mode under a read token', () => {
  it('search → schemas → call; a write tool is neither found nor callable', async () => {
    const discovery = await startHttpServer({ args: ['--tools-mode', 'discovery'], env: { MALOMO_API_KEY: VENDOR_KEY, MALOMO_BASE_URL: sim.baseUrl, MCP_TOKEN_SECRET: SECRET } });
    try {
      const client = await connect({ token: readToken, url: discovery.url });
      const listed = await client.listTools();
      expect(listed.tools.map((t) => t.name)).toStrictEqual(['search_tools', 'get_tool_schemas', 'call_tool']);
      expect(JSON.stringify(listed).length / 4).toBeLessThan(1_500);
      const search = await client.callTool({ name: 'search_tools', arguments: { query: 'order tracking code' } });
      const found = (search.structuredContent as { tools: { name: string }[] }).tools.map((t) => t.name);
      expect(found[0]).toBe(LOOKUP.name);
      expect((await client.callTool({ name: 'search_tools', arguments: { query: 'delete webhook' } })).structuredContent).toMatchObject({ tools: expect.not.arrayContaining([expect.objectContaining({ name: WRITE_TOOL })]) });
      const schemas = await client.callTool({ name: 'get_tool_schemas', arguments: { names: [LOOKUP.name, WRITE_TOOL] } });
      expect(schemas.structuredContent).toMatchObject({ tools: [{ name: LOOKUP.name }], unknown: [{ name: WRITE_TOOL, error: "No such tool in this server's scope." }] });
      const { value, requests } = await vendorRequestsDuring(() => client.callTool({ name: 'call_tool', arguments: LOOKUP }));
      expect(value.isError).toBeUndefined();
      expect(requests).toStrictEqual([LOOKUP_REQUEST]);
      const refused = await vendorRequestsDuring(() => client.callTool({ name: 'call_tool', arguments: { name: WRITE_TOOL, arguments: { id: 'wh_1' } } }));
      expect(refused.value.isError).toBe(true);
      expect(refused.requests).toStrictEqual([]);
    } finally {
      await discovery.stop();
    }
  });
});
