import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, wire, type McpStack } from '../../scripts/shared/mcp-stack.ts';

/**
 * One test per eDesk fact the first docs got wrong (vendor-corrections.md), against the simulator,
 * which holds each request to eDesk's own reference fragments (scripts/simulator/contracts/edesk.json).
 */
describe('eDesk: the wire shapes of the vendor reference', () => {
  let stack: McpStack;
  beforeAll(async () => {
    stack = await startStack('edesk');
  });
  afterAll(async () => stack?.close());

  const ticket = async (id: number) => (await stack.call('get_single_e_desk_ticket_by_id', { ticket_id: id })).result.structuredContent!['data'] as { tags_ids: number[]; replies: number; status: string; messages_ids: number[] };

  it('a tag change is written as tag_ids, guarded by reading tags_ids, and actually changes the tags', async () => {
    const before = await ticket(10001);
    expect(before.tags_ids.length).toBeGreaterThan(0);
    const refused = await stack.call('update_a_e_desk_ticket_by_id', { ticket_id: 10001, tag_ids: [102] });
    expect(refused.requests.map((r) => `${r.method} ${r.path}`)).toStrictEqual(['GET /tickets/10001']);
    expect(refused.result.structuredContent).toStrictEqual({ refused: true, would_remove: before.tags_ids.filter((id) => id !== 102), confirm_with: 'confirm_removed_tag_ids' });
    const kept = [...before.tags_ids.filter((id) => id !== 102), 102];
    const sent = await stack.call('update_a_e_desk_ticket_by_id', { ticket_id: 10001, tag_ids: kept });
    expect(sent.requests.map(wire)[1]).toStrictEqual({ method: 'PUT', path: '/tickets/10001', query: {}, body: { tag_ids: kept }, auth: `Bearer ${stack.token}`, valid: true, errors: [] });
    expect((await ticket(10001)).tags_ids).toStrictEqual(kept);
  });

  it('the old tags_ids field is no longer an argument, so it cannot be sent and silently ignored', async () => {
    const { requests, result } = await stack.call('update_a_e_desk_ticket_by_id', { ticket_id: 10001, tags_ids: [101] });
    expect(requests).toStrictEqual([]);
    expect(result.isError).toBe(true);
  });

  it('the inbox states of the 10-value update enum can be set', async () => {
    const { requests, result } = await stack.call('update_a_e_desk_ticket_by_id', { ticket_id: 10002, status: 'Priority' });
    expect(requests.map(wire)).toStrictEqual([{ method: 'PUT', path: '/tickets/10002', query: {}, body: { status: 'Priority' }, auth: `Bearer ${stack.token}`, valid: true, errors: [] }]);
    expect(result.isError).toBeUndefined();
  });

  it('a Message reaches the customer only with send: true; without it, it stays unsent', async () => {
    const start = (await ticket(10002)).replies;
    const unsent = await stack.call('create_a_e_desk_message', { ticket_id: 10002, type: 'Message', body: 'Draft only.' });
    expect(unsent.requests.map((r) => r.body)).toStrictEqual([{ ticket_id: 10002, type: 'Message', body: 'Draft only.' }]);
    expect((await ticket(10002)).replies).toBe(start);
    const body = { ticket_id: 10002, type: 'Message', direction: 'Outgoing', send: true, subject: 'Your parcel', body: 'It ships today.', attachments: [{ url: 'https://files.example/label.pdf', name: 'label.pdf' }], full_response: true };
    const emailed = await stack.call('create_a_e_desk_message', body);
    expect(emailed.requests.map(wire)).toStrictEqual([{ method: 'POST', path: '/messages', query: {}, body, auth: `Bearer ${stack.token}`, valid: true, errors: [] }]);
    expect((await ticket(10002)).replies).toBe(start + 1);
  });

  it('the message tool says exactly when a reply is emailed', async () => {
    const { tools } = await stack.client.listTools();
    const create = tools.find((t) => t.name === 'create_a_e_desk_message')!;
    expect(create.description).toContain('A reply reaches the customer ONLY when type is Message AND send is true');
    expect(Object.keys(create.inputSchema.properties as object)).toEqual(expect.arrayContaining(['send', 'direction', 'attachments', 'subject', 'full_response']));
  });

  it('whoami reads the user under data.user', async () => {
    const { result } = await stack.call('e_desk_user_whoami', {});
    expect((result.structuredContent!['data'] as { user: { id: number } }).user.id).toEqual(expect.any(Number));
  });

  it('order notes take no created-at filter: the invented argument is refused before any request', async () => {
    const { requests, result } = await stack.call('list_all_e_desk_order_notes', { filter_created_at_gte: '2026-01-01' });
    expect(requests).toStrictEqual([]);
    expect(result.isError).toBe(true);
  });

  it('all 40 endpoints are tools, none lists messages, and every delete is marked destructive', async () => {
    const { tools } = await stack.client.listTools();
    expect(tools.length).toBe(40);
    expect(tools.map((t) => t.name)).not.toContain('list_all_e_desk_messages');
    const deletes = tools.filter((t) => t.name.startsWith('delete_'));
    expect(deletes.map((t) => t.name).sort()).toStrictEqual([
      'delete_a_e_desk_message_by_id', 'delete_a_e_desk_order_note_by_id', 'delete_a_e_desk_sales_order_by_id', 'delete_a_e_desk_sales_order_tracking_links_by_id',
      'delete_a_e_desk_tag_by_id', 'delete_a_e_desk_template_by_id', 'delete_a_e_desk_ticket_by_id',
    ]);
    expect(deletes.every((t) => t.annotations?.destructiveHint === true)).toBe(true);
  });

  it('a delete answers {message, ok} at the top level', async () => {
    const { requests, result } = await stack.call('delete_a_e_desk_ticket_by_id', { ticket_id: 10003 });
    expect(requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toStrictEqual(['DELETE /tickets/10003 200']);
    expect(result.structuredContent).toStrictEqual({ message: 'Deleted', ok: true });
  });

  it('replacing tracking links is guarded like any whole-list write', async () => {
    const link = { tracking_link: 'https://carrier.example/track/A1', tracking_carrier_name: 'UPS' };
    await stack.call('create_a_e_desk_sales_order_tracking_links', { sales_order_id: 30001, tracking_links: [link] });
    const refused = await stack.call('update_a_e_desk_sales_order_tracking_links_by_id', { sales_order_id: 30001, tracking_links: [{ tracking_link: 'https://carrier.example/track/B2' }] });
    expect(refused.requests.map((r) => `${r.method} ${r.path}`)).toStrictEqual(['GET /sales-orders-tracking-links/30001']);
    expect(refused.result.structuredContent).toStrictEqual({ refused: true, would_remove: [{ tracking_link: link.tracking_link }], confirm_with: 'confirm_removed_tracking_links' });
  });
});
