import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as malomo from '../../generated/malomo/src/index.ts';
import { serveHttp, type HttpServing } from '../../generated/malomo/src/runtime/serve-http.ts';
import { MCP_HEADERS, rawPost, rpcBody } from './http-stack.ts';

const MODERN = '2026-07-28';
const ENVELOPE = {
  'io.modelcontextprotocol/protocolVersion': MODERN,
  'io.modelcontextprotocol/clientCapabilities': {},
  'io.modelcontextprotocol/clientInfo': { name: 'raw-probe', version: '1.0.0' },
};

let serving: HttpServing;
let port: number;
beforeAll(async () => {
  // No vendor is reached in these tests: tools/list, and calls refused at the HTTP edge.
  const config = malomo.runtimeConfigFrom({ vendor: malomo.vendor, env: { MALOMO_API_KEY: 'sk_test_unused', MALOMO_BASE_URL: 'http://127.0.0.1:9/' } });
  if ('errors' in config) throw new Error(config.errors.join('; '));
  const options = { host: '127.0.0.1', port: 0, auth: { mode: 'token', noAuth: true, tokenInUrl: false, requireApiTokenAuth: false } as const, allowedHosts: [], allowedOrigins: [], maxBodyBytes: 1_048_576 };
  serving = await serveHttp({ options, auth: { mode: 'none' }, grants: () => true, serverFor: () => malomo.createServer({ tools: malomo.tools, config }), health: {}, log: () => undefined });
  port = Number(new URL(serving.url).port);
});
afterAll(async () => serving?.close());

function modernPost(input: { readonly method: string; readonly params?: Record<string, unknown>; readonly headers: Record<string, string> }) {
  const body = JSON.stringify({ jsonrpc: '2.0', id: 7, method: input.method, params: { ...input.params, _meta: ENVELOPE } });
  return rawPost({ port, headers: { ...MCP_HEADERS, 'mcp-protocol-version': MODERN, ...input.headers }, body });
}

describe('2026-07-28 cache hints on tools/list', () => {
  it('carries ttlMs and a private cacheScope, with tools in name order', async () => {
    const response = await modernPost({ method: 'tools/list', headers: { 'mcp-method': 'tools/list' } });
    expect(response.status).toBe(200);
    const result = rpcBody(response).result as { ttlMs: number; cacheScope: string; tools: { name: string }[] };
    expect({ ttlMs: result.ttlMs, cacheScope: result.cacheScope }).toStrictEqual({ ttlMs: 3_600_000, cacheScope: 'private' });
    const names = result.tools.map((tool) => tool.name);
    expect(names).toStrictEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(names).toHaveLength(malomo.tools.length);
  });
});

describe('Mcp-Method and Mcp-Name routing headers', () => {
  it('a request without Mcp-Method is refused with 400 before any handler runs', async () => {
    const response = await modernPost({ method: 'tools/list', headers: {} });
    expect(response.status).toBe(400);
  });

  it('an Mcp-Method that names another method is refused with 400', async () => {
    const response = await modernPost({ method: 'tools/list', headers: { 'mcp-method': 'prompts/list' } });
    expect(response.status).toBe(400);
  });

  it('a tools/call whose Mcp-Name names another tool is refused with 400; the matching header is served', async () => {
    const params = { name: 'delete_a_malomo_order_by_id', arguments: { id: '123e4567-e89b-12d3-a456-426614174000', dry_run: true } };
    const mismatched = await modernPost({ method: 'tools/call', params, headers: { 'mcp-method': 'tools/call', 'mcp-name': 'get_single_malomo_order_by_id' } });
    expect(mismatched.status).toBe(400);
    const missing = await modernPost({ method: 'tools/call', params, headers: { 'mcp-method': 'tools/call' } });
    expect(missing.status).toBe(400);
    const matching = await modernPost({ method: 'tools/call', params, headers: { 'mcp-method': 'tools/call', 'mcp-name': 'delete_a_malomo_order_by_id' } });
    expect(matching.status).toBe(200);
    expect((rpcBody(matching).result as { structuredContent: { dry_run: boolean } }).structuredContent.dry_run).toBe(true);
  });
});
