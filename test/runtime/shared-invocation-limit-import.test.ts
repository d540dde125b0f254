import { expect, it, vi } from 'vitest';
import { invocationLimiterFor } from '../../templates/runtime/shared-invocation-limit.ts';

// The client is built in the background at start (imported only when Redis is configured); here it throws.
vi.mock('ioredis', () => ({
  Redis: class {
    constructor() {
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
