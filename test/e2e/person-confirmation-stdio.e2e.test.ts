import path from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../scripts/simulator/index.ts';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';
import { writes } from './person-stack.ts';
import { packageBin } from '../../scripts/shared/package-bin.ts';

let open: { client: Client; sim: Simulator } | undefined;
afterEach(async () => {
  await open?.client.close();
  await open?.sim.close();
  open = undefined;
});

/** The built eDesk server as a child process on stdio, as Claude Desktop starts it; the client declares elicitation. */
async function start(input: { readonly era: 'legacy' | 'modern'; readonly answer: 'accept' | 'decline'; readonly questions: string[] }) {
  const sim = await startSimulator({ vendor: 'edesk', token: 'e2e-edesk-stdio-7c2e' });
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [packageBin(path.join(REPO_ROOT, 'generated', 'edesk'))],
    env: { ...getDefaultEnvironment(), EDESK_API_TOKEN: sim.token, EDESK_BASE_URL: sim.baseUrl },
    stderr: 'pipe',
  });
  const client = new Client({ name: 'stdio-person', version: '1.0.0' }, { capabilities: { elicitation: { form: {} } }, ...(input.era === 'modern' ? { versionNegotiation: { mode: 'auto' as const } } : {}) });
  client.setRequestHandler('elicitation/create', async (request) => {
    input.questions.push(String((request.params as { message?: unknown }).message));
    return input.answer === 'accept' ? { action: 'accept', content: {} } : { action: 'decline' };
  });
  await client.connect(transport);
  open = { client, sim };
  return { client, sim };
}

describe.each(['legacy', 'modern'] as const)('the built server over stdio (%s era)', (era) => {
  it.each(['accept', 'decline'] as const)('eDesk delete, %s', async (answer) => {
    const questions: string[] = [];
    const { client, sim } = await start({ era, answer, questions });
    expect(client.getNegotiatedProtocolVersion() === '2026-07-28').toBe(era === 'modern');
    const listed = (await client.callTool({ name: 'list_all_e_desk_tickets', arguments: { limit: 20 } })).structuredContent as { items: { sales_order_id: number | null }[] };
    const salesOrder = listed.items.find((t) => t.sales_order_id !== null)!.sales_order_id!;
    const before = sim.requests.length;
    await client.callTool({ name: 'delete_a_e_desk_sales_order_by_id', arguments: { sales_order_id: salesOrder } });
    expect(questions).toHaveLength(1);
    expect(writes(sim.requests.slice(before)).map((r) => `${r.method} ${r.path}`)).toStrictEqual(answer === 'accept' ? [`DELETE /sales-orders/${salesOrder}`] : []);
  });
});
