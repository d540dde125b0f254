import path from 'node:path';
import { startSimulator } from '../simulator/index.ts';
import { ourServerCommand, unlimitedCallsArgs } from './server-bench.ts';
import { percentile, spread, type Spread } from './stats.ts';
import { initialize, spawnStdioRpc } from './stdio-rpc.ts';

export type OverheadResult = {
  readonly tool: string;
  readonly calls: number;
  readonly directMs: { readonly p50: number; readonly p99: number };
  readonly viaMcpMs: { readonly p50: number; readonly p99: number };
  readonly addedMs: { readonly p50: number; readonly p99: number };
  /** Added p50 per block, to show how stable the difference is. */
  readonly addedP50PerBlock: Spread;
  readonly errors: number;
  readonly invalidRequests: number;
};

const TOKEN = 'bench-malomo-token-5d1e';

/**
 * Malomo `malomo_account_self` (GET /accounts/self) against the doc-validating simulator: blocks of
 * direct `fetch`es of exactly the request the server sends, interleaved with blocks of `tools/call`
 * over stdio, so load on the shared machine hits both alike.
 */
export async function measureCallOverhead(input: { readonly root: string; readonly blocks: number; readonly perBlock: number }): Promise<OverheadResult> {
  const sim = await startSimulator({ vendor: 'malomo', token: TOKEN });
  const packageDir = path.join(input.root, 'generated', 'malomo');
  const server = ourServerCommand({ packageDir, slug: 'malomo', baseUrl: sim.baseUrl });
  const rpc = spawnStdioRpc({ ...server, args: [...server.args, ...unlimitedCallsArgs(packageDir)], env: { PATH: process.env['PATH'] ?? '', MALOMO_API_KEY: TOKEN, MALOMO_BASE_URL: sim.baseUrl } });
  const direct: number[] = [];
  const viaMcp: number[] = [];
  const perBlock: number[] = [];
  let errors = 0;
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
    for (let index = 0; index < 50; index += 1) {
      await fetchOnce();
      await callOnce();
    }
    const before = sim.requests.length;
    for (let block = 0; block < input.blocks; block += 1) {
      const blockDirect: number[] = [];
      const blockMcp: number[] = [];
      for (let index = 0; index < input.perBlock; index += 1) blockDirect.push(await fetchOnce());
      for (let index = 0; index < input.perBlock; index += 1) blockMcp.push(await callOnce());
      direct.push(...blockDirect);
      viaMcp.push(...blockMcp);
      perBlock.push(percentile(blockMcp, 50) - percentile(blockDirect, 50));
    }
    const measured = sim.requests.slice(before);
    const invalidRequests = measured.filter((request) => !request.valid).length;
    const p = (values: number[]) => ({ p50: percentile(values, 50), p99: percentile(values, 99) });
    const d = p(direct);
    const m = p(viaMcp);
    return { tool: 'malomo_account_self', calls: viaMcp.length, directMs: d, viaMcpMs: m, addedMs: { p50: m.p50 - d.p50, p99: m.p99 - d.p99 }, addedP50PerBlock: spread(perBlock), errors, invalidRequests };
  } finally {
    await rpc.close();
    await sim.close();
  }
}
