import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, wire, type McpStack } from '../../scripts/shared/mcp-stack.ts';
import { packageVersion } from '../../scripts/shared/repo-root.ts';

const USPS = { carrier: 'usps', tracking_code: '9400111899223197428490' };
const UPS = { carrier: 'ups', tracking_code: '1Z999AA10123456784' };

function puts<T extends { method: string }>(requests: readonly T[]): T[] {
  return requests.filter((r) => r.method !== 'GET');
}

describe('Malomo full-array guard on update_a_malomo_order_by_id', () => {
  let stack: McpStack;
  let order: string;
  beforeAll(async () => {
    stack = await startStack('malomo');
    const found = await stack.call('get_single_malomo_orders_by_tracking_code_by_id', { tracking_code: USPS.tracking_code });
    order = String(found.result.structuredContent!['id']);
  });
  afterAll(async () => stack?.close());

  it('an update without shipments carries the current pairs over instead of clearing them', async () => {
    const { requests, result } = await stack.call('update_a_malomo_order_by_id', { id: order, email: 'x@example.com' });
    expect(requests.map((r) => `${r.method} ${r.path}`)).toStrictEqual([`GET /orders/${order}`, `PUT /orders/${order}`, `GET /orders/${order}`]);
    expect(puts(requests)[0]?.body).toStrictEqual({ email: 'x@example.com', shipments: [USPS, UPS] });
    expect((result.content.at(-1) as { text: string }).text).toBe(`Note: "shipments" was not given, so its 2 current entries were read first and sent back unchanged: ${JSON.stringify([USPS, UPS])}.`);
  });

  it('refuses a call that drops a tracking pair, names it, and sends no PUT', async () => {
    const { requests, result } = await stack.call('update_a_malomo_order_by_id', { id: order, shipments: [USPS] });
    expect(puts(requests)).toStrictEqual([]);
    expect(requests.map((r) => `${r.method} ${r.path}`)).toStrictEqual([`GET /orders/${order}`]);
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toStrictEqual({ refused: true, would_remove: [UPS], confirm_with: 'confirm_removed_shipments' });
    expect((result.content[0] as { text: string }).text).toBe(
      `Refused: "shipments" replaces the whole list, and this call would remove 1 existing entry: [${JSON.stringify(UPS)}]. To keep them, include them in "shipments". To remove them on purpose, pass exactly these in "confirm_removed_shipments". Nothing was sent.`,
    );
  });

  it('refuses a confirmation that does not match the dropped pairs exactly', async () => {
    const { requests } = await stack.call('update_a_malomo_order_by_id', { id: order, shipments: [USPS], confirm_removed_shipments: [USPS] });
    expect(puts(requests)).toStrictEqual([]);
  });

  it('sends a superset without asking', async () => {
    const added = { carrier: 'fedex', tracking_code: '770000000001' };
    const { requests, result } = await stack.call('update_a_malomo_order_by_id', { id: order, shipments: [USPS, UPS, added] });
    expect(puts(requests).map(wire)).toStrictEqual([{ method: 'PUT', path: `/orders/${order}`, query: {}, body: { shipments: [USPS, UPS, added] }, auth: `Bearer ${stack.token}`, valid: true, errors: [] }]);
    expect(result.isError).toBeUndefined();
  });

  it('sends a confirmed drop, without the confirmation argument on the wire', async () => {
    const { requests } = await stack.call('update_a_malomo_order_by_id', { id: order, shipments: [USPS, UPS], confirm_removed_shipments: [{ carrier: 'fedex', tracking_code: '770000000001' }] });
    expect(puts(requests).map(wire)).toStrictEqual([{ method: 'PUT', path: `/orders/${order}`, query: {}, body: { shipments: [USPS, UPS] }, auth: `Bearer ${stack.token}`, valid: true, errors: [] }]);
  });

  it('a failed pre-write read gives an error and no PUT', async () => {
    stack.sim.enqueue({ status: 503, body: { code: 'service_unavailable', message: 'down', request_id: 'r', status: 503 } });
    const { requests, result } = await stack.call('update_a_malomo_order_by_id', { id: order, shipments: [USPS] });
    expect(requests.map((r) => `${r.method} ${r.status}`)).toStrictEqual(['GET 503']);
    expect(result.isError).toBe(true);
    expect((result.content[0] as { text: string }).text).toBe('Could not read the current state before the write (HTTP 503), so nothing was sent. Check the id and try again.');
  });

  it.each([
    { name: 'without the shipments field', body: (id: string) => ({ id, number: '1001' }) },
    { name: 'with shipments null', body: (id: string) => ({ id, number: '1001', shipments: null }) },
  ])('a 200 pre-write read $name refuses and sends no PUT', async ({ body }) => {
    stack.sim.enqueue({ status: 200, body: body(order) });
    const { requests, result } = await stack.call('update_a_malomo_order_by_id', { id: order, shipments: [USPS] });
    expect(requests.map((r) => `${r.method} ${r.status}`)).toStrictEqual(['GET 200']);
    expect(result.isError).toBe(true);
    expect((result.content[0] as { text: string }).text).toMatch(/^Could not read the current state before the write \(the vendor answered, but "\/shipments" in its body held (nothing \(the field is missing\)|null) instead of the "shipments" list\), so nothing was sent\./);
  });

  it.each([
    { name: 'under another envelope (no id where the doc says)', body: (id: string) => ({ data: { id, shipments: [] } }), says: 'holds no record id at "/id"' },
    { name: 'of another order', body: () => ({ id: '00000000-0000-4000-8000-000000000000', shipments: [UPS] }), says: 'the vendor answered with record "00000000-0000-4000-8000-000000000000" (at "/id")' },
  ])('a 200 pre-write read $name refuses and sends no PUT', async ({ body, says }) => {
    stack.sim.enqueue({ status: 200, body: body(order) });
    const { requests, result } = await stack.call('update_a_malomo_order_by_id', { id: order, email: 'new@example.com' });
    expect(requests.map((r) => `${r.method} ${r.status}`)).toStrictEqual(['GET 200']);
    expect(result.isError).toBe(true);
    expect((result.content[0] as { text: string }).text).toContain(says);
  });

  it('a read that names the order in other letter case is of the same order (UUIDs compare without case)', async () => {
    stack.sim.enqueue({ status: 200, body: { id: order.toUpperCase(), shipments: [USPS, UPS] } });
    const { requests, result } = await stack.call('update_a_malomo_order_by_id', { id: order, shipments: [USPS, UPS], dry_run: true });
    expect(requests.map((r) => r.method)).toStrictEqual(['GET']);
    expect(result.isError).toBeUndefined();
  });

  it('dry_run runs the guard (it reads, like the real call), refuses what the real call would, and writes nothing', async () => {
    const { requests, result } = await stack.call('update_a_malomo_order_by_id', { id: order, shipments: [USPS], dry_run: true });
    expect(requests.map((r) => `${r.method} ${r.path}`)).toStrictEqual([`GET /orders/${order}`]);
    expect(result.isError).toBe(true);
    expect((result.content[0] as { text: string }).text).toMatch(/^Dry run: the real call would be refused, and nothing was sent\. Refused: "shipments" replaces the whole list, and this call would remove 1 existing entry/);
    expect(result.structuredContent).toMatchObject({ dry_run: true, would_refuse: true, would_remove: [UPS], confirm_with: 'confirm_removed_shipments' });
  });

  it('dry_run returns the exact request, credentials masked, and writes nothing', async () => {
    const { requests, result } = await stack.call('update_a_malomo_order_by_id', { id: order, shipments: [USPS, UPS], dry_run: true });
    expect(puts(requests)).toStrictEqual([]);
    expect(result.structuredContent).toStrictEqual({
      dry_run: true,
      request: {
        method: 'PUT',
        url: `${stack.sim.baseUrl}/orders/${order}`,
        headers: { Accept: 'application/vnd.malomo+json; version=2', 'User-Agent': `@vendor-mcp/malomo/${packageVersion('malomo')}`, Authorization: 'Bearer [redacted]', 'Content-Type': 'application/json' },
        body: { shipments: [USPS, UPS] },
      },
    });
  });
});

describe('Rose Rocket conflict guard on update_a_roserocket_user_group_member_by_id', () => {
  let stack: McpStack;
  beforeAll(async () => {
    stack = await startStack('roserocket');
  });
  afterAll(async () => stack?.close());

  it('refuses an id in both add and remove with zero requests', async () => {
    const id = '11111111-2222-4333-8444-555555555555';
    const { requests, result } = await stack.call('update_a_roserocket_user_group_member_by_id', { group_id: '11111111-2222-4333-8444-666666666666', add: [id], remove: [id] });
    expect(requests).toStrictEqual([]);
    expect((result.content[0] as { text: string }).text).toBe(
      `Refused: ${JSON.stringify([id])} appear in both "add" and "remove". The vendor would silently apply only one of them. Put each id in exactly one list and call again. Nothing was sent.`,
    );
  });

  it('the same UUID in other letter case in add and remove is refused too', async () => {
    const id = '11111111-2222-4333-8444-55555555555a';
    const { requests, result } = await stack.call('update_a_roserocket_user_group_member_by_id', { group_id: '11111111-2222-4333-8444-666666666666', add: [id], remove: [id.toUpperCase()] });
    expect(requests).toStrictEqual([]);
    expect((result.content[0] as { text: string }).text).toBe(
      `Refused: ${JSON.stringify([id])} appear in both "add" and "remove". The vendor would silently apply only one of them. Put each id in exactly one list and call again. Nothing was sent.`,
    );
  });

  it('read tools take no dry_run; write tools all do', async () => {
    const { tools } = await stack.client.listTools();
    for (const tool of tools) {
      const hasDryRun = Object.hasOwn(tool.inputSchema.properties ?? {}, 'dry_run');
      expect(hasDryRun, tool.name).toBe(tool.annotations?.readOnlyHint !== true);
    }
  });
});

describe('eDesk tags guard on update_a_e_desk_ticket_by_id', () => {
  let stack: McpStack;
  beforeAll(async () => {
    stack = await startStack('edesk');
  });
  afterAll(async () => stack?.close());

  it('refuses replacing the tag list with one that loses existing tags', async () => {
    const list = await stack.call('list_all_e_desk_tickets', { limit: 50 });
    const ticket = (list.result.structuredContent!['items'] as { id: number; tags_ids: number[] }[]).find((t) => t.tags_ids.length > 0)!;
    const { requests, result } = await stack.call('update_a_e_desk_ticket_by_id', { ticket_id: ticket.id, tag_ids: [] });
    expect(puts(requests)).toStrictEqual([]);
    expect(result.structuredContent).toStrictEqual({ refused: true, would_remove: ticket.tags_ids, confirm_with: 'confirm_removed_tag_ids' });
  });
});
