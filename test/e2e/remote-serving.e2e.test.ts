import { StreamableHTTPClientTransport, UnauthorizedError, type Client } from '@modelcontextprotocol/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RedisService } from '../../scripts/infra/redis-service.ts';
import { startSimulator, type Simulator } from '../../scripts/simulator/index.ts';
import { createToken, freePort, SECRET } from './http-stack.ts';
import { browse, MemoryOAuthClient, startAuthorizationServer } from './oauth-provider.ts';
import { fetchTrusting, httpsClient, startRemoteStack, startVendorGate, type RemoteStack, type VendorGate } from './remote-stack.ts';

/**
 * Real infrastructure, on 127.0.0.1: Debian's nginx terminates TLS (self-signed) in front of two
 * replicas of the built Malomo server; the client knows only the HTTPS URL. nginx and redis-server are
 * installed by the test setup when missing (as root), never skipped.
 */
const VENDOR_KEY = 'e2e-malomo-vendor-key-51c0';
const READ = { name: 'get_single_malomo_orders_by_tracking_code_by_id', arguments: { tracking_code: '1Z999AA10123456784' } };
const WRITE = { name: 'delete_a_malomo_webhook_by_id', arguments: { id: 'wh_1' } };
const ENV = { MALOMO_API_KEY: VENDOR_KEY, MCP_TOKEN_SECRET: SECRET };

let sim: Simulator;
let gate: VendorGate;
let token: string;
const open: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  sim = await startSimulator({ vendor: 'malomo', token: VENDOR_KEY });
  gate = await startVendorGate({ simBaseUrl: sim.baseUrl });
  // Minted once, by the CLI, by a process that is neither replica.
  token = await createToken({ args: ['--expires-in', '30d', '--name', 'remote'] });
});

afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
  gate.requests.length = 0;
});

afterAll(async () => {
  await gate.close();
  await sim.close();
});

async function replicasBehindNginx(input: { readonly env?: Readonly<Record<string, string>>; readonly args?: readonly string[]; readonly nginxPort?: number } = {}): Promise<RemoteStack> {
  const remote = await startRemoteStack({ count: 2, gate, env: { ...ENV, ...input.env }, ...(input.args ? { args: input.args } : {}), ...(input.nginxPort === undefined ? {} : { nginxPort: input.nginxPort }) });
  open.push(remote);
  return remote;
}

async function stack(input: { readonly env?: Readonly<Record<string, string>>; readonly args?: readonly string[] } = {}): Promise<{ readonly remote: RemoteStack; readonly client: Client }> {
  const remote = await replicasBehindNginx(input);
  const client = await httpsClient({ url: remote.nginx.url, ca: remote.nginx.ca, token });
  open.push(client);
  return { remote, client };
}

const succeeded = (result: { isError?: unknown }) => result.isError !== true;
const text = (result: { content: unknown }) => (result.content as { text: string }[])[0]!.text;
const STORE_DOWN = /^The shared invocation limit cannot be checked right now \(its Redis store is unreachable\), and this server refuses calls that change data/;
const replicasSeen = () => [...new Set(gate.requests.map((r) => r.replica))].sort();

describe('two replicas behind nginx (TLS), one HTTPS URL', () => {
  it('a token minted once works through every replica', async () => {
    const { remote, client } = await stack();
    expect(remote.nginx.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/mcp$/);
    expect((await client.listTools()).tools).toHaveLength(26);
    const results = [];
    for (let i = 0; i < 4; i += 1) results.push(await client.callTool(READ));
    expect(results.map(succeeded)).toStrictEqual([true, true, true, true]);
    // Round robin: both replicas called the vendor, each on behalf of the same token.
    expect(replicasSeen()).toStrictEqual([1, 2]);
  });

  it('a replica killed while a read is in flight: nginx sends the read to the other replica, and it succeeds', async () => {
    const { remote, client } = await stack();
    const held = gate.holdNext((r) => r.method === 'GET');
    const call = client.callTool(READ);
    const { replica } = await held;
    await remote.replicas[replica - 1]!.kill();
    expect(succeeded(await call)).toBe(true);
    expect(gate.requests.map((r) => r.replica)).toStrictEqual([replica, 3 - replica]);
  });

  it('a replica killed while a write is in flight: nginx does not send the write again; the caller gets an error', async () => {
    const { remote, client } = await stack();
    const held = gate.holdNext((r) => r.method === 'DELETE');
    const call = client.callTool(WRITE).then(
      () => 'answered',
      (error: Error) => error.message,
    );
    const { replica } = await held;
    await remote.replicas[replica - 1]!.kill();
    expect(await call).toMatch(/502/);
    expect(gate.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
    // The survivor keeps serving writes (the simulator answers 404 for this webhook: answered, not lost).
    await client.callTool(WRITE);
    expect(gate.requests.filter((r) => r.method === 'DELETE').map((r) => r.replica)).toStrictEqual([replica, 3 - replica]);
  });

  it('killing one replica mid-run under 8 concurrent readers loses no call', async () => {
    const { remote, client } = await stack();
    let done = 0;
    const worker = async () => {
      const outcomes: boolean[] = [];
      for (let i = 0; i < 12; i += 1) {
        outcomes.push(await client.callTool(READ).then(succeeded, () => false));
        done += 1;
        if (done === 24) await remote.replicas[0]!.kill();
      }
      return outcomes;
    };
    const outcomes = (await Promise.all(Array.from({ length: 8 }, worker))).flat();
    expect({ calls: outcomes.length, failed: outcomes.filter((ok) => !ok).length }).toStrictEqual({ calls: 96, failed: 0 });
    expect(replicasSeen()).toStrictEqual([1, 2]);
  });
});

/** Four reads through nginx, each answered: round robin sends them to both replicas. */
async function readsThroughEveryReplica(client: Client): Promise<void> {
  const results = [];
  for (let i = 0; i < 4; i += 1) results.push(await client.callTool(READ));
  expect(results.map(succeeded)).toStrictEqual([true, true, true, true]);
  expect(replicasSeen()).toStrictEqual([1, 2]);
}

/** A POST to the public URL with no credentials: the status and the challenge a client discovers from. */
async function refusedWithoutToken(remote: RemoteStack): Promise<{ readonly status: number; readonly challenge: string | null }> {
  const response = await fetchTrusting(remote.nginx.ca)(remote.nginx.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }) });
  return { status: response.status, challenge: response.headers.get('www-authenticate') };
}

describe('connect by the HTTPS URL only (issue 15 through issue 21)', () => {
  it('URL-token mode: the token in the path, no header at all; minted once, it works through every replica', async () => {
    const remote = await replicasBehindNginx({ args: ['--token-in-url', '--trust-proxy'] });
    const client = await httpsClient({ url: `${remote.nginx.url}/${token}`, ca: remote.nginx.ca });
    open.push(client);
    expect((await client.listTools()).tools).toHaveLength(26);
    await readsThroughEveryReplica(client);
    expect(await refusedWithoutToken(remote)).toStrictEqual({ status: 401, challenge: 'Bearer' });
    // The path token never reaches a log line of either replica.
    expect(remote.replicas.map((r) => r.stderr()).join('')).not.toContain(token.split('.')[2]);
  });

  it('OAuth mode: the SDK client runs discovery, registration and code + PKCE through nginx; the metadata and challenges name the HTTPS URL; one access token works through every replica', async () => {
    const nginxPort = await freePort();
    const resource = `https://127.0.0.1:${nginxPort}/mcp`;
    const as = await startAuthorizationServer({ resource, scopes: ['malomo:read', 'malomo:write'] });
    open.push(as);
    // No --resource and no --public-url: behind nginx, --trust-proxy makes the resource the HTTPS URL.
    const remote = await replicasBehindNginx({ args: ['--auth', 'oauth', '--authorization-server', as.issuer, '--trust-proxy'], nginxPort });
    expect(remote.nginx.url).toBe(resource);
    expect(await refusedWithoutToken(remote)).toStrictEqual({ status: 401, challenge: `Bearer resource_metadata="https://127.0.0.1:${nginxPort}/.well-known/oauth-protected-resource/mcp", scope="malomo:read malomo:write"` });
    const metadata = await fetchTrusting(remote.nginx.ca)(`https://127.0.0.1:${nginxPort}/.well-known/oauth-protected-resource/mcp`).then((r) => r.json());
    expect(metadata).toStrictEqual({ resource, authorization_servers: [as.issuer], scopes_supported: ['malomo:read', 'malomo:write'], bearer_methods_supported: ['header'] });

    const redirectUri = 'http://127.0.0.1:9/callback';
    const oauth = new MemoryOAuthClient({ redirectUri });
    const dance = await httpsClient({ url: resource, ca: remote.nginx.ca, authProvider: oauth }).then(
      () => 'connected without a token',
      (error: unknown) => error,
    );
    expect(dance).toBeInstanceOf(UnauthorizedError);
    expect(oauth.authorizationUrl?.searchParams.get('resource')).toBe(resource);
    const callback = await browse({ authorizationUrl: oauth.authorizationUrl!, redirectUri });
    // Finishing the flow is the transport's job; a fresh client then connects with the saved token.
    await new StreamableHTTPClientTransport(new URL(resource), { fetch: fetchTrusting(remote.nginx.ca), authProvider: oauth }).finishAuth(callback);
    const accessToken = oauth.saved!.access_token;
    expect(JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString())).toMatchObject({ aud: resource, iss: as.issuer });

    const client = await httpsClient({ url: resource, ca: remote.nginx.ca, authProvider: oauth });
    open.push(client);
    expect((await client.listTools()).tools).toHaveLength(26);
    await readsThroughEveryReplica(client);
    expect(oauth.saved!.access_token).toBe(accessToken);
  });
});

describe('one invocation limit across replicas (MCP_RATE_LIMIT_REDIS_URL)', () => {
  let redis: RedisService;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis.close();
  });

  it('with Redis, two replicas share one limit exactly: 5 calls pass, the 6th is refused', async () => {
    const { client } = await stack({ env: { MCP_RATE_LIMIT_REDIS_URL: redis.url }, args: ['--max-calls-per-minute', '5'] });
    const results = [];
    for (let i = 0; i < 6; i += 1) results.push(await client.callTool(READ));
    expect(results.map(succeeded)).toStrictEqual([true, true, true, true, true, false]);
    expect(text(results[5]!)).toMatch(/^Invocation limit reached: this server allows 5 tool calls per minute for each token/);
    expect(replicasSeen()).toStrictEqual([1, 2]);
    expect(gate.requests).toHaveLength(5);
  });

  it('without Redis, each replica counts alone: the same 6 calls all pass (what the shared limit fixes)', async () => {
    const { client } = await stack({ args: ['--max-calls-per-minute', '5'] });
    const results = [];
    for (let i = 0; i < 6; i += 1) results.push(await client.callTool(READ));
    expect(results.map(succeeded)).toStrictEqual([true, true, true, true, true, true]);
  });

  it('Redis down: reads are admitted and writes refused (the default), each with a log line; back up, writes pass again', async () => {
    const { remote, client } = await stack({ env: { MCP_RATE_LIMIT_REDIS_URL: redis.url } });
    await redis.stop();
    try {
      const read = await client.callTool(READ);
      const write = await client.callTool(WRITE);
      expect({ read: succeeded(read), write: succeeded(write) }).toStrictEqual({ read: true, write: false });
      expect(text(write)).toMatch(STORE_DOWN);
      const logs = remote.replicas.map((r) => r.stderr()).join('');
      expect(logs).toMatch(/"event":"rate_limit_store_error","policy":"open-for-reads","readOnly":true,"decision":"admitted"/);
      expect(logs).toMatch(/"event":"rate_limit_store_error","policy":"open-for-reads","readOnly":false,"decision":"refused"/);
      expect(gate.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);
    } finally {
      await redis.start();
    }
    // Reconnected (ioredis retries within 2 s), the write reaches the vendor again.
    await expect.poll(async () => text(await client.callTool(WRITE)), { timeout: 10_000, interval: 500 }).not.toMatch(STORE_DOWN);
    expect(gate.requests.filter((r) => r.method === 'DELETE').length).toBeGreaterThan(0);
  });
});
