import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { startSimulator } from '../simulator/index.ts';
import { probeServer } from './server-probe.ts';
import { modelVisibleTokens, type ModelVisibleTool } from '../../generator/shared/model-tokens.ts';
import { ourServerCommand, unlimitedCallsArgs } from './server-bench.ts';

/**
 * Figures that need issue 5's serving modes: Streamable HTTP throughput with N concurrent SDK
 * clients (`--transport http --port N --no-auth`) and the constant size of `--tools-mode discovery`.
 * Until a build supports the flags, each says so instead of a number.
 */
export type ThroughputRow = { readonly clients: number; readonly calls: number; readonly seconds: number; readonly callsPerSecond: number; readonly errors: number };
export type HttpResult = { readonly supported: true; readonly rows: readonly ThroughputRow[] } | { readonly supported: false; readonly reason: string };
export type DiscoveryRow = { readonly spec: string; readonly tools: number; readonly listBytes: number; readonly tokens: number };
export type DiscoveryResult = { readonly supported: true; readonly rows: readonly DiscoveryRow[] } | { readonly supported: false; readonly reason: string };

const TOKEN = 'bench-malomo-token-5d1e';
const MCP_PATH = process.env['BENCH_HTTP_PATH'] ?? '/mcp';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitForPort(input: { readonly port: number; readonly exited: () => string | undefined; readonly timeoutMs: number }): Promise<string | undefined> {
  const deadline = Date.now() + input.timeoutMs;
  while (Date.now() < deadline) {
    const exited = input.exited();
    if (exited !== undefined) return exited;
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(input.port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return `nothing listening on ${input.port} after ${input.timeoutMs} ms`;
}

export async function measureHttpThroughput(input: { readonly root: string; readonly clientCounts: readonly number[]; readonly seconds: number }): Promise<HttpResult> {
  const sim = await startSimulator({ vendor: 'malomo', token: TOKEN });
  const port = await freePort();
  const packageDir = path.join(input.root, 'generated', 'malomo');
  const base = ourServerCommand({ packageDir, slug: 'malomo', baseUrl: sim.baseUrl });
  const child = spawn(base.command, [...base.args, '--transport', 'http', '--port', String(port), '--no-auth', ...unlimitedCallsArgs(packageDir)], { cwd: base.cwd, env: { PATH: process.env['PATH'] ?? '', MALOMO_API_KEY: TOKEN, MALOMO_BASE_URL: sim.baseUrl }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  let exited: string | undefined;
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.on('exit', (code) => (exited = `server exited (${code}): ${stderr.trim().split('\n').slice(-2).join(' | ').slice(0, 300)}`));
  try {
    const problem = await waitForPort({ port, exited: () => exited, timeoutMs: 10_000 });
    if (problem !== undefined) return { supported: false, reason: `--transport http --port ${port} --no-auth: ${problem}` };
    const rows: ThroughputRow[] = [];
    for (const clients of input.clientCounts) {
      const connected = await Promise.all(
        Array.from({ length: clients }, async () => {
          const client = new Client({ name: 'vendor-mcp-bench', version: '1.0.0' });
          await client.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}${MCP_PATH}`)));
          return client;
        }),
      );
      let calls = 0;
      let errors = 0;
      const started = performance.now();
      const until = started + input.seconds * 1000;
      await Promise.all(
        connected.map(async (client) => {
          while (performance.now() < until) {
            const result = await client.callTool({ name: 'malomo_account_self', arguments: {} }).catch(() => ({ isError: true }));
            calls += 1;
            if ((result as { isError?: boolean }).isError) errors += 1;
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      rows.push({ clients, calls, seconds: Math.round(seconds * 100) / 100, callsPerSecond: Math.round(calls / seconds), errors });
      await Promise.all(connected.map((client) => client.close()));
    }
    return { supported: true, rows };
  } catch (error) {
    return { supported: false, reason: error instanceof Error ? error.message.slice(0, 300) : String(error) };
  } finally {
    child.kill('SIGTERM');
    await sim.close();
  }
}

/** tools/list of `--tools-mode discovery` on built packages: it must not grow with the spec. */
export async function measureDiscovery(input: { readonly packages: readonly { readonly spec: string; readonly packageDir: string; readonly slug: string }[] }): Promise<DiscoveryResult> {
  const rows: DiscoveryRow[] = [];
  for (const item of input.packages) {
    const server = ourServerCommand({ packageDir: item.packageDir, slug: item.slug });
    const probed = await probeServer({ server: { ...server, args: [...server.args, '--tools-mode', 'discovery'] }, timeoutMs: 30_000 });
    if (!probed.ok) return { supported: false, reason: `--tools-mode discovery on ${item.spec}: ${probed.error.slice(0, 300)}` };
    // A build without the mode ignores the flag and lists every tool.
    if (probed.tools.length > 10) return { supported: false, reason: `--tools-mode discovery is not implemented in this build: ${item.spec} still lists ${probed.tools.length} tools` };
    rows.push({ spec: item.spec, tools: probed.tools.length, listBytes: probed.listBytes, tokens: probed.tools.reduce((sum, tool) => sum + modelVisibleTokens(tool as ModelVisibleTool), 0) });
  }
  return { supported: true, rows };
}
