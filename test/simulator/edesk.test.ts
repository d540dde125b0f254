import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../scripts/simulator/index.ts';
import type { Simulator } from '../../scripts/simulator/types.ts';
import { call } from './sim-client.ts';

let sim: Simulator;
const edesk = (input: { method: string; path: string; body?: unknown; headers?: Record<string, string | undefined> }) => call({ sim, vendor: 'edesk', ...input });
type Ticket = { id: number; status: string; tags_ids: number[]; messages_ids: number[]; sales_order_id: number | null; sales_order: { id: number } | null };
type Page<T> = { data: T[]; paginator: { currentPage: number; itemsPerPage: number; totalItemsCount: number } };

beforeAll(async () => {
  sim = await startSimulator({ vendor: 'edesk', token: 'ed-token' });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => sim.reset());

describe('eDesk: valid requests', () => {
  it('wraps a ticket in data and embeds its sales order', async () => {
    const result = await edesk({ method: 'GET', path: '/tickets/10001' });
    expect(result.status).toBe(200);
    const ticket = (result.body as { data: Ticket }).data;
    expect(ticket).toMatchObject({ id: 10001, status: 'Open', sales_order_id: 30001, sales_order: { id: 30001 } });
    expect(sim.requests[0]).toMatchObject({ path: '/tickets/10001', rawUrl: '/v1/tickets/10001', operation: 'GET /tickets/{ticketId}', valid: true, status: 200 });
    expect(sim.requests[0]?.headers.authorization).toBe('Bearer ed-token');
  });

  it('seeds enough tickets, mixed statuses, and templates classified WhereOrder', async () => {
    const all = (await edesk({ method: 'GET', path: '/tickets?itemsPerPage=100' })).body as Page<Ticket>;
    expect(all.paginator.totalItemsCount).toBeGreaterThanOrEqual(45);
    expect(new Set(all.data.map((ticket) => ticket.status))).toEqual(new Set(['Open', 'Pending', 'Closed', 'Archived', 'Spam', 'Scheduled']));
    expect(all.data.some((ticket) => ticket.sales_order_id === null)).toBe(true);
    const open = (await edesk({ method: 'GET', path: '/tickets?filter_status_equals=Open&itemsPerPage=100' })).body as Page<Ticket>;
    expect(open.data.every((ticket) => ticket.status === 'Open')).toBe(true);
    expect(open.paginator.totalItemsCount).toBe(open.data.length);
    const templates = (await edesk({ method: 'GET', path: '/templates' })).body as Page<{ ai_classification: { classification: string } | null }>;
    expect(templates.data.map((template) => template.ai_classification?.classification)).toContain('WhereOrder');
  });
});

describe('eDesk: rejected requests', () => {
  const cases: { name: string; method: string; path: string; body?: unknown; headers?: Record<string, string | undefined>; status: number; details: unknown }[] = [
    { name: 'unknown query key', method: 'GET', path: '/tickets?limit=50', status: 400, details: { limit: { errorCode: 4007 } } },
    { name: 'wrong enum', method: 'GET', path: '/tickets?filter_status_equals=Solved', status: 400, details: { filter_status_equals: { errorCode: 4007 } } },
    { name: 'not numeric', method: 'GET', path: '/tickets?itemsPerPage=lots', status: 400, details: { itemsPerPage: { errorCode: 4005 } } },
    { name: 'bad date', method: 'GET', path: '/tickets?filter_created_at_gte=1700000000', status: 400, details: { filter_created_at_gte: { errorCode: 4010 } } },
    { name: 'missing required body field', method: 'POST', path: '/messages', body: { ticket_id: 10001, type: 'Note' }, status: 400, details: { body: { errorCode: 4001 } } },
    { name: 'string expected', method: 'POST', path: '/order-notes', body: { sales_order_id: 30001, text: 5 }, status: 400, details: { text: { errorCode: 4008 } } },
    { name: 'array expected', method: 'PUT', path: '/tickets/10001', body: { tag_ids: 101 }, status: 400, details: { tag_ids: { errorCode: 4006 } } },
    { name: 'template usage not allowed', method: 'POST', path: '/templates', body: { name: 'x', body_text: 'y', template_usage: 'Auto', template_type: ['Consumer'], active: true }, status: 400, details: { template_usage: { errorCode: 4007 } } },
    { name: 'unknown tag', method: 'PUT', path: '/tickets/10001', body: { tag_ids: [101, 999] }, status: 400, details: { 'tag_ids.1': { errorCode: 4002 } } },
    { name: 'order without currency or status (the create fragment requires both)', method: 'POST', path: '/sales-orders', body: { channel_id: 201, seller_order_id: 'X-1', contact_id: 501, order_items: [], shipping_amount: 0 }, status: 400, details: { currency: { errorCode: 4001 }, status: { errorCode: 4001 } } },
    { name: 'item from another order', method: 'PUT', path: '/sales-orders/30001', body: { order_items: [{ id: 31002, sku: 'a', title: 'b', quantity: 1, item_amount: 1, shipping_amount: 0 }] }, status: 400, details: { 'order_items.0.id': { errorCode: 4017 } } },
    { name: 'missing bearer', method: 'GET', path: '/whoami', headers: { authorization: undefined }, status: 401, details: 'Authorization header is missing' },
    { name: 'wrong bearer', method: 'GET', path: '/whoami', headers: { authorization: 'Bearer test-token' }, status: 401, details: 'Authorization header does not carry the accepted bearer token' },
  ];
  it.each(cases)('$name → $status', async ({ method, path, body, headers, status, details }) => {
    const result = await edesk({ method, path, body, headers });
    expect(result.status).toBe(status);
    const error = (result.body as { error: { httpCode: number; message: string; details: unknown } }).error;
    expect(error.httpCode).toBe(status);
    expect(typeof error.message).toBe('string');
    if (status === 401) expect(error.details).toBe('The access token is missing, invalid or expired');
    else expect(error.details).toEqual(details);
    const recorded = sim.requests.at(-1);
    expect(recorded?.status).toBe(status);
    if (status === 401) expect(recorded?.errors).toEqual([details]);
  });

  it('records schema failures as invalid and stateful refusals as valid', async () => {
    await edesk({ method: 'GET', path: '/tickets?limit=50' });
    await edesk({ method: 'PUT', path: '/tickets/10001', body: { tag_ids: [999] } });
    expect(sim.requests.map((request) => request.valid)).toEqual([false, true]);
  });
});

describe('eDesk: state', () => {
  it('pages 20 at a time over three pages with no duplicates or gaps', async () => {
    const ids: number[] = [];
    const paginators: unknown[] = [];
    for (const page of [1, 2, 3, 4]) {
      const body = (await edesk({ method: 'GET', path: `/tickets?page=${page}&itemsPerPage=20` })).body as Page<Ticket>;
      ids.push(...body.data.map((ticket) => ticket.id));
      paginators.push(body.paginator);
    }
    expect(paginators).toEqual([1, 2, 3, 4].map((currentPage) => ({ currentPage, itemsPerPage: 20, totalItemsCount: 48 })));
    expect(ids).toEqual(Array.from({ length: 48 }, (_, index) => 10001 + index));
    const newest = (await edesk({ method: 'GET', path: '/tickets?order_by=created_at&order_direction=desc&itemsPerPage=1' })).body as Page<Ticket>;
    expect(newest.data[0]?.id).toBe(10048);
  });

  it('PUT replaces the tags via tag_ids (read back as tags_ids) rather than merging', async () => {
    await edesk({ method: 'PUT', path: '/tickets/10004', body: { tag_ids: [103] } });
    const ticket = ((await edesk({ method: 'GET', path: '/tickets/10004' })).body as { data: Ticket }).data;
    expect(ticket.tags_ids).toEqual([103]);
    const cleared = ((await edesk({ method: 'PUT', path: '/tickets/10004', body: { tag_ids: [], status: 'Closed' } })).body as { data: Ticket }).data;
    expect([cleared.tags_ids, cleared.status]).toEqual([[], 'Closed']);
  });

  it('POST /messages adds a note to the ticket and it can be read back', async () => {
    const created = ((await edesk({ method: 'POST', path: '/messages', body: { ticket_id: 10002, type: 'Note', body: 'Refund approved.' } })).body as { data: { id: number; direction: string; from_user: { id: number } } }).data;
    expect(created).toMatchObject({ direction: 'Other', from_user: { id: 1001 } });
    const ticket = ((await edesk({ method: 'GET', path: '/tickets/10002' })).body as { data: Ticket }).data;
    expect(ticket.messages_ids.at(-1)).toBe(created.id);
    expect((await edesk({ method: 'GET', path: `/messages/${created.id}` })).body).toEqual({ data: created });
    expect((await edesk({ method: 'POST', path: '/messages', body: { ticket_id: 1, type: 'Note', body: 'x' } })).status).toBe(400);
  });

  it('creates and updates sales orders and their notes', async () => {
    const order = ((await edesk({ method: 'POST', path: '/sales-orders', body: { channel_id: 201, seller_order_id: '112-0000000-0000001', currency: 'GBP', status: 'PaymentReceived', contact_id: 501, order_items: [{ sku: 'S', title: 'Sock', quantity: 2, item_amount: 5, shipping_amount: 0 }], shipping_amount: 3 } })).body as { data: { id: number; total_amount: number; order_items: { id: number }[] } }).data;
    expect(order.total_amount).toBe(13);
    const note = ((await edesk({ method: 'POST', path: '/order-notes', body: { sales_order_id: order.id, text: 'Gift' } })).body as { data: { id: number } }).data;
    const reread = ((await edesk({ method: 'GET', path: `/sales-orders/${order.id}` })).body as { data: { order_notes_id: number[] } }).data;
    expect(reread.order_notes_id).toEqual([note.id]);
    const found = (await edesk({ method: 'GET', path: '/sales-orders?filter_seller_order_id_equals=112-0000000-0000001' })).body as Page<{ id: number }>;
    expect(found.data.map((item) => item.id)).toEqual([order.id]);
    const deleted = await edesk({ method: 'DELETE', path: `/sales-orders/${order.id}` });
    expect([deleted.status, deleted.body]).toStrictEqual([200, { message: 'Deleted', ok: true }]);
    expect((await edesk({ method: 'GET', path: `/sales-orders/${order.id}` })).status).toBe(404);
  });
});
