import { afterEach, describe, expect, it, vi } from 'vitest';
import { SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/server';
import { createServer } from '../../templates/runtime/create-server.ts';
import { EARLY_REQUESTS, firstExchange, warmUp } from '../../templates/runtime/warm-up.ts';
import { ACME, BEARER, tool } from './support.ts';

const IDLE = { vendor: ACME, baseUrl: ACME.baseUrl, credentials: BEARER, timeoutMs: 1, maxResultChars: 0, maxResponseBytes: 0, fetch: () => Promise.reject(new Error('no call')) };

const http = { method: 'GET', path: '/things', args: {} } as const;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('warmUp: the exchange the build runs before it writes the code cache', () => {
  it('answers initialize and tools/list in memory, in both tools modes, without a byte on the real stdout or a vendor call', async () => {
    const stdout = vi.spyOn(process.stdout, 'write');
    const fetch = vi.spyOn(globalThis, 'fetch');
    const listed = tool({ name: 'list_things', http });
    const texts = (await warmUp({ vendor: ACME, tools: [listed] })).listing;
    // Each listed tool's entry as JSON, exactly as the SDK-shaped listing serialises it.
    expect([...texts!.keys()]).toStrictEqual(['list_things']);
    expect(JSON.parse(texts!.get('list_things')!)).toStrictEqual({ name: 'list_things', description: listed.description, inputSchema: listed.inputSchema, annotations: listed.annotations, outputSchema: listed.outputSchema });
    expect(stdout).not.toHaveBeenCalled();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('records the early replies: per tools mode, initialize for each version the SDK answers as asked and the other opening requests, split where the id goes; the list line in discovery mode only', async () => {
    const listed = tool({ name: 'list_things', http });
    const { early, listing } = await warmUp({ vendor: ACME, tools: [listed] });
    expect({ vendor: early.vendor, toolCount: early.toolCount, confirm: early.confirm }).toStrictEqual({ vendor: ACME, toolCount: 1, confirm: 'elicit' });
    const legacy = SUPPORTED_PROTOCOL_VERSIONS.filter((version) => version < '2026');
    for (const mode of ['all', 'discovery'] as const) {
      const { initialize } = early.modes[mode]!;
      expect(Object.keys(initialize).sort()).toStrictEqual([...legacy].sort());
      for (const [version, [before, after]] of Object.entries(initialize)) {
        const { lines } = await firstExchange(() => createServer({ tools: [listed], config: IDLE, toolsMode: mode }), [{ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: version, capabilities: {}, clientInfo: { name: 'vendor-mcp-build', version: '1.0.0' } } }]);
        expect(`${before}1${after}`).toBe(lines[0]);
      }
    }
    // In all mode the list is the listing's entries; in discovery mode, the line the server wrote.
    expect(early.modes.all!.list).toBeUndefined();
    expect([...listing!.keys()]).toStrictEqual(['list_things']);
    const discovered = (await firstExchange(() => createServer({ tools: [listed], config: IDLE, toolsMode: 'discovery' }))).lines[1]!;
    expect(early.modes.discovery!.list!.join('2')).toBe(discovered);
    // The other requests' replies, by method, errors included, for the id they were given.
    const asked = [{ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'c', version: '1' } } }, { jsonrpc: '2.0', method: 'notifications/initialized' }, ...EARLY_REQUESTS.map((method) => ({ jsonrpc: '2.0', id: 9, method }))];
    for (const [at, method] of EARLY_REQUESTS.entries()) {
      const { lines } = await firstExchange(() => createServer({ tools: [listed], config: IDLE, toolsMode: 'all' }), [...asked.slice(0, 2), asked[2 + at]!]);
      expect(early.modes.all!.requests[method]!.join('9')).toBe(lines.find((reply) => (JSON.parse(reply) as { id: number }).id === 9));
    }
    expect(early.modes.all!.requests['resources/list']!.join('9')).toBe('{"jsonrpc":"2.0","id":9,"error":{"code":-32601,"message":"Method not found"}}');
  });

  it('a listing the SDK refuses fails the warm-up, naming the mode: so the build fails instead of shipping a server that cannot list', async () => {
    const broken = tool({ name: 'broken', http, inputSchema: { type: 'string' } });
    await expect(warmUp({ vendor: ACME, tools: [broken] })).rejects.toThrow(/^warm-up \(all tools\): .*must describe objects/);
  });
});
