import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { callOrder, overheadStats, type OverheadStats, type Round } from './overhead-stats.ts';
import { ourServerCommand, unlimitedCallsArgs } from './server-bench.ts';
import { startSimulatorProcess } from './simulator-process.ts';
import { initialize, spawnStdioRpc } from './stdio-rpc.ts';

export type OverheadResult = OverheadStats & {
  readonly tool: string;
  /** Rounds measured (each one direct fetch, one control fetch, one tools/call). */
  readonly calls: number;
  readonly blocks: number;
  readonly warmUpRounds: number;
  /** The headline: median across blocks of each block's percentile shift. */
  readonly addedMs: { readonly p50: number; readonly p99: number };
  /**
   * CPU time (user + system) the server process spent over the measured rounds, per tools/call:
   * its own work per call, which machine load delays but does not add to (wall times include waits).
   */
  readonly serverCpuMsPerCall: number;
  readonly errors: number;
  readonly invalidRequests: number;
};

/** utime + stime of a process in ms, from /proc (Linux). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
  const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  // After "pid (comm) ", field 14 (utime) and 15 (stime) of proc(5) are at 11 and 12.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

const TOKEN = 'bench-malomo-token-5d1e';
/** Untimed rounds first: the server's lazily built validators, V8's optimisation of the hot path, sockets. */
export const WARM_UP_ROUNDS = 120;

/**
 * Malomo `malomo_account_self` (GET /accounts/self) against the doc-validating simulator: rounds of
 * one direct `fetch` of exactly the request the server sends, one more (the control) and one
 * `tools/call` over stdio, interleaved call by call in rotating order (overhead-stats.ts says why).
 */
export async function measureCallOverhead(input: { readonly root: string; readonly blocks: number; readonly perBlock: number; readonly packageDir?: string }): Promise<OverheadResult> {
  const sim = await startSimulatorProcess({ vendor: 'malomo', token: TOKEN, timeoutMs: 30_000 });
  const packageDir = input.packageDir ?? path.join(input.root, 'generated', 'malomo');
  const server = ourServerCommand({ packageDir, slug: 'malomo', baseUrl: sim.baseUrl });
  const rpc = spawnStdioRpc({ ...server, args: [...server.args, ...unlimitedCallsArgs(packageDir)], env: { PATH: process.env['PATH'] ?? '', MALOMO_API_KEY: TOKEN, MALOMO_BASE_URL: sim.baseUrl } });
  let errors = 0;
  let invalidRequests = 0;
  let recorded = 0;
  try {
    const init = await initialize(rpc);
    if (!init.result) throw new Error(`initialize failed: ${init.error?.message}\n${rpc.stderr()}`);
    const url = `${sim.baseUrl}/accounts/self`;
    const headers = { authorization: `Bearer ${TOKEN}`, accept: 'application/vnd.malomo+json; version=2' };
    const fetchOnce = async () => {
      const started = performance.now();
      const response = await fetch(url, { headers });
      await response.text();
      if (response.status !== 200) errors += 1;
      return performance.now() - started;
    };
    const callOnce = async () => {
      const started = performance.now();
      const reply = await rpc.request({ method: 'tools/call', params: { name: 'malomo_account_self', arguments: {} } });
      if (!reply.result || reply.result['isError'] === true) errors += 1;
      return performance.now() - started;
    };
    const run = { direct: fetchOnce, control: fetchOnce, viaMcp: callOnce };
    const round = async (index: number): Promise<Round> => {
      const times: Partial<Record<keyof Round, number>> = {};
      for (const kind of callOrder(index)) times[kind] = await run[kind]();
      return times as Round;
    };
    // The simulator records every request; between blocks they are counted and let go.
    const countInvalid = async () => {
      const drained = await sim.drain();
      invalidRequests += drained.invalid;
      recorded += drained.recorded;
    };
    for (let index = 0; index < WARM_UP_ROUNDS; index += 1) await round(index);
    await countInvalid();
    const blocks: Round[][] = [];
    const cpuBefore = cpuMsOf(rpc.pid);
    for (let block = 0; block < input.blocks; block += 1) {
      const rounds: Round[] = [];
      for (let index = 0; index < input.perBlock; index += 1) rounds.push(await round(index));
      blocks.push(rounds);
      await countInvalid();
    }
    const serverCpuMs = cpuMsOf(rpc.pid) - cpuBefore;
    const stats = overheadStats(blocks);
    // Every call reached the simulator: 3 requests a round, warm-up included, plus the server's own (none at start).
    if (recorded < 3 * (WARM_UP_ROUNDS + stats.rounds)) throw new Error(`the simulator saw ${recorded} requests, fewer than the ${3 * (WARM_UP_ROUNDS + stats.rounds)} sent`);
    return { tool: 'malomo_account_self', calls: stats.rounds, blocks: blocks.length, warmUpRounds: WARM_UP_ROUNDS, ...stats, addedMs: { p50: stats.addedP50PerBlock.median, p99: stats.addedP99PerBlock.median }, serverCpuMsPerCall: serverCpuMs / stats.rounds, errors, invalidRequests };
  } finally {
    await rpc.close();
    await sim.close();
  }
}
