import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../scripts/simulator/index.ts';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';
import { wire } from '../../scripts/shared/mcp-stack.ts';
import { packageBin } from '../../scripts/shared/package-bin.ts';

const run = promisify(execFile);
const INSPECTOR = path.join(REPO_ROOT, 'node_modules', '.bin', 'inspector');

/** The MCP Inspector CLI is an independent client: it must agree with our snapshot and our requests. */
async function inspector(input: { readonly vendor: string; readonly env: Record<string, string>; readonly args: readonly string[] }) {
  const bin = packageBin(path.join(REPO_ROOT, 'generated', input.vendor));
  const envFlags = Object.entries(input.env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  // The CLI exits 1 when a tool result is an error; its JSON on stdout is still the answer.
  const stdout = await run(INSPECTOR, ['--cli', process.execPath, bin, ...envFlags, ...input.args, '--format', 'json'], { timeout: 60_000 }).then(
    (done) => done.stdout,
    (failed: { stdout?: string }) => failed.stdout ?? '',
  );
  return JSON.parse(stdout) as { result: Record<string, unknown> };
}

describe('MCP Inspector CLI against the generated servers', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ vendor: 'malomo', token: 'inspector-key' });
  });
  afterAll(async () => sim?.close());

  it.each([
    { vendor: 'roserocket', env: { ROSEROCKET_ACCESS_TOKEN: 'x' } as Record<string, string> },
    { vendor: 'malomo', env: { MALOMO_API_KEY: 'x' } as Record<string, string> },
    { vendor: 'edesk', env: { EDESK_API_TOKEN: 'x' } as Record<string, string> },
  ])('$vendor: tools/list equals the committed tools.json', async ({ vendor, env }) => {
    const { result } = await inspector({ vendor, env, args: ['--method', 'tools/list'] });
    const snapshot = JSON.parse(readFileSync(path.join(REPO_ROOT, 'generated', vendor, 'tools.json'), 'utf8')) as { tools: Record<string, unknown>[] };
    // No top-level title: the display title is listed once, as annotations.title.
    const listed = (result['tools'] as Record<string, unknown>[]).map(({ name, title, description, inputSchema, outputSchema, annotations, _meta }) => ({ name, ...(title !== undefined ? { title } : {}), description, inputSchema, outputSchema, annotations, _meta }));
    expect(listed).toStrictEqual(snapshot.tools);
  });

  it('tools/call reaches the vendor with exactly the documented request', async () => {
    const before = sim.requests.length;
    const { result } = await inspector({
      vendor: 'malomo',
      env: { MALOMO_API_KEY: 'inspector-key', MALOMO_BASE_URL: sim.baseUrl },
      args: ['--method', 'tools/call', '--tool-name', 'get_single_malomo_orders_by_tracking_code_by_id', '--tool-args-json', JSON.stringify({ tracking_code: '1Z999AA10123456784' })],
    });
    expect(result['isError']).toBeUndefined();
    expect(sim.requests.slice(before).map(wire)).toStrictEqual([
      { method: 'GET', path: '/orders', query: { tracking_code: '1Z999AA10123456784' }, body: undefined, auth: 'Bearer inspector-key', valid: true, errors: [] },
    ]);
  });

  it('against a rate-limiting vendor: one request, and a structured 429 the Inspector accepts', async () => {
    const before = sim.requests.length;
    sim.enqueue({ status: 429, headers: { 'retry-after': '17', 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '17' }, body: { code: 'rate_limited', message: 'Slow down', request_id: 'req_rl', status: 429 } });
    const { result } = await inspector({
      vendor: 'malomo',
      env: { MALOMO_API_KEY: 'inspector-key', MALOMO_BASE_URL: sim.baseUrl },
      args: ['--method', 'tools/call', '--tool-name', 'list_all_malomo_orders', '--tool-args-json', JSON.stringify({ limit: 2 })],
    });
    expect(sim.requests.length - before).toBe(1);
    expect(result['isError']).toBe(true);
    expect(result['structuredContent']).toStrictEqual({ status: 429, message: 'Slow down', code: 'rate_limited', request_id: 'req_rl', retry_after_seconds: 17, ratelimit: { limit: 100, remaining: 0, reset: 17 } });
  });

  it('a page walk through the Inspector follows next_cursor to the end: every order once, in the vendor\'s order', async () => {
    const env = { MALOMO_API_KEY: 'inspector-key', MALOMO_BASE_URL: sim.baseUrl };
    // What the vendor holds, read straight from it (the seed has fewer orders than one vendor page).
    const direct = (await (await fetch(`${sim.baseUrl}/orders`, { headers: { authorization: 'Bearer inspector-key', accept: 'application/vnd.malomo+json; version=2' } })).json()) as { id: string }[];
    expect(direct.length).toBeGreaterThanOrEqual(3);
    const ids: string[] = [];
    let cursor: string | null = null;
    // Each Inspector call starts a new server process: the cursor must survive that (it is keyed by the credential).
    for (let page = 0; page <= direct.length + 1; page += 1) {
      const { result } = await inspector({ vendor: 'malomo', env, args: ['--method', 'tools/call', '--tool-name', 'list_all_malomo_orders', '--tool-args-json', JSON.stringify({ limit: 1, ...(cursor ? { cursor } : {}) })] });
      const content = result['structuredContent'] as { items: { id: string }[]; next_cursor: string | null };
      ids.push(...content.items.map((o) => o.id));
      cursor = content.next_cursor;
      if (cursor === null) break;
    }
    expect(cursor).toBeNull();
    expect(ids).toStrictEqual(direct.map((order) => order.id));
  });
});
