import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/infra/free-port.ts';
import { startRedis, type RedisService } from '../../scripts/infra/redis-service.ts';
import type { AdmitInput } from '../../templates/runtime/invocation-limit.ts';
import { invocationLimiterFor, limitSettingsFrom, type LimitSettings, type OnStoreError } from '../../templates/runtime/shared-invocation-limit.ts';

describe('limitSettingsFrom', () => {
  it.each<{ readonly name: string; readonly env: Record<string, string>; readonly want: LimitSettings | { errors: string[] } }>([
    { name: 'nothing set: in-process', env: {}, want: { store: 'memory' } },
    { name: 'a Redis URL: shared, reads open by default', env: { MCP_RATE_LIMIT_REDIS_URL: 'redis://10.0.0.5:6379' }, want: { store: 'redis', url: 'redis://10.0.0.5:6379', onStoreError: 'open-for-reads' } },
    { name: 'TLS URL and an explicit policy', env: { MCP_RATE_LIMIT_REDIS_URL: 'rediss://h:6380', MCP_RATE_LIMIT_ON_REDIS_ERROR: 'closed' }, want: { store: 'redis', url: 'rediss://h:6380', onStoreError: 'closed' } },
    { name: 'an unknown policy is refused, not read as open', env: { MCP_RATE_LIMIT_ON_REDIS_ERROR: 'opne' }, want: { errors: ['MCP_RATE_LIMIT_ON_REDIS_ERROR must be one of closed, open, open-for-reads (got "opne").'] } },
    { name: 'a URL that is not redis:// is refused', env: { MCP_RATE_LIMIT_REDIS_URL: 'http://h:6379' }, want: { errors: ['MCP_RATE_LIMIT_REDIS_URL must be a redis:// or rediss:// URL.'] } },
    { name: 'spaces around either value are not part of it', env: { MCP_RATE_LIMIT_REDIS_URL: ' redis://h:6379 ', MCP_RATE_LIMIT_ON_REDIS_ERROR: ' open ' }, want: { store: 'redis', url: 'redis://h:6379', onStoreError: 'open' } },
    { name: 'blank values are unset', env: { MCP_RATE_LIMIT_REDIS_URL: '  ', MCP_RATE_LIMIT_ON_REDIS_ERROR: ' ' }, want: { store: 'memory' } },
    { name: 'redis:// must start the URL', env: { MCP_RATE_LIMIT_REDIS_URL: 'http://h/?next=redis://h:6379' }, want: { errors: ['MCP_RATE_LIMIT_REDIS_URL must be a redis:// or rediss:// URL.'] } },
    // ioredis parses the URL only when it connects: a port or user info it cannot read would leave the
    // limit to the store-error policy for the server's whole life, so it is refused at start.
    { name: 'a port that is not a number is refused at start', env: { MCP_RATE_LIMIT_REDIS_URL: 'redis://h:63 79' }, want: { errors: ['MCP_RATE_LIMIT_REDIS_URL must be a redis:// or rediss:// URL.'] } },
    { name: 'a password that is not percent-encoded is refused at start', env: { MCP_RATE_LIMIT_REDIS_URL: 'redis://:p%zz@h:6379' }, want: { errors: ['MCP_RATE_LIMIT_REDIS_URL must be a redis:// or rediss:// URL.'] } },
    { name: 'a user name that is not percent-encoded is refused at start', env: { MCP_RATE_LIMIT_REDIS_URL: 'redis://u%zz:p@h:6379' }, want: { errors: ['MCP_RATE_LIMIT_REDIS_URL must be a redis:// or rediss:// URL.'] } },
    { name: 'percent-encoded user info is read as such', env: { MCP_RATE_LIMIT_REDIS_URL: 'redis://u%40x:p%25@h:6379' }, want: { store: 'redis', url: 'redis://u%40x:p%25@h:6379', onStoreError: 'open-for-reads' } },
  ])('$name', ({ env, want }) => {
    expect(limitSettingsFrom(env)).toStrictEqual(want);
  });
});

describe('invocationLimiterFor with Redis', () => {
  let redis: RedisService;
  const logs: unknown[] = [];
  const log = (event: string, fields?: Readonly<Record<string, unknown>>) => void logs.push({ event, ...fields });
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis.close();
  });

  const admitAll = async (input: { readonly limiter: ReturnType<typeof invocationLimiterFor>; readonly calls: readonly AdmitInput[] }) => {
    const out: (true | number)[] = [];
    for (const call of input.calls) {
      const admission = await input.limiter.admit(call);
      out.push(admission.allowed ? true : admission.retryAfterSeconds);
    }
    return out;
  };

  it('two limiters on one Redis share one count per key: exactly the limit passes, one more is refused', async () => {
    const settings: LimitSettings = { store: 'redis', url: redis.url, onStoreError: 'closed' };
    const [a, b] = [0, 1].map(() => invocationLimiterFor({ settings, perMinute: 3, keyPrefix: 'test-shared', log }));
    const calls = (key: string) => [a!, b!, a!, b!].map((limiter) => ({ limiter, call: { key, now: 0 } }));
    const outcomes: (true | number)[] = [];
    for (const { limiter, call } of calls('k1')) outcomes.push(...(await admitAll({ limiter, calls: [call] })));
    expect(outcomes.slice(0, 3)).toStrictEqual([true, true, true]);
    // Seconds until the window ends: at most the 60 s window, never milliseconds.
    expect(outcomes[3]).toBeGreaterThanOrEqual(59);
    expect(outcomes[3]).toBeLessThanOrEqual(60);
    // Another key (token) has its own count.
    expect(await admitAll({ limiter: b!, calls: [{ key: 'k2', now: 0 }] })).toStrictEqual([true]);
  });

  const storeEvents = () => logs.filter((l) => (l as { event: string }).event === 'rate_limit_store');

  it('a limiter that reaches Redis logs "connected" once', async () => {
    logs.length = 0;
    const limiter = invocationLimiterFor({ settings: { store: 'redis', url: redis.url, onStoreError: 'closed' }, perMinute: 5, keyPrefix: 'connected', log });
    expect(await admitAll({ limiter, calls: [{ key: 'k', now: 0 }, { key: 'k', now: 0 }] })).toStrictEqual([true, true]);
    expect(storeEvents()).toStrictEqual([{ event: 'rate_limit_store', state: 'connected' }]);
  });

  it('Redis that comes up while the limiter waits for it is used: the client keeps reconnecting, quickly', async () => {
    // Its own log: the limiters of the tests before see the restart too.
    const own: unknown[] = [];
    await redis.stop();
    try {
      const limiter = invocationLimiterFor({ settings: { store: 'redis', url: redis.url, onStoreError: 'closed' }, perMinute: 5, keyPrefix: 'late', log: (event, fields) => void own.push({ event, ...fields }) });
      // Up after the first attempts failed and well before the 2 s the limiter waits: a retry reaches it.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await redis.start();
      expect(await admitAll({ limiter, calls: [{ key: 'k', now: 0, readOnly: false }] })).toStrictEqual([true]);
      expect(own).toMatchObject([{ event: 'rate_limit_store', state: 'unavailable' }, { event: 'rate_limit_store', state: 'connected' }]);
    } finally {
      await redis.start().catch(() => undefined);
    }
  });

  it('a Redis that stops answering: the call fails after the 1 s command timeout and meets the policy, rather than waiting', async () => {
    logs.length = 0;
    const limiter = invocationLimiterFor({ settings: { store: 'redis', url: redis.url, onStoreError: 'closed' }, perMinute: 5, keyPrefix: 'paused', log });
    expect(await admitAll({ limiter, calls: [{ key: 'k', now: 0 }] })).toStrictEqual([true]);
    const { Redis } = await import('ioredis');
    const admin = new Redis(redis.url);
    try {
      // Redis holds every client's commands for 1.8 s: longer than the timeout, short enough that a limiter without one would get its answer.
      await admin.call('CLIENT', 'PAUSE', '1800', 'ALL');
      expect(await admitAll({ limiter, calls: [{ key: 'k', now: 0, readOnly: false }] })).toStrictEqual([5]);
      expect(logs.filter((l) => (l as { event: string }).event === 'rate_limit_store_error')).toMatchObject([{ decision: 'refused', message: 'Command timed out' }]);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    } finally {
      admin.disconnect();
    }
  });

  it('0 turns the limit off without touching Redis', async () => {
    const limiter = invocationLimiterFor({ settings: { store: 'redis', url: 'redis://127.0.0.1:1', onStoreError: 'closed' }, perMinute: 0, keyPrefix: 'off', log });
    expect(await admitAll({ limiter, calls: [{ key: 'k', now: 0, readOnly: false }] })).toStrictEqual([true]);
  });

  it.each<{ readonly policy: OnStoreError; readonly want: { read: boolean; write: boolean } }>([
    { policy: 'open-for-reads', want: { read: true, write: false } },
    { policy: 'closed', want: { read: false, write: false } },
    { policy: 'open', want: { read: true, write: true } },
  ])('Redis unreachable, policy $policy: reads $want.read, writes $want.write, each decision logged', async ({ policy, want }) => {
    logs.length = 0;
    const url = `redis://127.0.0.1:${await freePort()}`;
    const limiter = invocationLimiterFor({ settings: { store: 'redis', url, onStoreError: policy }, perMinute: 5, keyPrefix: 'down', log });
    const read = await limiter.admit({ key: 'k', now: 0, readOnly: true });
    const write = await limiter.admit({ key: 'k', now: 0, readOnly: false });
    expect({ read: read.allowed, write: write.allowed }).toStrictEqual(want);
    // The refusal names what the policy refuses: every call when closed, only writes when open for reads.
    const refused = policy === 'closed' ? 'every call' : 'calls that change data';
    if (!write.allowed) {
      expect(write).toStrictEqual({
        allowed: false,
        retryAfterSeconds: 5,
        message: `The shared invocation limit cannot be checked right now (its Redis store is unreachable), and this server refuses ${refused} until it can. Try again in 5 s; if it persists, tell the user.`,
      });
    }
    // The limiter refuses itself while not connected (no command is queued or sent); the client's
    // reconnect errors are logged as one change of state, not one line per attempt.
    expect(logs.filter((l) => (l as { event: string }).event === 'rate_limit_store_error')).toMatchObject([
      { policy, readOnly: true, decision: want.read ? 'admitted' : 'refused', message: 'Redis connection is not ready' },
      { policy, readOnly: false, decision: want.write ? 'admitted' : 'refused', message: 'Redis connection is not ready' },
    ]);
    expect(storeEvents()).toStrictEqual([{ event: 'rate_limit_store', state: 'unavailable', message: expect.stringContaining('ECONNREFUSED') }]);
  });
});
