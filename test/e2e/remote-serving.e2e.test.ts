import type { Client } from '@modelcontextprotocol/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RedisService } from '../../scripts/infra/redis-service.ts';
import { startSimulator, type Simulator } from '../../scripts/simulator/index.ts';
import { createToken, SECRET } from './http-stack.ts';
import { httpsClient, startRemoteStack, startVendorGate, type RemoteStack, type VendorGate } from './remote-stack.ts';

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
  token = await createToken({ args: ['--expires-at', '2099-01-01T00:00:00Z', '--name', 'remote'] });
});

afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
  gate.requests.length = 0;
});

afterAll(async () => {
  await gate.close();
  await sim.close();
});

async function stack(input: { readonly env?: Readonly<Record<string, string>>; readonly args?: readonly string[] } = {}): Promise<{ readonly remote: RemoteStack; readonly client: Client }> {
  const remote = await startRemoteStack({ count: 2, gate, env: { ...ENV, ...input.env }, ...(input.args ? { args: input.args } : {}) });
  open.push(remote);
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
