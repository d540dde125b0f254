import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from '../../templates/runtime/create-server.ts';
import type { PromptDefinition } from '../../templates/runtime/prompts.ts';
import { answerSchemaTool, schemaToolInput, type SchemaTool } from '../../templates/runtime/schema-tool.ts';
import type { ToolDefinition } from '../../templates/runtime/tool-definition.ts';
import { ACME, config, recordingFetch, tool } from './support.ts';

const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

const TRIAGE: PromptDefinition = {
  name: 'triage_ticket',
  title: 'Triage a ticket',
  description: 'Sorts one ticket.',
  arguments: [
    { name: 'ticket', description: 'The ticket id.', required: true },
    { name: 'note', description: 'Anything to keep in mind.', required: false },
  ],
  text: 'Triage ticket {{ticket}}.{{note}}',
};

async function connect(input: { readonly tools: readonly ToolDefinition[]; readonly prompts?: readonly PromptDefinition[] }): Promise<Client> {
  const vendor = { ...ACME, ...(input.prompts ? { prompts: input.prompts } : {}) };
  const server = createServer({ tools: input.tools, config: { ...config({ fetch: recordingFetch(() => new Response('{}')).fetch }), vendor } });
  const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'prompts-test', version: '0.0.0' });
  clients.push(client);
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  return client;
}

function wire(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

describe('prompts', () => {
  it('prompts/list shows each prompt with its arguments and which are required', async () => {
    const client = await connect({ tools: [], prompts: [TRIAGE] });
    expect(wire(await client.listPrompts())).toStrictEqual({
      prompts: [
        // The declared arguments exactly: the required flag of each survives the zod round trip.
        { name: 'triage_ticket', title: 'Triage a ticket', description: 'Sorts one ticket.', arguments: TRIAGE.arguments },
      ],
    });
  });

  it('prompts/get fills the values into one user message; an absent optional one is left empty', async () => {
    const client = await connect({ tools: [], prompts: [TRIAGE] });
    expect(wire(await client.getPrompt({ name: 'triage_ticket', arguments: { ticket: 'T-1' } }))).toStrictEqual({
      description: 'Sorts one ticket.',
      messages: [{ role: 'user', content: { type: 'text', text: 'Triage ticket T-1.' } }],
    });
    expect(wire(await client.getPrompt({ name: 'triage_ticket', arguments: { ticket: 'T-1', note: ' Urgent.' } }))).toMatchObject({ messages: [{ content: { text: 'Triage ticket T-1. Urgent.' } }] });
  });

  it.each<{ readonly name: string; readonly args: Record<string, string> }>([
    { name: 'missing', args: {} },
    { name: 'empty', args: { ticket: '' } },
  ])('a required argument $name is refused', async ({ args }) => {
    const client = await connect({ tools: [], prompts: [TRIAGE] });
    await expect(client.getPrompt({ name: 'triage_ticket', arguments: args })).rejects.toThrow(/ticket/);
  });

  it('a vendor without prompts lists none', async () => {
    const client = await connect({ tools: [] });
    expect((await client.listPrompts()).prompts).toStrictEqual([]);
  });
});

const SHAPES: SchemaTool = {
  name: 'get_acme_record_shape',
  title: 'Record shape',
  description: 'The payload shape of one record kind.',
  inputSchema: { type: 'object', properties: { object_key: { type: 'string', enum: ['order', 'ticket'] } }, required: ['object_key'], additionalProperties: false },
  outputSchema: { type: 'object', properties: { object_key: { type: 'string' }, schema: { type: 'object' } } },
  annotations: { title: 'Record shape', readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  _meta: { 'anthropic/searchHint': 'record shape' },
  discriminator: 'object_key',
  shapes: { order: { type: 'object', properties: { total: { type: 'number' } } }, ticket: { type: 'object', properties: { subject: { type: 'string' } } } },
};

describe('schema tools', () => {
  it('the input takes exactly one declared value', () => {
    const input = schemaToolInput(SHAPES);
    expect([{ object_key: 'order' }, { object_key: 'ticket' }, { object_key: 'invoice' }, {}, { object_key: 'order', more: 1 }].map((args) => input.safeParse(args).success)).toStrictEqual([true, true, false, false, false]);
  });

  it('answers with the shape of the value asked for', () => {
    const structured = { object_key: 'ticket', schema: { type: 'object', properties: { subject: { type: 'string' } } } };
    expect(answerSchemaTool({ tool: SHAPES, args: { object_key: 'ticket' } })).toStrictEqual({ content: [{ type: 'text', text: JSON.stringify(structured) }], structuredContent: structured });
  });

  it.each([{ value: 'invoice' }, { value: 'toString' }, { value: 7 }])('refuses $value with the values it takes', ({ value }) =>
    expect(answerSchemaTool({ tool: SHAPES, args: { object_key: value } })).toStrictEqual({
      isError: true,
      content: [{ type: 'text', text: `object_key ${JSON.stringify(value)} has no declared shape; use one of: order, ticket.` }],
    }));
});

describe('createServer: schema tools in the tool list', () => {
  const writer = (name: string, schemaTool: SchemaTool | undefined): ToolDefinition => ({
    ...tool({ name, http: { method: 'POST', path: `/${name}`, args: {} } }),
    ...(schemaTool ? { variants: { discriminator: 'object_key', variants: {}, schemaTool } } : {}),
  });
  // The same family under other names, without host hints.
  const { _meta: _hints, ...otherWithoutMeta } = SHAPES;

  it('each schema tool once, just before the first tool named after it; one named after every tool goes last', async () => {
    const zLast: SchemaTool = { ...otherWithoutMeta, name: 'zz_shape' };
    const client = await connect({ tools: [writer('create_acme_record', SHAPES), writer('get_acme_record', SHAPES), writer('update_acme_record', zLast), writer('update_acme_thing', undefined)] });
    expect((await client.listTools()).tools.map((t) => t.name)).toStrictEqual(['create_acme_record', 'get_acme_record', 'get_acme_record_shape', 'update_acme_record', 'update_acme_thing', 'zz_shape']);
  });

  it('two schema tools before the same tool keep name order', async () => {
    const client = await connect({ tools: [writer('update_x', { ...otherWithoutMeta, name: 'b_shape' }), writer('update_y', { ...otherWithoutMeta, name: 'a_shape' })] });
    expect((await client.listTools()).tools.map((t) => t.name)).toStrictEqual(['a_shape', 'b_shape', 'update_x', 'update_y']);
  });

  it('a schema tool lists its schemas, annotations and _meta, and answers without a vendor call', async () => {
    const client = await connect({ tools: [writer('create_acme_record', SHAPES)] });
    const listed = (await client.listTools()).tools.find((t) => t.name === SHAPES.name);
    expect(wire(listed)).toStrictEqual({
      name: SHAPES.name,
      // The display title is listed once, in annotations (create-server.ts says why).
      description: SHAPES.description,
      inputSchema: SHAPES.inputSchema,
      outputSchema: SHAPES.outputSchema,
      annotations: SHAPES.annotations,
      _meta: SHAPES._meta,
    });
    const answer = await client.callTool({ name: SHAPES.name, arguments: { object_key: 'order' } });
    expect(answer.structuredContent).toStrictEqual({ object_key: 'order', schema: SHAPES.shapes['order'] });
    const refused = await client.callTool({ name: SHAPES.name, arguments: { object_key: 'invoice' } });
    expect(refused.isError).toBe(true);
  });
});
