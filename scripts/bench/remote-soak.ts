import { readdirSync, readFileSync } from 'node:fs';
import { httpsClient } from '../infra/https-client.ts';
import { startRedis } from '../infra/redis-service.ts';
import { startSimulator } from '../simulator/index.ts';
import { deploy, drive, VENDOR_KEY } from './remote-bench.ts';

/** One sample of a replica process, from /proc: resident memory and open file descriptors. */
export type ProcessSample = { readonly atSeconds: number; readonly rssMb: number; readonly fds: number };
export type SoakResult = { readonly seconds: number; readonly clients: number; readonly calls: number; readonly errors: number; readonly replicas: readonly { readonly samples: readonly ProcessSample[]; readonly rssGrowthMb: number; readonly fdGrowth: number }[] };

function sample(input: { readonly pid: number; readonly atSeconds: number }): ProcessSample {
  const status = readFileSync(`/proc/${input.pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return { atSeconds: input.atSeconds, rssMb: Math.round(rssKb / 102.4) / 10, fds: readdirSync(`/proc/${input.pid}/fd`).length };
}

/**
 * A bounded soak: `clients` clients through nginx to two replicas sharing the Redis limit, for
 * `seconds`, sampling each replica every `everySeconds`. Growth is last sample minus the first
 * sample after the first minute's warm-up (JIT, pools), so start-up allocation is not counted as a leak.
 */
export async function soakRemote(input: { readonly root: string; readonly seconds: number; readonly clients: number; readonly everySeconds: number; readonly log: (text: string) => void }): Promise<SoakResult> {
  const sim = await startSimulator({ vendor: 'malomo', token: VENDOR_KEY });
  const redis = await startRedis();
  const deployment = await deploy({ root: input.root, sim, replicas: 2, redis });
  const clients = await Promise.all(Array.from({ length: input.clients }, () => httpsClient({ url: deployment.nginx.url, ca: deployment.nginx.ca, token: deployment.token, name: 'vendor-mcp-soak' })));
  const samples: ProcessSample[][] = deployment.replicas.map(() => []);
  const started = performance.now();
  const take = () => deployment.replicas.forEach((replica, index) => samples[index]!.push(sample({ pid: replica.pid, atSeconds: Math.round((performance.now() - started) / 1000) })));
  take();
  const timer = setInterval(() => {
    take();
    input.log(`soak ${Math.round((performance.now() - started) / 1000)} s: ${samples.map((s) => `${s.at(-1)!.rssMb} MB / ${s.at(-1)!.fds} fds`).join(', ')}`);
  }, input.everySeconds * 1000);
  try {
    const run = await drive({ clients, seconds: input.seconds });
    take();
    const warm = Math.min(60, input.seconds / 3);
    return {
      seconds: Math.round(run.seconds),
      clients: input.clients,
      calls: run.calls,
      errors: run.errors,
      replicas: samples.map((series) => {
        const base = series.find((s) => s.atSeconds >= warm) ?? series[0]!;
        const last = series.at(-1)!;
        return { samples: series, rssGrowthMb: Math.round((last.rssMb - base.rssMb) * 10) / 10, fdGrowth: last.fds - base.fds };
      }),
    };
  } finally {
    clearInterval(timer);
    await Promise.all(clients.map((client) => client.close()));
    await deployment.close();
    await redis.close();
    await sim.close();
  }
}
