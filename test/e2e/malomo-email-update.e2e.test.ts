import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MALOMO_IDS } from '../../scripts/simulator/seed-malomo.ts';
import { startStack, wire, type McpStack } from '../../scripts/shared/mcp-stack.ts';

/**
 * Whether Malomo clears an order's shipments when an update leaves them out is not documented, so
 * an email-only update reads the current pairs and sends them back unchanged; a sent list stays guarded.
 */
describe('Malomo: an email-only order update never loses a shipment', () => {
  let stack: McpStack;
  beforeAll(async () => {
    stack = await startStack('malomo');
  });
  afterAll(async () => stack?.close());

  const pairsOf = async (id: string) =>
    ((await stack.call('get_single_malomo_order_by_id', { id })).result.structuredContent!['shipments'] as { carrier: string; tracking_code: string }[]).map((s) => ({ carrier: s.carrier, tracking_code: s.tracking_code }));

  it('reads the current pairs, sends them back with the new email, and says so in the result', async () => {
    const pairs = await pairsOf(MALOMO_IDS.order1001);
    expect(pairs.length).toBeGreaterThan(0);
    const { requests, result } = await stack.call('update_a_malomo_order_by_id', { id: MALOMO_IDS.order1001, email: 'only-email@example.com' });
    expect(requests.map(wire)).toStrictEqual([
      { method: 'GET', path: `/orders/${MALOMO_IDS.order1001}`, query: {}, body: undefined, auth: `Bearer ${stack.token}`, valid: true, errors: [] },
      { method: 'PUT', path: `/orders/${MALOMO_IDS.order1001}`, query: {}, body: { email: 'only-email@example.com', shipments: pairs }, auth: `Bearer ${stack.token}`, valid: true, errors: [] },
      // The read-back after every guarded write (the race between read and write cannot be closed).
      { method: 'GET', path: `/orders/${MALOMO_IDS.order1001}`, query: {}, body: undefined, auth: `Bearer ${stack.token}`, valid: true, errors: [] },
    ]);
    const texts = result.content.map((part) => (part as { text: string }).text);
    expect(texts.at(-1)).toBe(`Note: "shipments" was not given, so its ${pairs.length} current entr${pairs.length === 1 ? 'y was' : 'ies were'} read first and sent back unchanged: ${JSON.stringify(pairs)}.`);
    expect(await pairsOf(MALOMO_IDS.order1001)).toStrictEqual(pairs);
  });

  it('a dry run reads as the real call would, writes nothing, and shows the carried shipments', async () => {
    const pairs = await pairsOf(MALOMO_IDS.order1002);
    const { requests, result } = await stack.call('update_a_malomo_order_by_id', { id: MALOMO_IDS.order1002, email: 'dry@example.com', dry_run: true });
    expect(requests.map((r) => r.method)).toStrictEqual(['GET']);
    expect((result.structuredContent as { request: { body: unknown } }).request.body).toStrictEqual({ email: 'dry@example.com', shipments: pairs });
    expect((result.content.at(-1) as { text: string }).text).toBe(`Note: "shipments" was not given, so its ${pairs.length} current entr${pairs.length === 1 ? 'y was' : 'ies were'} read first and would be sent back unchanged: ${JSON.stringify(pairs)}.`);
  });

  it('a call that does send shipments is still guarded: dropping a pair is refused with no PUT', async () => {
    const pairs = await pairsOf(MALOMO_IDS.order1001);
    const { requests, result } = await stack.call('update_a_malomo_order_by_id', { id: MALOMO_IDS.order1001, shipments: pairs.slice(1) });
    expect(requests.map((r) => r.method)).toStrictEqual(['GET']);
    expect(result.structuredContent).toStrictEqual({ refused: true, would_remove: [pairs[0]], confirm_with: 'confirm_removed_shipments' });
  });
});
