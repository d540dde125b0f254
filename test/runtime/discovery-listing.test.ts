import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport, type CallToolResult, type ServerContext } from '@modelcontextprotocol/server';
import * as z from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from '../../templates/runtime/create-server.ts';
import { callByName, toolSchemas, type ToolCaller } from '../../templates/runtime/discovery-tools.ts';
import type { SchemaTool } from '../../templates/runtime/schema-tool.ts';
import type { ToolDefinition } from '../../templates/runtime/tool-definition.ts';
import { config, recordingFetch, tool } from './support.ts';

const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

function tagged(input: { readonly name: string; readonly tags: readonly string[]; readonly readOnly?: boolean }): ToolDefinition {
  const base = tool({ name: input.name, http: { method: 'GET', path: `/${input.name}`, args: {} } });
  return { ...base, tags: input.tags, annotations: { ...base.annotations, readOnlyHint: input.readOnly ?? true } };
}

async function listed(tools: readonly ToolDefinition[]) {
  const server = createServer({ tools, config: config({ fetch: recordingFetch(() => new Response('{}')).fetch }), toolsMode: 'discovery' });
  const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'discovery-listing', version: '0.0.0' });
  clients.push(client);
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  return { client, tools: JSON.parse(JSON.stringify((await client.listTools()).tools)) as Record<string, unknown>[] };
}

const SCHEMA = 'https://json-schema.org/draft/2020-12/schema';
const ALWAYS = { 'anthropic/alwaysLoad': true };

describe('discovery mode: the three meta-tools exactly', () => {
  it('as tools/list shows them', async () => {
    const { tools } = await listed([tagged({ name: 'get_order', tags: ['orders', 'customers', 'orders'] })]);
    expect(tools).toStrictEqual([
      {
        name: 'search_tools',
        title: 'Search Acme tools',
        description:
          'Finds Acme API tools by words (resource, action, tag). 1 tools are available; this returns names and one-line summaries, best match first. Next: get_tool_schemas, then call_tool. Tags: customers, orders.',
        inputSchema: {
          type: 'object',
          properties: {
            query: { type: 'string', minLength: 1, description: 'Words describing what you need, e.g. "list orders" or "update ticket tags".' },
            limit: { description: 'How many results (default 10).', type: 'integer', minimum: 1, maximum: 25 },
          },
          required: ['query'],
          $schema: SCHEMA,
          additionalProperties: false,
        },
        annotations: { title: 'Search Acme tools', readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
        _meta: ALWAYS,
      },
      {
        name: 'get_tool_schemas',
        title: 'Get tool schemas',
        description: 'Returns the full description, input schema and annotations of up to 5 tools by exact name. Unknown names come back with did-you-mean suggestions.',
        inputSchema: {
          type: 'object',
          properties: { names: { minItems: 1, maxItems: 5, type: 'array', items: { type: 'string', minLength: 1 }, description: 'Exact tool names from search_tools.' } },
          required: ['names'],
          $schema: SCHEMA,
          additionalProperties: false,
        },
        annotations: { title: 'Get tool schemas', readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
        _meta: ALWAYS,
      },
      {
        name: 'call_tool',
        title: 'Call a Acme tool',
        description: "Calls one tool by exact name with arguments matching its input schema (see get_tool_schemas). Returns that tool's own result.",
        inputSchema: {
          type: 'object',
          properties: {
            name: { type: 'string', minLength: 1, description: 'Exact tool name.' },
            arguments: { description: "The tool's arguments as an object.", type: 'object', propertyNames: { type: 'string' }, additionalProperties: {} },
          },
          required: ['name'],
          $schema: SCHEMA,
          additionalProperties: false,
        },
        annotations: { title: 'Call a Acme tool', readOnlyHint: true, destructiveHint: false, idempotentHint: false, openWorldHint: true },
        _meta: ALWAYS,
      },
    ]);
  });

  const tagsOf = (count: number) => Array.from({ length: count }, (_, i) => `tag${String(i).padStart(2, '0')}`);
  it.each([
    { count: 0, ending: 'then call_tool.' },
    { count: 24, ending: `then call_tool. Tags: ${tagsOf(24).join(', ')}.` },
    { count: 25, ending: `then call_tool. Tags: ${tagsOf(24).join(', ')}, and 1 more.` },
  ])('$count tags: the description names at most 24 of them, sorted', async ({ count, ending }) => {
    const tools = tagsOf(count).reverse().map((tag) => tagged({ name: `t_${tag}`, tags: [tag] }));
    const description = String((await listed(tools.length > 0 ? tools : [tagged({ name: 'untagged', tags: [] })])).tools[0]!['description']);
    expect(description.slice(description.indexOf('then call_tool.'))).toBe(ending);
    expect(description).toContain(`. ${Math.max(count, 1)} tools are available;`);
  });

  it('search_tools: no limit given shows ten; a limit shows that many', async () => {
    const { client } = await listed(Array.from({ length: 12 }, (_, i) => tagged({ name: `tool_${String(i).padStart(2, '0')}`, tags: ['shared'] })));
    const shown = async (args: Record<string, unknown>) => ((await client.callTool({ name: 'search_tools', arguments: args })).structuredContent as { tools: unknown[]; matched: number });
    expect((await shown({ query: 'shared' })).tools).toHaveLength(10);
    expect(await shown({ query: 'shared', limit: 11 })).toMatchObject({ matched: 12 });
    expect((await shown({ query: 'shared', limit: 11 })).tools).toHaveLength(11);
    // The text part carries the same JSON as structuredContent (clients without structured output read it).
    const one = await client.callTool({ name: 'search_tools', arguments: { query: 'tool_00' } });
    expect(one.content).toStrictEqual([{ type: 'text', text: JSON.stringify(one.structuredContent) }]);
  });

  it('a schema tool some tool in scope points to is found and answered through the meta-tools', async () => {
    const writer = { ...tagged({ name: 'create_record', tags: [] }), variants: { discriminator: 'object_key', variants: {}, schemaTool: SHAPES } };
    const { client } = await listed([writer]);
    const schemas = await client.callTool({ name: 'get_tool_schemas', arguments: { names: ['get_record_shape'] } });
    expect((schemas.structuredContent as { tools: { name: string }[] }).tools.map((t) => t.name)).toStrictEqual(['get_record_shape']);
    const answer = await client.callTool({ name: 'call_tool', arguments: { name: 'get_record_shape', arguments: { object_key: 'order' } } });
    expect(answer.structuredContent).toStrictEqual({ object_key: 'order', schema: { type: 'object' } });
  });
});

const SHAPES: SchemaTool = {
  name: 'get_record_shape',
  title: 'Record shape',
  description: 'One shape.',
  inputSchema: { type: 'object', properties: { object_key: { type: 'string', enum: ['order'] } }, additionalProperties: false },
  outputSchema: { type: 'object' },
  annotations: { title: 'Record shape', readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  discriminator: 'object_key',
  shapes: { order: { type: 'object' } },
};

const getOrder: ToolDefinition = { ...tool({ name: 'get_order', http: { method: 'GET', path: '/orders', args: {} }, input: () => z.strictObject({ id: z.string().optional() }) }) };

describe('toolSchemas', () => {
  it('finds schema tools by name too', () =>
    expect(toolSchemas({ tools: [getOrder], schemaTools: [SHAPES], names: ['get_record_shape'] })).toStrictEqual({
      tools: [{ name: 'get_record_shape', title: 'Record shape', description: 'One shape.', inputSchema: SHAPES.inputSchema, annotations: SHAPES.annotations }],
      unknown: [],
    }));
});

describe('callByName', () => {
  const ctx = {} as ServerContext;
  const OK: CallToolResult = { content: [{ type: 'text', text: 'called' }] };
  const recorder = () => {
    const calls: Parameters<ToolCaller>[0][] = [];
    const call: ToolCaller = async (input) => {
      calls.push(input);
      return OK;
    };
    return { calls, call };
  };
  const byName = (input: { readonly name: string; readonly args: Record<string, unknown>; readonly call: ToolCaller }) => callByName({ tools: [getOrder], schemaTools: [SHAPES], ctx, ...input });

  it('a tool in scope: validated arguments go to the caller with the request context', async () => {
    const vendor = recorder();
    expect(await byName({ name: 'get_order', args: { id: 'o1' }, call: vendor.call })).toBe(OK);
    expect(vendor.calls).toStrictEqual([{ tool: getOrder, args: { id: 'o1' }, ctx }]);
  });

  it('invalid arguments: refused by name, nothing called', async () => {
    const vendor = recorder();
    expect(await byName({ name: 'get_order', args: { id: 7 }, call: vendor.call })).toStrictEqual({
      isError: true,
      content: [{ type: 'text', text: 'Invalid arguments for tool get_order: ✖ Invalid input: expected string, received number\n  → at id' }],
    });
    expect(vendor.calls).toStrictEqual([]);
  });

  it('arguments nested too deep: refused before the validator, nothing called', async () => {
    const vendor = recorder();
    let deep: unknown = 1;
    for (let level = 0; level < 40; level += 1) deep = [deep];
    expect(await byName({ name: 'get_order', args: { id: deep }, call: vendor.call })).toStrictEqual({
      isError: true,
      content: [{ type: 'text', text: 'Invalid arguments for tool get_order: Arguments are nested more than 32 levels deep (under "id.0.0…"); no tool takes that. Nothing was sent.' }],
    });
    expect(vendor.calls).toStrictEqual([]);
  });

  it('an unknown name: refused with suggestions, comma-separated', async () => {
    const vendor = recorder();
    const getOrders = { ...getOrder, name: 'get_orders' };
    expect(await callByName({ tools: [getOrder, getOrders], ctx, name: 'get_ordr', args: {}, call: vendor.call })).toStrictEqual({
      isError: true,
      content: [{ type: 'text', text: 'Tool "get_ordr" is not available: it does not exist or is outside this server\'s or this token\'s scope. Did you mean: get_order, get_orders?' }],
    });
    expect(vendor.calls).toStrictEqual([]);
  });

  it('a schema tool is answered from data, never through the caller', async () => {
    const vendor = recorder();
    expect(await byName({ name: 'get_record_shape', args: { object_key: 'order' }, call: vendor.call })).toStrictEqual({
      content: [{ type: 'text', text: '{"object_key":"order","schema":{"type":"object"}}' }],
      structuredContent: { object_key: 'order', schema: { type: 'object' } },
    });
    expect(await byName({ name: 'get_record_shape', args: { object_key: 'invoice' }, call: vendor.call })).toStrictEqual({
      isError: true,
      content: [{ type: 'text', text: 'Invalid arguments for tool get_record_shape: ✖ Invalid input: expected "order"\n  → at object_key' }],
    });
    expect(vendor.calls).toStrictEqual([]);
  });

  it('over MCP, call_tool without arguments calls with none', async () => {
    const recorded = recordingFetch(() => new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } }));
    const server = createServer({ tools: [getOrder], config: config({ fetch: recorded.fetch }), toolsMode: 'discovery' });
    const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
    const client = new Client({ name: 'discovery-listing', version: '0.0.0' });
    clients.push(client);
    await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
    expect((await client.callTool({ name: 'call_tool', arguments: { name: 'get_order' } })).structuredContent).toStrictEqual({ ok: true });
    expect(recorded.sent.map((r) => r.url)).toStrictEqual(['https://api.acme.test/v1/orders']);
  });
});
