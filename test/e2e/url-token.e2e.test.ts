import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../scripts/simulator/index.ts';
import { issueToken } from '../../templates/runtime/access-token.ts';
import { createToken, MCP_HEADERS, rawPost, rpc, rpcBody, SECRET, startHttpServer, type HttpServer } from './http-stack.ts';
import { wire } from '../../scripts/shared/mcp-stack.ts';

/**
 * The pasteable-URL model (ChatGPT and Claude connectors take one URL and no header): the token is
 * the last path segment. Every probe also checks that the token is in no log line and no vendor request.
 */
const VENDOR_KEY = 'url-token-vendor-key-7e21';
const API_KEY = 'api-key-for-url-e2e-0001';
const PREVIOUS = 'url-e2e-previous-secret-0123456789abcdef';
const LOOKUP = { name: 'get_single_malomo_orders_by_tracking_code_by_id', arguments: { tracking_code: '1Z999AA10123456784' } };

let sim: Simulator;
let plain: HttpServer;
let dual: HttpServer;
const servers: HttpServer[] = [];
const issued: string[] = [];

async function start(input: { readonly args: readonly string[]; readonly env?: Record<string, string> }): Promise<HttpServer> {
  const server = await startHttpServer({ args: input.args, env: { MALOMO_API_KEY: VENDOR_KEY, MALOMO_BASE_URL: sim.baseUrl, MCP_TOKEN_SECRET: SECRET, ...input.env } });
  servers.push(server);
  return server;
}

async function token(args: readonly string[] = [], secret = SECRET): Promise<string> {
  const made = await createToken({ args: ['--expires-in', '1d', ...args], secret });
  issued.push(made.split('/').pop()!);
  return made;
}

/** An SDK client given nothing but a URL, as a connector is. */
async function connectByUrl(input: { readonly url: string; readonly headers?: Record<string, string> }): Promise<Client> {
  const client = new Client({ name: 'url-only-client', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(input.url), input.headers ? { requestInit: { headers: input.headers } } : {}));
  return client;
}

beforeAll(async () => {
  sim = await startSimulator({ vendor: 'malomo', token: VENDOR_KEY });
  [plain, dual] = await Promise.all([start({ args: ['--token-in-url'] }), start({ args: ['--token-in-url', '--require-api-token-auth'], env: { MCP_AUTH_TOKENS: API_KEY } })]);
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await sim?.close();
  // No token, whole or as its signature, in any server's log or any request the vendor saw.
  const logs = servers.map((s) => s.stderr()).join('\n');
  const vendorSide = JSON.stringify(sim?.requests ?? []);
  for (const t of issued) {
    const signature = t.split('.')[2]!;
    expect(logs).not.toContain(signature);
    expect(vendorSide).not.toContain(signature);
  }
});

describe('--token-in-url', () => {
  it('token create --url prints the URL to paste; a client given only that URL lists and calls tools', async () => {
    const url = await token(['--url', plain.origin, '--methods', 'read', '--name', 'chatgpt']);
    expect(url.startsWith(`${plain.origin}/mcp/eyJ`)).toStrictEqual(true);
    const client = await connectByUrl({ url });
    expect((await client.listTools()).tools).toHaveLength(14);
    const before = sim.requests.length;
    const result = await client.callTool(LOOKUP);
    expect(result.isError).toBeUndefined();
    expect(sim.requests.slice(before).map(wire)).toStrictEqual([{ method: 'GET', path: '/orders', query: { tracking_code: '1Z999AA10123456784' }, body: undefined, auth: `Bearer ${VENDOR_KEY}`, valid: true, errors: [] }]);
    await client.close();
  });

  it.each<{ readonly name: string; readonly make: () => Promise<string>; readonly message: RegExp }>([
    { name: 'expired', make: async () => issueToken({ secret: SECRET, claims: { aud: '@vendor-mcp/malomo', name: 'old', iat: 1_700_000_000, exp: 1_700_000_060, scope: {} } }), message: /^Unauthorized: The token "old" expired at 2023-11-14T22:14:20\.000Z\.$/ },
    { name: 'forged', make: () => token([], `${SECRET}-forger`), message: /signature is invalid/ },
    { name: 'for another package', make: async () => issueToken({ secret: SECRET, claims: { aud: '@vendor-mcp/edesk', name: 'edesk', iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 600, scope: {} } }), message: /issued for @vendor-mcp\/edesk, not for @vendor-mcp\/malomo/ },
    { name: 'a static key in the path', make: async () => API_KEY, message: /malformed/ },
  ])('a URL token that is $name: 401, nothing reaches the vendor, the token is not logged', async ({ make, message }) => {
    const bad = await make();
    issued.push(bad);
    const before = sim.requests.length;
    const response = await rawPost({ port: plain.port, path: `/mcp/${bad}`, headers: { ...MCP_HEADERS }, body: rpc({ method: 'tools/list' }) });
    expect(response.status).toBe(401);
    expect(rpcBody(response).error?.message).toMatch(message);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
    expect(response.body).not.toContain(bad);
    expect(sim.requests.length).toBe(before);
  });

  it('the header form keeps working beside it', async () => {
    const bare = await token();
    const response = await rawPost({ port: plain.port, headers: { ...MCP_HEADERS, authorization: `Bearer ${bare}` }, body: rpc({ method: 'tools/list' }) });
    expect(response.status).toBe(200);
  });
});

describe('--require-api-token-auth (the dual layer)', () => {
  it('URL token plus the API key in the header: served', async () => {
    const client = await connectByUrl({ url: await token(['--url', dual.origin]), headers: { Authorization: `Bearer ${API_KEY}` } });
    expect((await client.listTools()).tools).toHaveLength(26);
    await client.close();
  });

  it.each<{ readonly name: string; readonly headers: Record<string, string>; readonly message: string }>([
    { name: 'without the header', headers: {}, message: 'Unauthorized: Missing bearer token: send Authorization: Bearer <token>. This server needs an API key from MCP_AUTH_TOKENS besides the URL token.' },
    { name: 'with a wrong key', headers: { authorization: 'Bearer api-key-for-url-e2e-0002' }, message: 'Unauthorized: Unknown API key in Authorization: Bearer (expected one of MCP_AUTH_TOKENS).' },
  ])('URL token $name: 401', async ({ headers, message }) => {
    const url = new URL(await token(['--url', dual.origin]));
    const response = await rawPost({ port: dual.port, path: url.pathname, headers: { ...MCP_HEADERS, ...headers }, body: rpc({ method: 'tools/list' }) });
    expect({ status: response.status, message: rpcBody(response).error?.message }).toStrictEqual({ status: 401, message });
  });

  it('the API key alone at /mcp: 401', async () => {
    const response = await rawPost({ port: dual.port, headers: { ...MCP_HEADERS, authorization: `Bearer ${API_KEY}` }, body: rpc({ method: 'tools/list' }) });
    expect(response.status).toBe(401);
  });
});

describe('rotating MCP_TOKEN_SECRET', () => {
  it('a token from the old secret works while MCP_TOKEN_SECRET_PREVIOUS holds it, and stops when it is dropped', async () => {
    const old = await token(['--name', 'before-rotation'], PREVIOUS);
    const fresh = await token(['--name', 'after-rotation']);
    const [rotating, rotated] = await Promise.all([start({ args: ['--token-in-url'], env: { MCP_TOKEN_SECRET_PREVIOUS: PREVIOUS } }), start({ args: ['--token-in-url'] })]);
    const status = async (server: HttpServer, t: string) => (await rawPost({ port: server.port, path: `/mcp/${t}`, headers: { ...MCP_HEADERS }, body: rpc({ method: 'tools/list' }) })).status;
    expect({ oldDuring: await status(rotating, old), freshDuring: await status(rotating, fresh), oldAfter: await status(rotated, old), freshAfter: await status(rotated, fresh) }).toStrictEqual({
      oldDuring: 200,
      freshDuring: 200,
      oldAfter: 401,
      freshAfter: 200,
    });
  });
});
