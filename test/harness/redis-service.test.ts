import { createConnection } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startRedis } from '../../scripts/infra/redis-service.ts';

/** Whether something accepts connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('the test Redis (scripts/infra/redis-service.ts)', () => {
  it('a start while it runs restarts it, and close leaves nothing listening: no redis-server outlives the run', async () => {
    const redis = await startRedis();
    await redis.start();
    expect(await listening(redis.port)).toBe(true);
    await redis.close();
    // Before, the second start lost the first child, which kept the port after close.
    expect(await listening(redis.port)).toBe(false);
  });
});
