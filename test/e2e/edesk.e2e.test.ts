import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, wire, type McpStack } from '../../scripts/shared/mcp-stack.ts';

describe('eDesk: SDK client → generated server (stdio) → simulator', () => {
  let stack: McpStack;
  const seen: Record<string, number> = {};
  beforeAll(async () => {
    stack = await startStack('edesk');
  });
  afterAll(async () => stack?.close());

  it('list_all_e_desk_tickets → GET /tickets with page, itemsPerPage (from limit) and a status filter', async () => {
    const { requests, result } = await stack.call('list_all_e_desk_tickets', { filter_status_equals: 'Open', limit: 5 });
    expect(requests.map(wire)).toStrictEqual([{ method: 'GET', path: '/tickets', query: { page: '1', itemsPerPage: '5', filter_status_equals: 'Open' }, body: undefined, auth: `Bearer ${stack.token}`, valid: true, errors: [] }]);
    expect(requests[0]!.headers['authorization']).toBe(`Bearer ${stack.token}`);
    const tickets = result.structuredContent!['items'] as { id: number; sales_order_id: number | null; status: string }[];
    expect(tickets.every((t) => t.status === 'Open')).toBe(true);
    const withOrder = tickets.find((t) => t.sales_order_id !== null)!;
    seen['ticket'] = withOrder.id;
    seen['order'] = withOrder.sales_order_id!;
  });

  it('get_single_e_desk_ticket_by_id → GET /tickets/{ticketId}', async () => {
    const { requests } = await stack.call('get_single_e_desk_ticket_by_id', { ticket_id: seen['ticket'] });
    expect(requests.map(wire)).toStrictEqual([{ method: 'GET', path: `/tickets/${seen['ticket']}`, query: {}, body: undefined, auth: `Bearer ${stack.token}`, valid: true, errors: [] }]);
  });

  it('get_single_e_desk_sales_order_by_id → GET /sales-orders/{salesOrderId}', async () => {
    const { requests, result } = await stack.call('get_single_e_desk_sales_order_by_id', { sales_order_id: seen['order'] });
    expect(requests.map(wire)).toStrictEqual([{ method: 'GET', path: `/sales-orders/${seen['order']}`, query: {}, body: undefined, auth: `Bearer ${stack.token}`, valid: true, errors: [] }]);
    expect((result.structuredContent!['data'] as { id: number }).id).toBe(seen['order']);
  });

  it('list_all_e_desk_templates → GET /templates', async () => {
    const { requests } = await stack.call('list_all_e_desk_templates', { limit: 50 });
    expect(requests.map(wire)).toStrictEqual([{ method: 'GET', path: '/templates', query: { page: '1', itemsPerPage: '50' }, body: undefined, auth: `Bearer ${stack.token}`, valid: true, errors: [] }]);
  });

  it('create_a_e_desk_message → POST /messages with an internal Note', async () => {
    const body = { ticket_id: seen['ticket'], type: 'Note', body: 'Checked the carrier: parcel is in transit.' };
    const { requests } = await stack.call('create_a_e_desk_message', body);
    expect(requests.map(wire)).toStrictEqual([{ method: 'POST', path: '/messages', query: {}, body, auth: `Bearer ${stack.token}`, valid: true, errors: [] }]);
  });

  it('update_a_e_desk_ticket_by_id → reads the tags, then PUT /tickets/{ticketId} keeping them', async () => {
    const ticket = await stack.call('get_single_e_desk_ticket_by_id', { ticket_id: seen['ticket'] });
    const tags = [...((ticket.result.structuredContent!['data'] as { tags_ids: number[] }).tags_ids), 9999];
    const { requests } = await stack.call('update_a_e_desk_ticket_by_id', { ticket_id: seen['ticket'], status: 'Pending', tag_ids: tags });
    expect(requests.map(wire)).toStrictEqual([
      { method: 'GET', path: `/tickets/${seen['ticket']}`, query: {}, body: undefined, auth: `Bearer ${stack.token}`, valid: true, errors: [] },
      { method: 'PUT', path: `/tickets/${seen['ticket']}`, query: {}, body: { status: 'Pending', tag_ids: tags }, auth: `Bearer ${stack.token}`, valid: true, errors: [] },
    ]);
  });

  it('create_a_e_desk_order_note → POST /order-notes', async () => {
    const body = { sales_order_id: seen['order'], text: 'Customer asked for a delivery update.' };
    const { requests } = await stack.call('create_a_e_desk_order_note', body);
    expect(requests.map(wire)).toStrictEqual([{ method: 'POST', path: '/order-notes', query: {}, body, auth: `Bearer ${stack.token}`, valid: true, errors: [] }]);
  });

  it('list_all_e_desk_order_notes → GET /order-notes', async () => {
    const { requests } = await stack.call('list_all_e_desk_order_notes', {});
    expect(requests.map(wire)).toStrictEqual([{ method: 'GET', path: '/order-notes', query: { page: '1', itemsPerPage: '25' }, body: undefined, auth: `Bearer ${stack.token}`, valid: true, errors: [] }]);
  });

  it('list_all_e_desk_tags → GET /tags', async () => {
    const { requests } = await stack.call('list_all_e_desk_tags', {});
    expect(requests.map(wire)).toStrictEqual([{ method: 'GET', path: '/tags', query: { page: '1', itemsPerPage: '25' }, body: undefined, auth: `Bearer ${stack.token}`, valid: true, errors: [] }]);
  });

  it('an enum the doc does not allow is refused before any request', async () => {
    const { requests, result } = await stack.call('list_all_e_desk_tickets', { filter_status_equals: 'Resolved' });
    expect(requests).toStrictEqual([]);
    expect(result.isError).toBe(true);
  });
});
