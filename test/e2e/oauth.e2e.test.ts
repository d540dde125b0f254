import { Client, StreamableHTTPClientTransport, UnauthorizedError } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../scripts/simulator/index.ts';
import { freePort, MCP_HEADERS, rawPost, rpc, rpcBody, startHttpServer, type HttpServer } from './http-stack.ts';
import { wire } from '../../scripts/shared/mcp-stack.ts';
import { browse, MemoryOAuthClient, startAuthorizationServer, type AuthorizationServer } from './oauth-provider.ts';

/**
 * `--auth oauth` against a real authorization server (`oidc-provider`), driven by the SDK client's
 * own OAuth support exactly as a remote connector runs it: 401 → protected-resource metadata →
 * authorization-server metadata → dynamic registration → code + PKCE → token → tools.
 */
const VENDOR_KEY = 'oauth-e2e-vendor-key-93af';
const SCOPES = ['malomo:read', 'malomo:write', 'malomo:custom'];
const REDIRECT_URI = 'http://127.0.0.1:9/callback';
const LOOKUP = { name: 'get_single_malomo_orders_by_tracking_code_by_id', arguments: { tracking_code: '1Z999AA10123456784' } };
const WRITE_TOOL = 'delete_a_malomo_webhook_by_id';

let sim: Simulator;
let as: AuthorizationServer;
let server: HttpServer;
let resource: string;
const accessTokens: string[] = [];

beforeAll(async () => {
  sim = await startSimulator({ vendor: 'malomo', token: VENDOR_KEY });
  const port = await freePort();
  resource = `http://127.0.0.1:${port}/mcp`;
  as = await startAuthorizationServer({ resource, scopes: SCOPES });
  server = await startHttpServer({
    args: ['--transport', 'http', '--port', String(port), '--auth', 'oauth', '--authorization-server', as.issuer, '--resource', resource],
    exactArgs: true,
    env: { MALOMO_API_KEY: VENDOR_KEY, MALOMO_BASE_URL: sim.baseUrl },
  });
});

afterAll(async () => {
  await server?.stop();
  await as?.close();
  await sim?.close();
  const logs = server?.stderr() ?? '';
  for (const token of accessTokens) {
    expect(logs).not.toContain(token.split('.')[2]);
    expect(JSON.stringify(sim.requests)).not.toContain(token.split('.')[2]);
  }
});

describe('the SDK client runs the whole OAuth dance against oidc-provider', () => {
  it('discovery → registration → code + PKCE → token → tools/list and a tools/call that reaches the simulator', async () => {
    const oauth = new MemoryOAuthClient({ redirectUri: REDIRECT_URI, onTokens: (token) => accessTokens.push(token) });
    const first = new Client({ name: 'oauth-e2e', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL(resource), { authProvider: oauth });
    await expect(first.connect(transport)).rejects.toBeInstanceOf(UnauthorizedError);
    // The client registered itself and was sent to the authorization server with PKCE and the resource.
    expect(oauth.information?.client_id).toEqual(expect.any(String));
    const asked = oauth.authorizationUrl!;
    expect({ origin: asked.origin, method: asked.searchParams.get('code_challenge_method'), resource: asked.searchParams.get('resource') }).toStrictEqual({ origin: as.issuer, method: 'S256', resource });
    const callback = await browse({ authorizationUrl: asked, redirectUri: REDIRECT_URI });
    expect(as.interactions).toStrictEqual(['login', 'consent']);
    expect({ iss: callback.get('iss'), state: callback.get('state') }).toStrictEqual({ iss: as.issuer, state: asked.searchParams.get('state') });
    await transport.finishAuth(callback);
    expect(oauth.saved?.access_token.split('.')).toHaveLength(3);

    const client = new Client({ name: 'oauth-e2e', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(resource), { authProvider: oauth }));
    expect((await client.listTools()).tools).toHaveLength(26);
    const before = sim.requests.length;
    const result = await client.callTool(LOOKUP);
    expect(result.isError).toBeUndefined();
    // The vendor sees the server's own key; the client's access token stops at the server.
    expect(sim.requests.slice(before).map(wire)).toStrictEqual([{ method: 'GET', path: '/orders', query: { tracking_code: '1Z999AA10123456784' }, body: undefined, auth: `Bearer ${VENDOR_KEY}`, valid: true, errors: [] }]);
    await client.close();
  });
});

describe('the resource server surface', () => {
  it.each(['/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/mcp'])('%s is the RFC 9728 document', async (path) => {
    const response = await rawPost({ port: server.port, path, method: 'GET', headers: {} });
    expect({ status: response.status, body: JSON.parse(response.body) }).toStrictEqual({
      status: 200,
      // Malomo has no custom-class tool, so malomo:custom is not offered.
      body: { resource, authorization_servers: [as.issuer], scopes_supported: ['malomo:read', 'malomo:write'], bearer_methods_supported: ['header'] },
    });
  });

  it('no token: 401 pointing at the metadata', async () => {
    const response = await rawPost({ port: server.port, headers: { ...MCP_HEADERS }, body: rpc({ method: 'tools/list' }) });
    expect({ status: response.status, challenge: response.headers['www-authenticate'] }).toStrictEqual({
      status: 401,
      // Every scope Malomo's server offers (it has read and write tools, no custom one): what the client asks for.
      challenge: `Bearer resource_metadata="http://127.0.0.1:${server.port}/.well-known/oauth-protected-resource/mcp", scope="malomo:read malomo:write"`,
    });
  });
});

describe('tokens that must not get in', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const claims = (over: Record<string, unknown> = {}) => ({ iss: as.issuer, aud: resource, sub: 'user-1', client_id: 'probe', scope: SCOPES.join(' '), iat: now(), exp: now() + 600, jti: `probe-${Math.random()}`, ...over });
  const post = async (token: string, body = rpc({ method: 'tools/list' })) => {
    accessTokens.push(token);
    const before = sim.requests.length;
    const response = await rawPost({ port: server.port, headers: { ...MCP_HEADERS, authorization: `Bearer ${token}` }, body });
    expect(sim.requests.length).toBe(before);
    return { status: response.status, message: rpcBody(response).error?.message, challenge: String(response.headers['www-authenticate']) };
  };

  it.each<{ readonly name: string; readonly token: () => Promise<string>; readonly message: RegExp }>([
    { name: 'a wrong audience (RFC 8707)', token: () => as.sign(claims({ aud: 'http://127.0.0.1:1/mcp' })), message: /^Unauthorized: The token was issued for http:\/\/127\.0\.0\.1:1\/mcp, not for http:\/\/127\.0\.0\.1:\d+\/mcp\.$/ },
    { name: 'expired', token: () => as.sign(claims({ iat: now() - 1_200, exp: now() - 600 })), message: /^Unauthorized: The token expired at / },
    { name: 'a wrong issuer', token: () => as.sign(claims({ iss: 'http://127.0.0.1:2' })), message: /^Unauthorized: The token was issued by http:\/\/127\.0\.0\.1:2, not by http:\/\/127\.0\.0\.1:\d+\.$/ },
    {
      name: 'a tampered signature (scope widened)',
      token: async () => {
        const [h, p, s] = (await as.sign(claims({ scope: 'malomo:read' }))).split('.') as [string, string, string];
        const widened = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), scope: SCOPES.join(' ') })).toString('base64url');
        return `${h}.${widened}.${s}`;
      },
      message: /^Unauthorized: The token's signature is invalid: it was not signed by a key of http:\/\/127\.0\.0\.1:\d+, or it was altered\.$/,
    },
    { name: 'an HS256 token (key confusion)', token: async () => `${Buffer.from('{"alg":"HS256","kid":"test-key-1"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims())).toString('base64url')}.AAAA`, message: /algorithm this server does not accept/ },
  ])('$name: 401 invalid_token', async ({ token, message }) => {
    const got = await post(await token());
    expect(got.status).toBe(401);
    expect(got.message).toMatch(message);
    expect(got.challenge).toMatch(/^Bearer resource_metadata="[^"]+\/\.well-known\/oauth-protected-resource\/mcp", error="invalid_token", scope="malomo:read malomo:write", error_description="/);
  });

  it('a token with none of our scopes: 403 insufficient_scope naming the read scope', async () => {
    const got = await post(await as.sign(claims({ scope: 'openid profile' })));
    expect(got.status).toBe(403);
    expect(got.challenge).toMatch(/^Bearer resource_metadata="[^"]+", error="insufficient_scope", scope="malomo:read", error_description="/);
  });

  it('a read-only token calling a write tool: 403 insufficient_scope naming malomo:write (step-up), and the vendor sees nothing', async () => {
    const got = await post(await as.sign(claims({ scope: 'malomo:read' })), rpc({ method: 'tools/call', params: { name: WRITE_TOOL, arguments: { id: 'wh_1' } } }));
    expect({ status: got.status, message: got.message }).toStrictEqual({ status: 403, message: `Forbidden: The tool ${WRITE_TOOL} needs the scope malomo:write.` });
    expect(got.challenge).toContain('error="insufficient_scope", scope="malomo:write"');
  });

  it('a read-only token lists only read tools', async () => {
    const token = await as.sign(claims({ scope: 'malomo:read' }));
    accessTokens.push(token);
    const response = await rawPost({ port: server.port, headers: { ...MCP_HEADERS, authorization: `Bearer ${token}` }, body: rpc({ method: 'tools/list' }) });
    expect((rpcBody(response).result?.['tools'] as unknown[]).length).toBe(14);
  });
});
