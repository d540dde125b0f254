import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../scripts/simulator/index.ts';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';
import { createToken, MALOMO_BIN, SECRET, startHttpServer, type HttpServer } from './http-stack.ts';
import { wire } from '../../scripts/shared/mcp-stack.ts';

const run = promisify(execFile);
const INSPECTOR = path.join(REPO_ROOT, 'node_modules', '.bin', 'inspector');
const VENDOR_KEY = 'inspector-http-key-9a7e';
const LOOKUP_ARGS = ['--method', 'tools/call', '--tool-name', 'get_single_malomo_orders_by_tracking_code_by_id', '--tool-args-json', JSON.stringify({ tracking_code: '1Z999AA10123456784' })];
const LOOKUP_REQUEST = { method: 'GET', path: '/orders', query: { tracking_code: '1Z999AA10123456784' }, body: undefined, auth: `Bearer ${VENDOR_KEY}`, valid: true, errors: [] };

/** The Inspector CLI as an independent client; returns its exit code and parsed JSON answer. */
async function inspector(args: readonly string[]): Promise<{ code: number; result?: Record<string, unknown> }> {
  const outcome = await run(INSPECTOR, ['--cli', ...args, '--format', 'json'], { timeout: 60_000, env: { PATH: process.env['PATH'] ?? '' } }).then(
    (done) => ({ code: 0, stdout: done.stdout }),
    (failed: { code?: number; stdout?: string }) => ({ code: failed.code ?? -1, stdout: failed.stdout ?? '' }),
  );
  return { code: outcome.code, ...(outcome.stdout.trim() ? { result: (JSON.parse(outcome.stdout) as { result: Record<string, unknown> }).result } : {}) };
}

const readOnlySnapshot = () =>
  (JSON.parse(readFileSync(path.join(REPO_ROOT, 'generated', 'malomo', 'tools.json'), 'utf8')) as { tools: { name: string; annotations: { readOnlyHint: boolean } }[] }).tools.filter((t) => t.annotations.readOnlyHint).map((t) => t.name);

let sim: Simulator;
let server: HttpServer;
let readToken: string;

beforeAll(async () => {
  sim = await startSimulator({ vendor: 'malomo', token: VENDOR_KEY });
  server = await startHttpServer({ args: [], env: { MALOMO_API_KEY: VENDOR_KEY, MALOMO_BASE_URL: sim.baseUrl, MCP_TOKEN_SECRET: SECRET } });
  readToken = await createToken({ args: ['--expires-in', '30d', '--methods', 'read', '--name', 'inspector'] });
});
afterAll(async () => {
  await server?.stop();
  await sim?.close();
});

describe('MCP Inspector CLI over Streamable HTTP', () => {
  it.each([{ era: 'legacy' }, { era: 'modern' }])('$era: a read token lists exactly the read tools and calls one with the documented request', async ({ era }) => {
    const auth = ['--header', `Authorization: Bearer ${readToken}`, '--protocol-era', era];
    const listed = await inspector([server.url, '--method', 'tools/list', ...auth]);
    expect(listed.code).toBe(0);
    expect((listed.result!['tools'] as { name: string }[]).map((t) => t.name).sort()).toStrictEqual(readOnlySnapshot().sort());
    const before = sim.requests.length;
    const called = await inspector([server.url, ...LOOKUP_ARGS, ...auth]);
    expect({ code: called.code, isError: called.result!['isError'] }).toStrictEqual({ code: 0, isError: undefined });
    expect(sim.requests.slice(before).map(wire)).toStrictEqual([LOOKUP_REQUEST]);
  });

  it('without a token the Inspector is refused (exit 3, auth required) and the vendor sees nothing', async () => {
    const before = sim.requests.length;
    expect((await inspector([server.url, '--method', 'tools/list'])).code).toBe(3);
    expect(sim.requests.length).toBe(before);
  });
});

describe('MCP Inspector CLI over stdio with scope flags and discovery mode', () => {
  it('--methods read --tools-mode discovery: three meta-tools, and call_tool reaches the vendor exactly', async () => {
    const target = [process.execPath, MALOMO_BIN, '--methods', 'read', '--tools-mode', 'discovery', '-e', `MALOMO_API_KEY=${VENDOR_KEY}`, '-e', `MALOMO_BASE_URL=${sim.baseUrl}`];
    const listed = await inspector([...target, '--method', 'tools/list']);
    expect((listed.result!['tools'] as { name: string }[]).map((t) => t.name)).toStrictEqual(['search_tools', 'get_tool_schemas', 'call_tool']);
    const before = sim.requests.length;
    const called = await inspector([...target, '--method', 'tools/call', '--tool-name', 'call_tool', '--tool-args-json', JSON.stringify({ name: 'get_single_malomo_orders_by_tracking_code_by_id', arguments: { tracking_code: '1Z999AA10123456784' } })]);
    expect({ code: called.code, isError: called.result!['isError'] }).toStrictEqual({ code: 0, isError: undefined });
    expect(sim.requests.slice(before).map(wire)).toStrictEqual([LOOKUP_REQUEST]);
  });

  it('--read-only on stdio: a write tool is not listed and calling it fails without a vendor request', async () => {
    const target = [process.execPath, MALOMO_BIN, '--read-only', '-e', `MALOMO_API_KEY=${VENDOR_KEY}`, '-e', `MALOMO_BASE_URL=${sim.baseUrl}`];
    const listed = await inspector([...target, '--method', 'tools/list']);
    expect((listed.result!['tools'] as { name: string }[]).map((t) => t.name).sort()).toStrictEqual(readOnlySnapshot().sort());
    const before = sim.requests.length;
    const called = await inspector([...target, '--method', 'tools/call', '--tool-name', 'delete_a_malomo_webhook_by_id', '--tool-args-json', '{"id":"wh_1"}']);
    expect(called.code).not.toBe(0);
    expect(sim.requests.length).toBe(before);
  });
});
