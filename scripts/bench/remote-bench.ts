import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { httpsClient } from '../infra/https-client.ts';
import { readOnlyToolsOf, startNginx, type NginxProxy } from '../infra/nginx-proxy.ts';
import { startRedis, type RedisService } from '../infra/redis-service.ts';
import { startReplica, type Replica } from '../infra/replica.ts';
import { startSimulator, type Simulator } from '../simulator/index.ts';
import { percentile, spread, type Spread } from './stats.ts';
import { packageBin } from '../shared/package-bin.ts';

/**
 * Issue 21: tool calls through Debian's nginx (TLS) to 1 or 2 replicas of the built Malomo server,
 * with 1, 8 and 32 concurrent SDK clients, each cell repeated in interleaved rounds (min/median/max
 * over rounds); and the cost of the shared (Redis) invocation limit against the in-process one.
 */
export type RemoteCell = { readonly replicas: number; readonly clients: number; readonly limit: 'memory' | 'redis'; readonly callsPerSecond: Spread; readonly p50Ms: Spread; readonly p99Ms: Spread; readonly errors: number };

export const VENDOR_KEY = 'bench-remote-malomo-key-3f9a';
export const SECRET = 'bench-remote-secret-8e1d4c7b2a9f0e3d6c5b';
export const READ_CALL = { name: 'malomo_account_self', arguments: {} } as const;
/** High enough never to refuse during a bench, so the limiter is consulted on every call but never in the way. */
export const BENCH_LIMIT = ['--max-calls-per-minute', '1000000'];

export type RemoteDeployment = { readonly nginx: NginxProxy; readonly replicas: readonly Replica[]; readonly token: string; close(): Promise<void> };

export async function deploy(input: { readonly root: string; readonly sim: Simulator; readonly replicas: number; readonly redis?: RedisService; readonly replicaEnv?: (index: number) => Readonly<Record<string, string>> }): Promise<RemoteDeployment> {
  const packageDir = path.join(input.root, 'generated', 'malomo');
  const bin = packageBin(packageDir);
  const env = { MALOMO_API_KEY: VENDOR_KEY, MALOMO_BASE_URL: input.sim.baseUrl, MCP_TOKEN_SECRET: SECRET, ...(input.redis ? { MCP_RATE_LIMIT_REDIS_URL: input.redis.url } : {}) };
  const replicas = await Promise.all(Array.from({ length: input.replicas }, (_, index) => startReplica({ bin, args: BENCH_LIMIT, env: { ...env, ...input.replicaEnv?.(index) } })));
  const nginx = await startNginx({ replicas: replicas.map((r) => `127.0.0.1:${r.port}`), readTools: readOnlyToolsOf(packageDir) });
  const token = execFileSync(process.execPath, [bin, 'token', 'create', '--expires-at', new Date(Date.now() + 86_400_000).toISOString(), '--name', 'bench'], { env: { PATH: process.env['PATH'] ?? '', MCP_TOKEN_SECRET: SECRET } }).toString('utf8').trim();
  return {
    nginx,
    replicas,
    token,
    close: async () => {
      await nginx.close();
      await Promise.all(replicas.map((r) => r.stop()));
    },
  };
}

export type LoadRun = { readonly calls: number; readonly errors: number; readonly seconds: number; readonly latenciesMs: number[] };

/** `clients` connected SDK clients calling one read tool back to back for `seconds`. */
export async function drive(input: { readonly clients: readonly Client[]; readonly seconds: number; readonly onCall?: () => void }): Promise<LoadRun> {
  const latenciesMs: number[] = [];
  let errors = 0;
  const started = performance.now();
  const until = started + input.seconds * 1000;
  await Promise.all(
    input.clients.map(async (client) => {
      while (performance.now() < until) {
        const at = performance.now();
        const result = await client.callTool(READ_CALL).catch(() => ({ isError: true }));
        latenciesMs.push(performance.now() - at);
        if ((result as { isError?: boolean }).isError) errors += 1;
        input.onCall?.();
      }
    }),
  );
  return { calls: latenciesMs.length, errors, seconds: (performance.now() - started) / 1000, latenciesMs };
}

const connectAll = (input: { readonly deployment: RemoteDeployment; readonly count: number }) =>
  Promise.all(Array.from({ length: input.count }, () => httpsClient({ url: input.deployment.nginx.url, ca: input.deployment.nginx.ca, token: input.deployment.token, name: 'vendor-mcp-bench' })));

const round2 = (value: number) => Math.round(value * 100) / 100;

export async function measureRemote(input: { readonly root: string; readonly rounds: number; readonly seconds: number; readonly log: (text: string) => void }): Promise<readonly RemoteCell[]> {
  const sim = await startSimulator({ vendor: 'malomo', token: VENDOR_KEY });
  const redis = await startRedis();
  const shapes = [
    ...[1, 2].flatMap((replicas) => [1, 8, 32].map((clients) => ({ replicas, clients, limit: 'memory' as const }))),
    ...[1, 8, 32].map((clients) => ({ replicas: 2, clients, limit: 'redis' as const })),
  ];
  const runs = new Map<string, LoadRun[]>();
  try {
    for (let round = 0; round < input.rounds; round += 1) {
      for (const shape of shapes) {
        input.log(`remote round ${round + 1}: ${shape.replicas} replica(s), ${shape.clients} client(s), ${shape.limit} limit`);
        const deployment = await deploy({ root: input.root, sim, replicas: shape.replicas, ...(shape.limit === 'redis' ? { redis } : {}) });
        const clients = await connectAll({ deployment, count: shape.clients });
        try {
          await drive({ clients, seconds: 1 });
          const key = JSON.stringify(shape);
          runs.set(key, [...(runs.get(key) ?? []), await drive({ clients, seconds: input.seconds })]);
        } finally {
          await Promise.all(clients.map((client) => client.close()));
          await deployment.close();
        }
      }
    }
  } finally {
    await redis.close();
    await sim.close();
  }
  return shapes.map((shape) => {
    const cell = runs.get(JSON.stringify(shape)) ?? [];
    return {
      ...shape,
      callsPerSecond: spread(cell.map((run) => Math.round(run.calls / run.seconds))),
      p50Ms: spread(cell.map((run) => round2(percentile(run.latenciesMs, 50)))),
      p99Ms: spread(cell.map((run) => round2(percentile(run.latenciesMs, 99)))),
      errors: cell.reduce((sum, run) => sum + run.errors, 0),
    };
  });
}
