import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { describe, expect, it } from 'vitest';
import { createServer } from '../../templates/runtime/create-server.ts';
import { didYouMean, searchTools, toolSchemas } from '../../templates/runtime/discovery-tools.ts';
import { SAME_FIELDS } from '../../templates/runtime/same-fields.ts';
import type { ToolDefinition } from '../../templates/runtime/tool-definition.ts';
import { config, recordingFetch, tool } from './support.ts';
import { modelVisibleTokens } from '../../generator/shared/model-tokens.ts';

function described(input: { readonly name: string; readonly title: string; readonly description: string; readonly tags: readonly string[]; readonly readOnly?: boolean }): ToolDefinition {
  const base = tool({ name: input.name, http: { method: 'GET', path: `/${input.name}`, args: {} } });
  return { ...base, title: input.title, description: input.description, tags: input.tags, annotations: { ...base.annotations, readOnlyHint: input.readOnly ?? true } };
}

const TOOLS = [
  described({ name: 'list_all_acme_orders', title: 'List orders', description: 'Lists orders, newest first. Filter by status.', tags: ['orders'] }),
  described({ name: 'get_single_acme_order_by_id', title: 'Retrieve an order', description: 'One order by id.', tags: ['orders'] }),
  described({ name: 'update_a_acme_ticket_by_id', title: 'Update a ticket', description: 'Changes a ticket: status, tags, assignee.', tags: ['tickets'], readOnly: false }),
  described({ name: 'list_all_acme_customers', title: 'List customers', description: 'Lists customers; search by email.', tags: ['customers'] }),
];

describe('searchTools', () => {
  it.each([
    { query: 'list orders', want: ['list_all_acme_orders', 'get_single_acme_order_by_id', 'list_all_acme_customers'] },
    { query: 'ticket tags', want: ['update_a_acme_ticket_by_id'] },
    { query: 'EMAIL', want: ['list_all_acme_customers'] },
    { query: 'update', want: ['update_a_acme_ticket_by_id'] },
    { query: 'customer', want: ['list_all_acme_customers'] },
    { query: 'invoices', want: [] },
    { query: '!!!', want: [] },
  ])('$query', ({ query, want }) => expect(searchTools({ tools: TOOLS, query }).tools.map((t) => t.name)).toStrictEqual(want));

  it('returns one-line summaries and honours the limit', () =>
    expect(searchTools({ tools: TOOLS, query: 'list orders', limit: 1 })).toStrictEqual({
      tools: [{ name: 'list_all_acme_orders', title: 'List orders', summary: 'Lists orders, newest first.', class: 'custom', read_only: true }],
      matched: 3,
    }));
});

describe('didYouMean', () => {
  const names = TOOLS.map((t) => t.name);
  it.each([
    { given: 'list_all_acme_order', want: ['list_all_acme_orders', 'list_all_acme_customers', 'get_single_acme_order_by_id'] },
    { given: 'update_ticket', want: ['update_a_acme_ticket_by_id'] },
    { given: 'zzz', want: [] },
  ])('$given', ({ given, want }) => expect(didYouMean({ name: given, names })).toStrictEqual(want));
});

describe('toolSchemas', () => {
  it('returns known tools in the asked order and suggests for the rest', () =>
    expect(toolSchemas({ tools: TOOLS.slice(0, 2), names: ['get_single_acme_order_by_id', 'update_a_acme_ticket_by_id'] })).toStrictEqual({
      tools: [{ name: 'get_single_acme_order_by_id', title: 'Retrieve an order', description: 'One order by id.', inputSchema: TOOLS[1]!.inputSchema, annotations: TOOLS[1]!.annotations }],
      unknown: [{ name: 'update_a_acme_ticket_by_id', error: "No such tool in this server's scope.", did_you_mean: [] }],
    }));
});

describe('toolSchemas: a shape listed once elsewhere', () => {
  it('comes back whole, with the argument\'s own description', () => {
    const address = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
    const create = { ...TOOLS[0]!, name: 'create_order', inputSchema: { type: 'object', properties: { ship_to: address } } };
    const update = { ...TOOLS[0]!, name: 'update_order', inputSchema: { type: 'object', properties: { ship_to: { type: 'object', description: 'New address. Same fields as ship_to of create_order.' } } }, _meta: { [SAME_FIELDS]: { ship_to: { tool: 'create_order', property: 'ship_to' } } } };
    const [found] = toolSchemas({ tools: [create, update], names: ['update_order'] }).tools;
    expect(found!.inputSchema).toStrictEqual({ type: 'object', properties: { ship_to: { ...address, description: 'New address.' } } });
  });
});

async function discoveryClient(tools: readonly ToolDefinition[], fetch: typeof globalThis.fetch) {
  const server = createServer({ tools, config: config({ fetch }), toolsMode: 'discovery' });
  const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'discovery-test', version: '0.0.0' });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  return client;
}

/** The listing a client loads into its context: bounded whatever the number of tools and tags. */
describe('discovery mode listing', () => {
  it.each([{ tools: 4 }, { tools: 2_000 }])('$tools tools: three meta-tools under 1,500 model-visible tokens (o200k_base)', async ({ tools: count }) => {
    const many = Array.from({ length: count }, (_, i) => described({ name: `tool_${i}`, title: `Tool ${i}`, description: 'x'.repeat(500), tags: [`tag_number_${i}`] }));
    const client = await discoveryClient(many, recordingFetch(() => new Response('{}')).fetch);
    const listed = await client.listTools();
    expect(listed.tools.map((t) => t.name)).toStrictEqual(['search_tools', 'get_tool_schemas', 'call_tool']);
    expect(listed.tools.reduce((sum, tool) => sum + modelVisibleTokens(tool), 0)).toBeLessThan(1_500);
    // They are the whole surface, so a host that loads tools lazily must keep all three loaded.
    expect(listed.tools.map((t) => t._meta)).toStrictEqual([{ 'anthropic/alwaysLoad': true }, { 'anthropic/alwaysLoad': true }, { 'anthropic/alwaysLoad': true }]);
    await client.close();
  });

  it('call_tool is read-only exactly when every tool in scope is', async () => {
    const hints = async (tools: readonly ToolDefinition[]) => {
      const client = await discoveryClient(tools, recordingFetch(() => new Response('{}')).fetch);
      const call = (await client.listTools()).tools.find((t) => t.name === 'call_tool')!;
      await client.close();
      return { readOnly: call.annotations?.readOnlyHint, destructive: call.annotations?.destructiveHint };
    };
    expect(await hints(TOOLS.slice(0, 2))).toStrictEqual({ readOnly: true, destructive: false });
    expect(await hints(TOOLS)).toStrictEqual({ readOnly: false, destructive: true });
  });
});

describe('discovery mode calls', () => {
  it('search → schemas → call reaches the vendor once; out-of-scope and invalid calls send nothing', async () => {
    const recorder = recordingFetch(() => new Response('[{"id":"o1"}]', { headers: { 'content-type': 'application/json' } }));
    const client = await discoveryClient(TOOLS.slice(0, 2), recorder.fetch);
    const search = await client.callTool({ name: 'search_tools', arguments: { query: 'orders' } });
    expect((search.structuredContent as { tools: { name: string }[] }).tools.map((t) => t.name)).toStrictEqual(['get_single_acme_order_by_id', 'list_all_acme_orders']);
    const schemas = await client.callTool({ name: 'get_tool_schemas', arguments: { names: ['list_all_acme_orders', 'list_all_acme_order'] } });
    expect(schemas.structuredContent).toStrictEqual({
      tools: [{ name: 'list_all_acme_orders', title: 'List orders', description: 'Lists orders, newest first. Filter by status.', inputSchema: TOOLS[0]!.inputSchema, annotations: TOOLS[0]!.annotations }],
      unknown: [{ name: 'list_all_acme_order', error: "No such tool in this server's scope.", did_you_mean: ['list_all_acme_orders'] }],
    });
    const tooMany = await client.callTool({ name: 'get_tool_schemas', arguments: { names: ['a', 'b', 'c', 'd', 'e', 'f'] } });
    expect(tooMany.isError).toStrictEqual(true);
    const called = await client.callTool({ name: 'call_tool', arguments: { name: 'list_all_acme_orders', arguments: {} } });
    expect(called).toMatchObject({ structuredContent: { items: [{ id: 'o1' }] } });
    expect(recorder.sent.map((r) => `${r.method} ${r.url}`)).toStrictEqual(['GET https://api.acme.test/v1/list_all_acme_orders']);
    expect(await client.callTool({ name: 'call_tool', arguments: { name: 'update_a_acme_ticket_by_id', arguments: {} } })).toStrictEqual({
      content: [{ type: 'text', text: 'Tool "update_a_acme_ticket_by_id" is not available: it does not exist or is outside this server\'s or this token\'s scope. Use search_tools to find one.' }],
      isError: true,
    });
    expect(await client.callTool({ name: 'call_tool', arguments: { name: 'list_all_acme_orders', arguments: { sort: 'asc' } } })).toStrictEqual({
      content: [{ type: 'text', text: 'Invalid arguments for tool list_all_acme_orders: ✖ Unrecognized key: "sort"' }],
      isError: true,
    });
    expect(recorder.sent).toHaveLength(1);
    await client.close();
  });
});
