import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { httpsClient } from '../infra/https-client.ts';
import { startRedis } from '../infra/redis-service.ts';
import { startSimulator } from '../simulator/index.ts';
import { deploy, drive, VENDOR_KEY } from './remote-bench.ts';

/**
 * One sample of a replica process: resident memory and open file descriptors from /proc, then the
 * live heap after a forced full GC (heap-probe.cjs), which is what a leak would grow.
 */
export type ProcessSample = { readonly atSeconds: number; readonly rssMb: number; readonly fds: number; readonly heapUsedMb: number; readonly externalMb: number };
export type SoakResult = {
  readonly seconds: number;
  readonly clients: number;
  readonly calls: number;
  readonly errors: number;
  readonly replicas: readonly { readonly samples: readonly ProcessSample[]; readonly rssGrowthMb: number; readonly heapGrowthMb: number; readonly fdGrowth: number }[];
};

const HEAP_PROBE = path.join(import.meta.dirname, 'heap-probe.cjs');

async function sample(input: { readonly pid: number; readonly heapFile: string; readonly atSeconds: number }): Promise<ProcessSample> {
  const status = readFileSync(`/proc/${input.pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  const fds = readdirSync(`/proc/${input.pid}/fd`).length;
  rmSync(input.heapFile, { force: true });
  process.kill(input.pid, 'SIGUSR2');
  for (let waited = 0; waited < 10_000; waited += 100) {
    await delay(100);
    const text = (() => {
      try {
        return readFileSync(input.heapFile, 'utf8');
      } catch {
        return '';
      }
    })();
    if (text === '') continue;
    const heap = JSON.parse(text) as { readonly heapUsedMb: number; readonly externalMb: number };
    return { atSeconds: input.atSeconds, rssMb: Math.round(rssKb / 102.4) / 10, fds, heapUsedMb: heap.heapUsedMb, externalMb: heap.externalMb };
  }
  throw new Error(`replica ${input.pid} wrote no heap figures within 10 s`);
}

const growth = (input: { readonly from: number; readonly to: number }) => Math.round((input.to - input.from) * 10) / 10;

/**
 * A bounded soak: `clients` clients through nginx to two replicas sharing the Redis limit, for
 * `seconds`, sampling each replica every `everySeconds`. Growth is last sample minus the first
 * sample after the first minute's warm-up (JIT, pools), so start-up allocation is not counted as a leak.
 */
export async function soakRemote(input: { readonly root: string; readonly seconds: number; readonly clients: number; readonly everySeconds: number; readonly log: (text: string) => void }): Promise<SoakResult> {
  const sim = await startSimulator({ vendor: 'malomo', token: VENDOR_KEY });
  const redis = await startRedis();
  const heapDir = mkdtempSync(path.join(os.tmpdir(), 'vendor-mcp-soak-'));
  const heapFile = (index: number) => path.join(heapDir, `replica-${index}.json`);
  const deployment = await deploy({ root: input.root, sim, replicas: 2, redis, replicaEnv: (index) => ({ NODE_OPTIONS: `--require ${HEAP_PROBE}`, SOAK_HEAP_FILE: heapFile(index) }) });
  const clients = await Promise.all(Array.from({ length: input.clients }, () => httpsClient({ url: deployment.nginx.url, ca: deployment.nginx.ca, token: deployment.token, name: 'vendor-mcp-soak' })));
  const samples: ProcessSample[][] = deployment.replicas.map(() => []);
  const started = performance.now();
  const take = async () => {
    const atSeconds = Math.round((performance.now() - started) / 1000);
    const taken = await Promise.all(deployment.replicas.map((replica, index) => sample({ pid: replica.pid, heapFile: heapFile(index), atSeconds })));
    taken.forEach((one, index) => samples[index]!.push(one));
  };
  await take();
  const timer = setInterval(() => {
    void take().then(() => input.log(`soak ${Math.round((performance.now() - started) / 1000)} s: ${samples.map((s) => `${s.at(-1)!.rssMb} MB RSS, ${s.at(-1)!.heapUsedMb} MB heap after GC / ${s.at(-1)!.fds} fds`).join('; ')}`));
  }, input.everySeconds * 1000);
  try {
    const run = await drive({ clients, seconds: input.seconds });
    clearInterval(timer);
    await take();
    const warm = Math.min(60, input.seconds / 3);
    return {
      seconds: Math.round(run.seconds),
      clients: input.clients,
      calls: run.calls,
      errors: run.errors,
      replicas: samples.map((series) => {
        const base = series.find((s) => s.atSeconds >= warm) ?? series[0]!;
        const last = series.at(-1)!;
        return { samples: series, rssGrowthMb: growth({ from: base.rssMb, to: last.rssMb }), heapGrowthMb: growth({ from: base.heapUsedMb, to: last.heapUsedMb }), fdGrowth: last.fds - base.fds };
      }),
    };
  } finally {
    clearInterval(timer);
    await Promise.all(clients.map((client) => client.close()));
    await deployment.close();
    await redis.close();
    await sim.close();
    rmSync(heapDir, { recursive: true, force: true });
  }
}
