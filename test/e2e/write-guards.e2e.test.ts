import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minimalObject } from '../../scripts/shared/minimal-args.ts';
import { VENDORS } from '../../scripts/shared/repo-root.ts';
import { startStack, wire, type McpStack } from '../../scripts/shared/mcp-stack.ts';

describe.each(VENDORS)('%s: dry_run on every write tool runs the guards and writes nothing', (vendor) => {
  let stack: McpStack;
  beforeAll(async () => {
    stack = await startStack(vendor);
  });
  afterAll(async () => stack?.close());

  it('covers every tool that is not read-only', async () => {
    const { tools } = await stack.client.listTools();
    const writes = tools.filter((tool) => tool.annotations?.readOnlyHint !== true);
    expect(writes.length).toBeGreaterThan(4);
    for (const tool of writes) {
      const args = { ...minimalObject(tool.inputSchema as Record<string, unknown>), dry_run: true };
      const { requests, result } = await stack.call(tool.name, args);
      // The guards' pre-write reads run as in the real call; nothing else reaches the vendor.
      expect(requests.filter((r) => r.method !== 'GET'), tool.name).toStrictEqual([]);
      expect(result.structuredContent?.['dry_run'], `${tool.name}: ${JSON.stringify(result.content)}`).toBe(true);
      expect(JSON.stringify(result.structuredContent)).not.toContain(stack.token);
    }
  });
});

describe('eDesk list-replacing fields', () => {
  let stack: McpStack;
  let order: { id: number; order_items: { id: number; sku: string; title: string; quantity: number }[] };
  beforeAll(async () => {
    stack = await startStack('edesk');
    const list = await stack.call('list_all_e_desk_sales_orders', { limit: 5 });
    order = (list.result.structuredContent!['items'] as (typeof order)[]).find((o) => o.order_items.length > 0)!;
  });
  afterAll(async () => stack?.close());

  it('a ticket update that does not send tags_ids does not touch or read the tags', async () => {
    const list = await stack.call('list_all_e_desk_tickets', { limit: 1 });
    const ticket = (list.result.structuredContent!['items'] as { id: number }[])[0]!;
    const { requests } = await stack.call('update_a_e_desk_ticket_by_id', { ticket_id: ticket.id, status: 'Open' });
    expect(requests.map(wire)).toStrictEqual([{ method: 'PUT', path: `/tickets/${ticket.id}`, query: {}, body: { status: 'Open' }, auth: `Bearer ${stack.token}`, valid: true, errors: [] }]);
  });

  it('refuses an order item that does not carry an existing item id, with no PUT', async () => {
    const item = { id: 424242, sku: 'NEW', title: 'New', quantity: 1, item_amount: 1, shipping_amount: 0 };
    const { requests, result } = await stack.call('update_a_e_desk_sales_order_by_id', { sales_order_id: order.id, order_items: [item] });
    expect(requests.filter((r) => r.method === 'PUT')).toStrictEqual([]);
    expect((result.content[0] as { text: string }).text).toContain('Refused: every entry of "order_items" must refer to an existing one; unknown: [{"id":424242}]');
  });
});
