import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { measureRemote, type RemoteCell } from './remote-bench.ts';
import { soakRemote, type ProcessSample, type SoakResult } from './remote-soak.ts';
import type { Spread } from './stats.ts';

export type RemoteResults = { readonly startedAt: string; readonly cores: number; readonly loadAverage: readonly number[]; readonly rounds: number; readonly secondsPerRun: number; readonly cells: readonly RemoteCell[]; readonly soak: SoakResult };

const fmt = (s: Spread) => `${s.median} (${s.min}–${s.max})`;

/** The soak's table: RSS, the live heap after a forced GC, and file descriptors per replica. */
export function soakMarkdown(soak: SoakResult): string {
  const range = (input: { readonly samples: readonly ProcessSample[]; readonly pick: (s: ProcessSample) => number }) =>
    `${input.pick(input.samples[0]!)} / ${Math.max(...input.samples.map(input.pick))} / ${input.pick(input.samples.at(-1)!)}`;
  const rows = soak.replicas.map(
    (r, i) => `| ${i + 1} | ${range({ samples: r.samples, pick: (s) => s.rssMb })} | ${r.rssGrowthMb} | ${range({ samples: r.samples, pick: (s) => s.heapUsedMb })} | ${r.heapGrowthMb} | ${range({ samples: r.samples, pick: (s) => s.fds })} | ${r.fdGrowth} |`,
  );
  return `## Soak: ${soak.clients} clients, ${soak.seconds} s, 2 replicas sharing the Redis limit

${soak.calls} calls, ${soak.errors} errors. Each figure is first / max / last sample; growth is the last sample minus the first one after warm-up.
The heap is V8's used heap right after a forced full GC in the replica (scripts/bench/heap-probe.cjs), so garbage not yet collected does not count.

| replica | RSS MB | RSS growth MB | heap after GC MB | heap growth MB | fds | fd growth |
| --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}
`;
}

function markdown(results: RemoteResults): string {
  const cell = (input: { readonly replicas: number; readonly clients: number; readonly limit: string }) => results.cells.find((c) => c.replicas === input.replicas && c.clients === input.clients && c.limit === input.limit)!;
  const rows = results.cells.map((c) => `| ${c.replicas} | ${c.clients} | ${c.limit} | ${fmt(c.callsPerSecond)} | ${fmt(c.p50Ms)} | ${fmt(c.p99Ms)} | ${c.errors} |`);
  const cost = [1, 8, 32].map((clients) => {
    const [memory, redis] = [cell({ replicas: 2, clients, limit: 'memory' }), cell({ replicas: 2, clients, limit: 'redis' })];
    return `| ${clients} | ${memory.p50Ms.median} | ${redis.p50Ms.median} | ${Math.round((redis.p50Ms.median - memory.p50Ms.median) * 100) / 100} | ${memory.callsPerSecond.median} | ${redis.callsPerSecond.median} |`;
  });
  return `# Remote serving bench (issue 21)

${results.startedAt}, ${results.cores} cores (shared), load average at the end ${results.loadAverage.join(' ')}. Run by \`npm run bench -- --only remote\` (under nice).
Debian's nginx terminates TLS on 127.0.0.1 in front of 1 or 2 replicas of the built Malomo server (stateless HTTP, bearer token from \`token create\`),
calling the simulator; each SDK client loops on \`malomo_account_self\` (a read). Each cell: ${results.rounds} interleaved rounds of ${results.secondsPerRun} s after a 1 s warm-up;
figures are median (min–max) over rounds. Client, nginx, replicas and simulator share the same cores, so these are relative figures, not capacity.

| replicas | clients | limit | calls/s | p50 ms | p99 ms | errors |
| --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

## Cost of the shared limit (2 replicas; one Redis round trip per call)

| clients | p50 ms in-process | p50 ms Redis | difference | calls/s in-process | calls/s Redis |
| --- | --- | --- | --- | --- | --- |
${cost.join('\n')}

${soakMarkdown(results.soak)}`;
}

/** Runs the remote bench and soak and writes remote-results.json / remote-results.md beside this file. */
export async function remoteSection(input: { readonly root: string; readonly here: string; readonly quick: boolean; readonly log: (text: string) => void }): Promise<RemoteResults> {
  const startedAt = new Date().toISOString();
  const rounds = input.quick ? 2 : 3;
  const secondsPerRun = input.quick ? 2 : 4;
  const cells = await measureRemote({ root: input.root, rounds, seconds: secondsPerRun, log: input.log });
  input.log('remote soak');
  const soak = await soakRemote({ root: input.root, seconds: input.quick ? 60 : 600, clients: 20, everySeconds: 10, log: input.log });
  const results: RemoteResults = { startedAt, cores: os.cpus().length, loadAverage: os.loadavg().map((v) => Math.round(v * 100) / 100), rounds, secondsPerRun, cells, soak };
  writeFileSync(path.join(input.here, 'remote-results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(path.join(input.here, 'remote-results.md'), markdown(results));
  return results;
}
