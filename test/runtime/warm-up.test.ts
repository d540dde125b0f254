import { afterEach, describe, expect, it, vi } from 'vitest';
import { warmUp } from '../../templates/runtime/warm-up.ts';
import { ACME, tool } from './support.ts';

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

  it('a listing the SDK refuses fails the warm-up, naming the mode: so the build fails instead of shipping a server that cannot list', async () => {
    const broken = tool({ name: 'broken', http, inputSchema: { type: 'string' } });
    await expect(warmUp({ vendor: ACME, tools: [broken] })).rejects.toThrow(/^warm-up \(all tools\): .*must describe objects/);
  });
});
