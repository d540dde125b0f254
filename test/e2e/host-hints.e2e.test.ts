import { afterAll, describe, expect, it } from 'vitest';
import { startStack, type McpStack } from '../../scripts/shared/mcp-stack.ts';

/** What an MCP client receives over stdio from each built package: the seed tools each vendor's curation declares. */
const SEEDS = {
  edesk: ['get_single_e_desk_message_by_id', 'get_single_e_desk_sales_order_by_id', 'get_single_e_desk_ticket_by_id', 'list_all_e_desk_tickets'],
  malomo: ['get_single_malomo_order_by_id', 'get_single_malomo_orders_by_tracking_code_by_id', 'list_all_malomo_order_events'],
  roserocket: ['get_single_roserocket_object_by_id', 'list_all_roserocket_objects', 'roserocket_objects_autocomplete'],
} as const;

describe.each(Object.entries(SEEDS))('%s: tools/list carries the lazy-loading hints in _meta', (vendor, seeds) => {
  const stacks: McpStack[] = [];
  afterAll(async () => Promise.all(stacks.map((s) => s.close())));

  it('alwaysLoad on exactly the seed tools, all read-only; a search phrase on every tool', async () => {
    const stack = await startStack(vendor as keyof typeof SEEDS);
    stacks.push(stack);
    const { tools } = await stack.client.listTools();
    expect(tools.filter((t) => t._meta?.['anthropic/alwaysLoad'] === true).map((t) => t.name).sort()).toStrictEqual([...seeds]);
    for (const seed of seeds) expect(tools.find((t) => t.name === seed)!.annotations?.readOnlyHint, seed).toBe(true);
    for (const tool of tools) {
      const hint = tool._meta?.['anthropic/searchHint'];
      expect(typeof hint === 'string' && hint.length > 0 && hint.length <= 120, tool.name).toBe(true);
    }
  });
});
