import { expect, it, vi } from 'vitest';
import { invocationLimiterFor } from '../../templates/runtime/shared-invocation-limit.ts';

// The client is built in the background at start (imported only when Redis is configured); here it
// records what it was built with, then throws.
const built = vi.hoisted(() => [] as { url: string; options: Record<string, unknown> }[]);
vi.mock('ioredis', () => ({
  Redis: class {
    constructor(url: string, options: Record<string, unknown>) {
      built.push({ url, options });
      throw new Error('Redis client failed');
    }
  },
}));

it('a Redis client that cannot be built: no unhandled rejection at start, and the first call meets the store-error policy', async () => {
  const unhandled: unknown[] = [];
  const record = (reason: unknown) => void unhandled.push(reason);
  process.on('unhandledRejection', record);
  try {
    const logs: unknown[] = [];
    const limiter = invocationLimiterFor({ settings: { store: 'redis', url: 'redis://127.0.0.1:1', onStoreError: 'closed' }, perMinute: 5, keyPrefix: 'import', log: (event, fields) => void logs.push({ event, ...fields }) });
    // Long enough for the failed build to settle with nobody awaiting it yet.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(unhandled).toStrictEqual([]);
    expect(await limiter.admit({ key: 'k', now: 0, readOnly: true })).toMatchObject({ allowed: false, retryAfterSeconds: 5 });
    expect(logs).toMatchObject([{ event: 'rate_limit_store_error', decision: 'refused', message: 'Redis client failed' }]);
  } finally {
    process.off('unhandledRejection', record);
  }
});

it('the Redis client fails fast while disconnected and retries every 200 ms more per attempt, at most every 2 s', async () => {
  built.length = 0;
  const limiter = invocationLimiterFor({ settings: { store: 'redis', url: 'redis://127.0.0.1:1', onStoreError: 'open' }, perMinute: 5, keyPrefix: 'options', log: () => undefined });
  await limiter.admit({ key: 'k', now: 0, readOnly: true });
  expect(built).toStrictEqual([{ url: 'redis://127.0.0.1:1', options: { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 1_000, connectTimeout: 2_000, retryStrategy: expect.any(Function) } }]);
  const retryStrategy = built[0]!.options['retryStrategy'] as (times: number) => number;
  expect([1, 2, 9, 10, 11, 100].map(retryStrategy)).toStrictEqual([200, 400, 1_800, 2_000, 2_000, 2_000]);
});
