import { McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { VENDORS } from '../../scripts/shared/repo-root.ts';
import { createServer } from '../../templates/runtime/create-server.ts';
import { toolInputSchema, toolOutputSchema } from '../../templates/runtime/standard-schema.ts';
import type { SchemaTool } from '../../templates/runtime/schema-tool.ts';
import type { ToolDefinition } from '../../templates/runtime/tool-definition.ts';
import { firstExchange } from '../../templates/runtime/warm-up.ts';
import { ACME, BEARER, tool } from './support.ts';

const config = { vendor: ACME, baseUrl: ACME.baseUrl, credentials: BEARER, timeoutMs: 1000, maxResultChars: 100_000, maxResponseBytes: 1_000_000, fetch: () => Promise.reject(new Error('no call')) };

/**
 * The reference: every tool registered on a bare McpServer the way create-server.ts registers it,
 * so the SDK's own tools/list handler lists them. The tools go in by name in `order`.
 */
function sdkListed(input: { readonly tools: readonly ToolDefinition[]; readonly order: readonly string[] }): McpServer {
  const server = new McpServer({ name: ACME.packageName, version: ACME.version }, { capabilities: { tools: { listChanged: false } } });
  const schemaTools = new Map<string, SchemaTool>(input.tools.flatMap((t) => (t.variants?.schemaTool ? [[t.variants.schemaTool.name, t.variants.schemaTool] as const] : [])));
  const byName = new Map(input.tools.map((t) => [t.name, t]));
  for (const name of input.order) {
    const listed = byName.get(name) ?? schemaTools.get(name)!;
    const validated = { input: () => z.strictObject({}), inputSchema: listed.inputSchema };
    server.registerTool(
      name,
      { description: listed.description, inputSchema: toolInputSchema(validated), outputSchema: toolOutputSchema(listed), annotations: { ...listed.annotations }, ...('icons' in listed && listed.icons ? { icons: [...listed.icons] } : {}), ...(listed._meta ? { _meta: { ...listed._meta } } : {}) },
      () => ({ content: [] }),
    );
  }
  return server;
}

/** The `tools/list` reply line as the stdio transport writes it, from ours and from the SDK's handler. */
async function bothListings(tools: readonly ToolDefinition[]): Promise<{ readonly ours: string; readonly sdk: string }> {
  const ours = (await firstExchange(() => createServer({ tools, config, toolsMode: 'all' }))).lines[1]!;
  const order = (JSON.parse(ours) as { result: { tools: { name: string }[] } }).result.tools.map((t) => t.name);
  const sdk = (await firstExchange(() => sdkListed({ tools, order }))).lines[1]!;
  return { ours, sdk };
}

describe('tools/list from the listing built once: the bytes the SDK handler writes', () => {
  it.each(VENDORS)('%s: every generated tool and schema tool, byte for byte', async (vendor) => {
    const { tools } = (await import(`../../generated/${vendor}/src/tools/index.ts`)) as { tools: readonly ToolDefinition[] };
    const { ours, sdk } = await bothListings(tools);
    expect(JSON.parse(ours).result.tools.length).toBeGreaterThanOrEqual(tools.length);
    expect(ours).toBe(sdk);
  });

  it('roots the SDK reshapes: `type` not first, no input `type`, icons and _meta, a name that is an array index', async () => {
    const http = { method: 'GET', path: '/x', args: {} } as const;
    const typeLast = tool({ name: 'type_last', http, inputSchema: { properties: { a: { type: 'string' } }, type: 'object' }, outputSchema: { properties: { b: { type: 'number' } }, type: 'object' } });
    const untyped = tool({ name: 'untyped', http, inputSchema: { properties: {} } });
    const decorated: ToolDefinition = { ...tool({ name: 'decorated', http }), icons: [{ src: 'https://acme.test/i.png', mimeType: 'image/png' }], _meta: { 'anthropic/searchHint': 'decorated' } };
    const index = tool({ name: '42', http });
    const { ours, sdk } = await bothListings([typeLast, untyped, decorated, index]);
    expect(JSON.parse(ours).result.tools.map((t: { name: string }) => t.name)).toStrictEqual(['42', 'type_last', 'untyped', 'decorated']);
    expect(ours).toBe(sdk);
  });

  it('an output schema without a root type is refused, not listed differently from the SDK', async () => {
    const typeless = tool({ name: 'typeless', http: { method: 'GET', path: '/x', args: {} }, outputSchema: { properties: {} } });
    const reply = JSON.parse((await firstExchange(() => createServer({ tools: [typeless], config, toolsMode: 'all' }))).lines[1]!) as { error?: { message: string } };
    expect(reply.error?.message).toContain('tool typeless: its output schema has no root type; regenerate the package');
  });
});
