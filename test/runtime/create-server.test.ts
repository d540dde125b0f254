import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport, createMcpHandler } from '@modelcontextprotocol/server';
import * as z from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from '../../templates/runtime/create-server.ts';
import { createInvocationLimiter } from '../../templates/runtime/invocation-limit.ts';
import type { ToolDefinition } from '../../templates/runtime/tool-definition.ts';
import { ACME, TOKEN, config, recordingFetch } from './support.ts';

const listOrders: ToolDefinition = {
  name: 'list_all_acme_orders',
  title: 'List orders',
  description: 'Lists Acme orders, newest first.',
  methodClass: 'read',
  method: 'list',
  tags: ['orders'],
  annotations: { title: 'List orders', readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  inputSchema: {
    type: 'object',
    properties: {
      status: { type: 'string', enum: ['open', 'closed'], description: 'Only orders in this status.' },
      limit: { type: 'integer', minimum: 1, maximum: 100 },
    },
    additionalProperties: false,
  },
  input: () => z.strictObject({ status: z.enum(['open', 'closed']).optional(), limit: z.int().min(1).max(100).optional() }),
  outputSchema: { type: 'object', properties: { items: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' } } } } } },
  http: {
    method: 'GET',
    path: '/orders',
    args: { status: { in: 'query', name: 'status', style: 'form', explode: true }, limit: { in: 'query', name: 'limit', style: 'form', explode: true } },
  },
  safeguards: [],
  dryRun: false,
  source: { file: 'vendor-docs/acme/openapi.yaml', pointer: '/paths/~1orders/get' },
};

const deleteOrder: ToolDefinition = {
  name: 'delete_a_acme_order_by_id',
  title: 'Delete an order',
  description: 'Deletes one order. Cannot be undone.',
  methodClass: 'write',
  method: 'delete',
  tags: ['orders'],
  annotations: { title: 'Delete an order', readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  inputSchema: { type: 'object', properties: { order_id: { type: 'string' } }, required: ['order_id'], additionalProperties: false },
  input: () => z.strictObject({ order_id: z.string() }),
  outputSchema: { type: 'object' },
  http: { method: 'DELETE', path: '/orders/{id}', args: { order_id: { in: 'path', name: 'id' } } },
  safeguards: [],
  dryRun: false,
  source: { file: 'vendor-docs/acme/openapi.yaml', pointer: '/paths/~1orders~1{id}/delete' },
};

const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

/**
 * What a client over stdio would see. The in-memory transport hands objects across without
 * serializing, so keys the SDK leaves `undefined` (`_meta`, `icons`, `execution`) would otherwise show.
 */
function wire(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

async function connect(fetch: typeof globalThis.fetch): Promise<Client> {
  const server = createServer({ tools: [listOrders, deleteOrder], config: config({ fetch }) });
  const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'runtime-test', version: '0.0.0' });
  clients.push(client);
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  return client;
}

describe('createServer over an in-memory MCP connection', () => {
  it('announces the vendor and tools capability', async () => {
    const client = await connect(recordingFetch(() => new Response('{}')).fetch);
    expect({ server: client.getServerVersion(), capabilities: client.getServerCapabilities() }).toStrictEqual({
      server: { name: '@vendor-mcp/acme', version: '1.2.3', title: 'Acme' },
      capabilities: { tools: { listChanged: false } },
    });
  });

  it('tools/list shows each definition exactly: no $schema, nothing added, the display title once (annotations.title)', async () => {
    const client = await connect(recordingFetch(() => new Response('{}')).fetch);
    expect(wire(await client.listTools())).toStrictEqual({
      tools: [
        {
          name: 'list_all_acme_orders',
          description: 'Lists Acme orders, newest first.',
          inputSchema: {
            type: 'object',
            properties: {
              status: { type: 'string', enum: ['open', 'closed'], description: 'Only orders in this status.' },
              limit: { type: 'integer', minimum: 1, maximum: 100 },
            },
            additionalProperties: false,
          },
          outputSchema: { type: 'object', properties: { items: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' } } } } } },
          annotations: { title: 'List orders', readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
        },
        {
          name: 'delete_a_acme_order_by_id',
          description: 'Deletes one order. Cannot be undone.',
          inputSchema: { type: 'object', properties: { order_id: { type: 'string' } }, required: ['order_id'], additionalProperties: false },
          outputSchema: { type: 'object' },
          annotations: { title: 'Delete an order', readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
        },
      ],
    });
  });

  it.each<{ readonly name: string; readonly call: { readonly name: string; readonly arguments: Record<string, unknown> }; readonly want: unknown; readonly sent: readonly string[] }>([
    {
      name: 'list with query arguments',
      call: { name: 'list_all_acme_orders', arguments: { status: 'open', limit: 2 } },
      want: { content: [{ type: 'text', text: '{"items":[{"id":"o1"}]}' }], structuredContent: { items: [{ id: 'o1' }] } },
      sent: ['GET https://api.acme.test/v1/orders?status=open&limit=2'],
    },
    {
      name: 'delete by id',
      call: { name: 'delete_a_acme_order_by_id', arguments: { order_id: 'o 1' } },
      want: { content: [{ type: 'text', text: '{"items":[{"id":"o1"}]}' }], structuredContent: { items: [{ id: 'o1' }] } },
      sent: ['DELETE https://api.acme.test/v1/orders/o%201'],
    },
    {
      name: 'an extra key is refused before any request',
      call: { name: 'list_all_acme_orders', arguments: { status: 'open', sort: 'asc' } },
      want: { content: [{ type: 'text', text: 'Input validation error: Invalid arguments for tool list_all_acme_orders: Unrecognized key: "sort"' }], isError: true },
      sent: [],
    },
    {
      name: 'a value outside the enum is refused before any request',
      call: { name: 'list_all_acme_orders', arguments: { status: 'pending' } },
      want: {
        content: [{ type: 'text', text: 'Input validation error: Invalid arguments for tool list_all_acme_orders: status: Invalid option: expected one of "open"|"closed"' }],
        isError: true,
      },
      sent: [],
    },
    {
      name: 'a path refusal is a tool error, not a protocol error',
      call: { name: 'delete_a_acme_order_by_id', arguments: { order_id: '..' } },
      want: { content: [{ type: 'text', text: 'Argument "order_id" cannot be "..": it would change the URL path.' }], isError: true },
      sent: [],
    },
  ])('tools/call: $name', async ({ call, want, sent }) => {
    const recorder = recordingFetch(() => new Response('[{"id":"o1"}]', { headers: { 'content-type': 'application/json' } }));
    const client = await connect(recorder.fetch);
    expect(wire(await client.callTool(call))).toStrictEqual(want);
    expect(recorder.sent.map((r) => `${r.method} ${r.url}`)).toStrictEqual(sent);
  });

  it('a vendor value that breaks the output schema is left out of structuredContent, kept in the text, and the client accepts the result', async () => {
    const recorder = recordingFetch(() => new Response('[{"id":"o1"},{"id":7}]', { headers: { 'content-type': 'application/json' } }));
    const client = await connect(recorder.fetch);
    expect(wire(await client.callTool({ name: 'list_all_acme_orders', arguments: {} }))).toStrictEqual({
      content: [
        { type: 'text', text: '{"items":[{"id":"o1"},{"id":7}]}' },
        { type: 'text', text: 'These values did not match the documented types and were left out of structuredContent (they are in this text): /items/1/id.' },
      ],
      structuredContent: { items: [{ id: 'o1' }, {}] },
    });
  });

  it('tools/call sends the credential from the server config, never from the client', async () => {
    const recorder = recordingFetch(() => new Response('{}'));
    const client = await connect(recorder.fetch);
    await client.callTool({ name: 'list_all_acme_orders', arguments: {} });
    expect(recorder.sent.map((r) => r.headers)).toStrictEqual([{ Accept: 'application/json', 'User-Agent': '@vendor-mcp/acme/1.2.3', Authorization: `Bearer ${TOKEN}` }]);
  });
});

describe('createServer: the invocation limit', () => {
  it('a refused call is a clear tool error and reaches nothing; tools/list is not limited', async () => {
    const recorder = recordingFetch(() => new Response('[]', { headers: { 'content-type': 'application/json' } }));
    const limiter = createInvocationLimiter({ perMinute: 1 });
    const server = createServer({ tools: [listOrders], config: config({ fetch: recorder.fetch }), admit: () => limiter.admit({ key: 'k', now: 0 }) });
    const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
    const client = new Client({ name: 'runtime-test', version: '0.0.0' });
    clients.push(client);
    await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
    const first = await client.callTool({ name: 'list_all_acme_orders', arguments: {} });
    await client.listTools();
    const second = await client.callTool({ name: 'list_all_acme_orders', arguments: {} });
    expect({ first: first.isError, second: second.isError, sent: recorder.sent.length }).toStrictEqual({ first: undefined, second: true, sent: 1 });
    expect((second.content as { text: string }[])[0]!.text).toMatch(/^Invocation limit reached: this server allows 1 tool calls per minute for each token.* do not retry in a loop/);
  });
});

describe('deeply nested arguments get a readable validation error', () => {
  const nested = (depth: number): unknown => {
    let value: unknown = 'leaf';
    for (let level = 0; level < depth; level += 1) value = level % 2 === 0 ? [value] : { inner: value };
    return value;
  };

  it.each([100_000, 33])('%i levels: refused by name, nothing sent, no stack overflow', async (depth) => {
    const recorder = recordingFetch(() => new Response('{}'));
    const client = await connect(recorder.fetch);
    const result = await client.callTool({ name: 'list_all_acme_orders', arguments: { status: nested(depth) } });
    const text = JSON.stringify(result.content);
    expect(result.isError).toBe(true);
    expect(text).toContain('Arguments are nested more than 32 levels deep (under \\"status.');
    expect(text).not.toContain('call stack');
    expect(recorder.sent).toStrictEqual([]);
  });

  it('32 levels is within the bound: the ordinary validator answers', async () => {
    const client = await connect(recordingFetch(() => new Response('{}')).fetch);
    const text = JSON.stringify((await client.callTool({ name: 'list_all_acme_orders', arguments: { status: nested(31) } })).content);
    expect(text).not.toContain('nested more than');
  });
});

describe('createServer: what each vendor call is asked first', () => {
  it('admission is told whether the tool only reads; a refusal is the limiter\'s own message', async () => {
    const recorder = recordingFetch(() => new Response('{}'));
    const asked: { readonly readOnly: boolean }[] = [];
    const server = createServer({
      tools: [listOrders, deleteOrder],
      config: config({ fetch: recorder.fetch }),
      confirm: 'argument',
      admit: (call) => {
        asked.push(call);
        return call.readOnly ? { allowed: true } : { allowed: false, message: 'No writes now.', retryAfterSeconds: 60 };
      },
    });
    const client = await connected({ server });
    const read = await client.callTool({ name: 'list_all_acme_orders', arguments: {} });
    const write = await client.callTool({ name: 'delete_a_acme_order_by_id', arguments: { order_id: 'o1' } });
    expect({ asked, read: read.isError, write: wire(write), sent: recorder.sent.length }).toStrictEqual({
      asked: [{ readOnly: true }, { readOnly: false }],
      read: undefined,
      write: { content: [{ type: 'text', text: 'No writes now.' }], isError: true },
      sent: 1,
    });
  });
});

describe('createServer: the person confirms destructive calls', () => {
  /** A 2025-11-25 client over a connected transport: the server asks with `elicitation/create`. */
  async function personClient(input: { readonly confirm?: 'elicit' | 'argument'; readonly elicitation: boolean; readonly answer: 'accept' | 'decline' }) {
    const recorder = recordingFetch(() => new Response('{}', { headers: { 'content-type': 'application/json' } }));
    const server = createServer({ tools: [deleteOrder], config: config({ fetch: recorder.fetch }), ...(input.confirm ? { confirm: input.confirm } : {}) });
    const questions: string[] = [];
    const client = await connected({
      server,
      client: new Client({ name: 'person', version: '0.0.0' }, { capabilities: input.elicitation ? { elicitation: { form: {} } } : {} }),
      setUp: (c) => {
        if (!input.elicitation) return;
        c.setRequestHandler('elicitation/create', async (request) => {
          questions.push(String((request.params as { message?: unknown }).message));
          return input.answer === 'accept' ? { action: 'accept', content: {} } : { action: input.answer };
        });
      },
    });
    const result = await client.callTool({ name: 'delete_a_acme_order_by_id', arguments: { order_id: 'o1' } });
    return { questions, sent: recorder.sent.map((r) => `${r.method} ${r.url}`), isError: result.isError === true };
  }

  const QUESTION = 'Acme: Delete an order (order_id o1). The vendor marks this as destructive. Accept to send it. Decline to send nothing.';

  it.each([
    { name: 'by default the person is asked; an accept sends', confirm: undefined, elicitation: true, answer: 'accept', want: { questions: [QUESTION], sent: ['DELETE https://api.acme.test/v1/orders/o1'], isError: false } },
    { name: 'a decline sends nothing', confirm: undefined, elicitation: true, answer: 'decline', want: { questions: [QUESTION], sent: [], isError: true } },
    { name: 'the argument policy never asks', confirm: 'argument', elicitation: true, answer: 'decline', want: { questions: [], sent: ['DELETE https://api.acme.test/v1/orders/o1'], isError: false } },
    { name: 'a client without forms is not asked', confirm: 'elicit', elicitation: false, answer: 'decline', want: { questions: [], sent: ['DELETE https://api.acme.test/v1/orders/o1'], isError: false } },
  ] as const)('$name', async ({ confirm, elicitation, answer, want }) => expect(await personClient({ ...(confirm ? { confirm } : {}), elicitation, answer })).toStrictEqual(want));
});

describe('createServer: host hints and icons are listed only where the doc gave them', () => {
  it('a tool\'s _meta is listed as given; a tool without one lists none', async () => {
    const hinted = { ...listOrders, _meta: { 'anthropic/searchHint': 'orders' } };
    const client = await connected({ server: createServer({ tools: [hinted, deleteOrder], config: config({ fetch: recordingFetch(() => new Response('{}')).fetch }) }) });
    expect((wire(await client.listTools()) as { tools: Record<string, unknown>[] }).tools.map((t) => [t['_meta'], t['icons']])).toStrictEqual([[{ 'anthropic/searchHint': 'orders' }, undefined], [undefined, undefined]]);
  });
});

async function connected(input: { readonly server: ReturnType<typeof createServer>; readonly client?: Client; readonly setUp?: (client: Client) => void }): Promise<Client> {
  const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
  const client = input.client ?? new Client({ name: 'runtime-test', version: '0.0.0' });
  input.setUp?.(client);
  clients.push(client);
  await Promise.all([input.server.connect(serverSide), client.connect(clientSide)]);
  return client;
}

describe('createServer: 2026-07-28 cache hints on the lists', () => {
  const MODERN = '2026-07-28';
  /** One modern request through the SDK's own HTTP handler, in process (no socket). */
  async function modern(method: string): Promise<Record<string, unknown>> {
    const vendor = { ...ACME, prompts: [{ name: 'p', title: 'P', description: 'd', arguments: [], text: 't' }] };
    const handler = createMcpHandler(() => createServer({ tools: [listOrders], config: { ...config({ fetch: recordingFetch(() => new Response('{}')).fetch }), vendor } }));
    const envelope = { 'io.modelcontextprotocol/protocolVersion': MODERN, 'io.modelcontextprotocol/clientCapabilities': {}, 'io.modelcontextprotocol/clientInfo': { name: 'probe', version: '1.0.0' } };
    const response = await handler.fetch(
      new Request('http://127.0.0.1/mcp', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': MODERN, 'mcp-method': method },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: { _meta: envelope } }),
      }),
    );
    const text = await response.text();
    await handler.close();
    const data = text.startsWith('{') ? text : (/^data: (.*)$/m.exec(text)?.[1] ?? '{}');
    return (JSON.parse(data) as { result: Record<string, unknown> }).result;
  }

  it.each(['tools/list', 'prompts/list', 'server/discover'])('%s may be kept an hour, privately (each token sees its own list)', async (method) => {
    const result = await modern(method);
    expect({ ttlMs: result['ttlMs'], cacheScope: result['cacheScope'] }).toStrictEqual({ ttlMs: 3_600_000, cacheScope: 'private' });
  });
});
