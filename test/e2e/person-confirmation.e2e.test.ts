import { afterEach, describe, expect, it } from 'vitest';
import { startPersonStack, writes, type PersonStack } from './person-stack.ts';

const USPS = { carrier: 'usps', tracking_code: '9400111899223197428490' };
const UPS = { carrier: 'ups', tracking_code: '1Z999AA10123456784' };
const FEDEX = { carrier: 'fedex', tracking_code: '794698765432' };
const UPDATE = 'update_a_malomo_order_by_id';

let stack: PersonStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

async function malomoOrder(s: PersonStack): Promise<string> {
  const found = await s.call('get_single_malomo_orders_by_tracking_code_by_id', { tracking_code: USPS.tracking_code });
  return String((found.result.structuredContent as { id: string }).id);
}

/** Someone else adds a shipment to the order while the person is looking at the question. */
async function addShipmentElsewhere(input: { readonly s: PersonStack; readonly order: string }): Promise<void> {
  const response = await fetch(`${input.s.sim.baseUrl}/orders/${input.order}`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${input.s.sim.token}`, 'Content-Type': 'application/json', Accept: 'application/vnd.malomo+json; version=2', 'X-Test': 'elsewhere' },
    body: JSON.stringify({ shipments: [USPS, UPS, FEDEX] }),
  });
  expect(response.status).toBe(200);
}

const fromServer = (requests: Parameters<typeof writes>[0]) => writes(requests).filter((r) => r.headers['x-test'] !== 'elsewhere');

describe.each(['legacy', 'modern'] as const)('the person confirms on the %s era', (era) => {
  it('accept: the guarded Malomo update removes exactly what the person saw, with one PUT', async () => {
    stack = await startPersonStack({ vendor: 'malomo', era });
    const order = await malomoOrder(stack);
    const { result, requests } = await stack.call(UPDATE, { id: order, shipments: [USPS] });
    expect(stack.questions).toStrictEqual([
      `Malomo: Update an order (id ${order}) would remove 1 existing shipments entry:\n- carrier ups, tracking_code ${UPS.tracking_code}\nAccept to send the change and remove them. Decline to send nothing.`,
    ]);
    expect(writes(requests).map((r) => ({ method: r.method, path: r.path, body: r.body, valid: r.valid }))).toStrictEqual([{ method: 'PUT', path: `/orders/${order}`, body: { shipments: [USPS] }, valid: true }]);
    expect(result.isError).toBeUndefined();
  });

  it.each(['decline', 'cancel'] as const)('%s: nothing is sent and the result says the person declined', async (answer) => {
    stack = await startPersonStack({ vendor: 'malomo', era });
    stack.answers = [answer];
    const order = await malomoOrder(stack);
    const { result, requests } = await stack.call(UPDATE, { id: order, shipments: [USPS] });
    expect(stack.questions).toHaveLength(1);
    expect(writes(requests)).toStrictEqual([]);
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toStrictEqual({ declined: true, action: answer });
    expect((result.content[0] as { text: string }).text).toMatch(/^The person (declined|dismissed the confirmation without accepting) removing \[\{"carrier":"ups","tracking_code":"1Z999AA10123456784"\}\] from "shipments"\. Nothing was sent\./);
  });

  it('the model cannot confirm for the person: confirm_removed_shipments is set aside and the person still decides', async () => {
    stack = await startPersonStack({ vendor: 'malomo', era });
    stack.answers = ['decline'];
    const order = await malomoOrder(stack);
    const { requests } = await stack.call(UPDATE, { id: order, shipments: [USPS], confirm_removed_shipments: [UPS] });
    expect(stack.questions).toHaveLength(1);
    expect(writes(requests)).toStrictEqual([]);
  });

  it('a vendor change between the question and the answer is not honoured: the person is asked about the new state', async () => {
    stack = await startPersonStack({ vendor: 'malomo', era });
    const order = await malomoOrder(stack);
    const s = stack;
    let changed = false;
    s.beforeAnswer = async () => {
      if (changed) return;
      changed = true;
      await addShipmentElsewhere({ s, order });
    };
    const { result, requests } = await s.call(UPDATE, { id: order, shipments: [USPS] });
    expect(s.questions).toHaveLength(2);
    expect(s.questions[0]).not.toContain(FEDEX.tracking_code);
    expect(s.questions[1]).toContain(`would remove 2 existing shipments entries:\n- carrier ups, tracking_code ${UPS.tracking_code}\n- carrier fedex, tracking_code ${FEDEX.tracking_code}`);
    expect(fromServer(requests).map((r) => ({ method: r.method, body: r.body }))).toStrictEqual([{ method: 'PUT', body: { shipments: [USPS] } }]);
    expect(result.isError).toBeUndefined();
  });

  it('an update that removes nothing is sent without a question', async () => {
    stack = await startPersonStack({ vendor: 'malomo', era });
    const order = await malomoOrder(stack);
    const { requests } = await stack.call(UPDATE, { id: order, shipments: [USPS, UPS, FEDEX] });
    expect(stack.questions).toStrictEqual([]);
    expect(writes(requests).map((r) => r.body)).toStrictEqual([{ shipments: [USPS, UPS, FEDEX] }]);
  });

  it.each([
    { answer: 'accept' as const, deletes: 1 },
    { answer: 'decline' as const, deletes: 0 },
    { answer: 'cancel' as const, deletes: 0 },
  ])('eDesk delete, $answer: $deletes DELETE request(s)', async ({ answer, deletes }) => {
    stack = await startPersonStack({ vendor: 'edesk', era });
    stack.answers = [answer];
    const listed = await stack.call('list_all_e_desk_tickets', { limit: 20 });
    const salesOrder = (listed.result.structuredContent as { items: { sales_order_id: number | null }[] }).items.find((t) => t.sales_order_id !== null)!.sales_order_id!;
    const { result, requests } = await stack.call('delete_a_e_desk_sales_order_by_id', { sales_order_id: salesOrder });
    expect(stack.questions).toStrictEqual([`eDesk: Delete a sales order (sales_order_id ${salesOrder}). The vendor marks this as destructive. Accept to send it. Decline to send nothing.`]);
    expect(writes(requests).map((r) => `${r.method} ${r.path}`)).toStrictEqual(Array(deletes).fill(`DELETE /sales-orders/${salesOrder}`));
    expect(result.isError === true).toBe(answer !== 'accept');
  });

  it('a destructive dry run asks nothing and sends nothing', async () => {
    stack = await startPersonStack({ vendor: 'malomo', era });
    const order = await malomoOrder(stack);
    const { requests } = await stack.call('delete_a_malomo_order_by_id', { id: order, dry_run: true });
    expect(stack.questions).toStrictEqual([]);
    expect(requests).toStrictEqual([]);
  });
});

describe('discovery mode', () => {
  it.each(['legacy', 'modern'] as const)('call_tool asks the person too (%s era); decline sends nothing, accept sends one DELETE', async (era) => {
    stack = await startPersonStack({ vendor: 'malomo', era, toolsMode: 'discovery' });
    const found = await stack.call('call_tool', { name: 'get_single_malomo_orders_by_tracking_code_by_id', arguments: { tracking_code: USPS.tracking_code } });
    const order = String((found.result.structuredContent as { id: string }).id);
    stack.answers = ['decline'];
    const declined = await stack.call('call_tool', { name: 'delete_a_malomo_order_by_id', arguments: { id: order } });
    expect(writes(declined.requests)).toStrictEqual([]);
    expect(declined.result.structuredContent).toStrictEqual({ declined: true, action: 'decline' });
    stack.answers = ['accept'];
    const accepted = await stack.call('call_tool', { name: 'delete_a_malomo_order_by_id', arguments: { id: order } });
    expect(writes(accepted.requests).map((r) => `${r.method} ${r.path}`)).toStrictEqual([`DELETE /orders/${order}`]);
    expect(stack.questions).toHaveLength(2);
  });
});

describe('clients without elicitation, and --confirm argument', () => {
  it.each([
    { label: 'a client that declares no elicitation', era: 'legacy' as const, elicitation: false },
    { label: 'a 2026-07-28 client that declares no elicitation', era: 'modern' as const, elicitation: false },
    { label: '--confirm argument, even with an elicitation client', era: 'legacy' as const, elicitation: true, confirm: 'argument' as const },
  ])('$label gets the confirm_removed_* argument', async ({ era, elicitation, confirm }) => {
    stack = await startPersonStack({ vendor: 'malomo', era, elicitation, ...(confirm ? { confirm } : {}) });
    const order = await malomoOrder(stack);
    const refused = await stack.call(UPDATE, { id: order, shipments: [USPS] });
    expect(refused.result.structuredContent).toStrictEqual({ refused: true, would_remove: [UPS], confirm_with: 'confirm_removed_shipments' });
    expect(writes(refused.requests)).toStrictEqual([]);
    const confirmed = await stack.call(UPDATE, { id: order, shipments: [USPS], confirm_removed_shipments: [UPS] });
    expect(writes(confirmed.requests).map((r) => r.body)).toStrictEqual([{ shipments: [USPS] }]);
    expect(stack.questions).toStrictEqual([]);
  });

  it('a destructive tool runs as before for a client without elicitation (its host gates on destructiveHint)', async () => {
    stack = await startPersonStack({ vendor: 'malomo', era: 'legacy', elicitation: false });
    const order = await malomoOrder(stack);
    const { requests } = await stack.call('delete_a_malomo_order_by_id', { id: order });
    expect(writes(requests).map((r) => `${r.method} ${r.path}`)).toStrictEqual([`DELETE /orders/${order}`]);
  });
});

type RawCall = { resultType?: string; requestState?: string; inputRequests?: Record<string, { method: string; params: { message: string } }>; isError?: boolean; structuredContent?: unknown };

describe('2026-07-28 retries are bound to the request state', () => {
  /** One raw round: the client answers nothing itself, so the test plays the client. */
  async function round(input: { readonly s: PersonStack; readonly args: Record<string, unknown>; readonly retry?: { readonly requestState: string; readonly action: 'accept' | 'decline' } }): Promise<RawCall> {
    const params = {
      name: UPDATE,
      arguments: input.args,
      ...(input.retry ? { requestState: input.retry.requestState, inputResponses: { confirm: input.retry.action === 'accept' ? { action: 'accept', content: {} } : { action: 'decline' } } } : {}),
    };
    // request(), not callTool(): callTool validates a complete result and would reject input_required.
    return (await input.s.client.request({ method: 'tools/call', params } as never, { allowInputRequired: true })) as RawCall;
  }

  it('an accept replayed with other arguments is not honoured; the same arguments are', async () => {
    stack = await startPersonStack({ vendor: 'malomo', era: 'modern', manual: true });
    const order = await malomoOrder(stack);
    const before = stack.sim.requests.length;
    const first = await round({ s: stack, args: { id: order, shipments: [USPS] } });
    expect(first.resultType).toBe('input_required');
    expect(first.inputRequests?.['confirm']?.method).toBe('elicitation/create');
    const state = first.requestState!;
    // The person accepted dropping UPS; the retry now drops USPS instead.
    const changed = await round({ s: stack, args: { id: order, shipments: [UPS] }, retry: { requestState: state, action: 'accept' } });
    expect(changed.resultType).toBe('input_required');
    expect(changed.inputRequests?.['confirm']?.params.message).toContain(`tracking_code ${USPS.tracking_code}`);
    // Same removal, but a field the person never saw: still not honoured.
    const extra = await round({ s: stack, args: { id: order, shipments: [USPS], email: 'someone.else@example.com' }, retry: { requestState: state, action: 'accept' } });
    expect(extra.resultType).toBe('input_required');
    expect(writes(stack.sim.requests.slice(before))).toStrictEqual([]);
    // A forged state is not honoured either.
    const forged = await round({ s: stack, args: { id: order, shipments: [USPS] }, retry: { requestState: `${state.slice(0, -4)}AAAA`, action: 'accept' } });
    expect(forged.resultType).toBe('input_required');
    expect(writes(stack.sim.requests.slice(before))).toStrictEqual([]);
    const same = await round({ s: stack, args: { id: order, shipments: [USPS] }, retry: { requestState: state, action: 'accept' } });
    expect(same.resultType).not.toBe('input_required');
    expect(writes(stack.sim.requests.slice(before)).map((r) => ({ method: r.method, body: r.body }))).toStrictEqual([{ method: 'PUT', body: { shipments: [USPS] } }]);
  });
});
