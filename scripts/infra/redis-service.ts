import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startChild } from './child-service.ts';
import { ensureDebianPackages, SERVICE_BINARIES } from './debian-packages.ts';
import { freePort, waitForPort } from './free-port.ts';

/** `stop`/`start` simulate an outage on the same port (`start` on a running one restarts it); `close` stops it for good and removes its folder. */
export type RedisService = { readonly url: string; readonly port: number; stop(): Promise<void>; start(): Promise<void>; close(): Promise<void> };

/** Debian's redis-server on 127.0.0.1 with a fresh port and data folder, persistence off; stop/start keep the port. */
export async function startRedis(): Promise<RedisService> {
  ensureDebianPackages();
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'vendor-mcp-redis-'));
  let child: ReturnType<typeof startChild> | undefined;
  const stop = async () => {
    await child?.stop();
    child = undefined;
  };
  const start = async () => {
    // A second start must not lose the running child: it would outlive the run, holding the port.
    await stop();
    child = startChild({ command: SERVICE_BINARIES['redis-server'], args: ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no'] });
    await waitForPort({ port });
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    start,
    stop,
    close: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
