import { describe, expect, it } from 'vitest';
import { checkDropped, disjointViolation, type FullArrayGuard } from '../../templates/runtime/safeguards.ts';

const shipments: FullArrayGuard = { kind: 'full-array', arg: 'shipments', identity: ['carrier', 'tracking_code'], readPath: '/orders/{id}', currentPointer: '/shipments', confirmArg: 'confirm_removed_shipments' };
const A = { carrier: 'usps', tracking_code: '1', status: 'in_transit' };
const B = { carrier: 'ups', tracking_code: '2' };

describe('checkDropped', () => {
  it.each([
    { name: 'same list', given: { current: [A, B], args: { shipments: [B, A] } }, want: { ok: true } },
    { name: 'superset', given: { current: [A], args: { shipments: [A, B] } }, want: { ok: true } },
    { name: 'identity ignores other fields', given: { current: [A], args: { shipments: [{ carrier: 'usps', tracking_code: '1' }] } }, want: { ok: true } },
    { name: 'exact confirmation', given: { current: [A, B], args: { shipments: [A], confirm_removed_shipments: [B] } }, want: { ok: true } },
    { name: 'nothing there yet', given: { current: [], args: { shipments: [] } }, want: { ok: true } },
  ])('$name is allowed', ({ given, want }) => expect(checkDropped({ guard: shipments, ...given })).toStrictEqual(want));

  it.each([
    { name: 'a drop without confirmation', given: { current: [A, B], args: { shipments: [A] } }, dropped: [{ carrier: 'ups', tracking_code: '2' }] },
    { name: 'a confirmation listing more than is dropped', given: { current: [A, B], args: { shipments: [A], confirm_removed_shipments: [A, B] } }, dropped: [{ carrier: 'ups', tracking_code: '2' }] },
    { name: 'an empty list', given: { current: [A, B], args: { shipments: [] } }, dropped: [{ carrier: 'usps', tracking_code: '1' }, { carrier: 'ups', tracking_code: '2' }] },
  ])('$name is refused', ({ given, dropped }) => {
    const result = checkDropped({ guard: shipments, ...given });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.dropped).toStrictEqual(dropped);
  });

  it('mustExist refuses entries that do not refer to an existing element, naming the existing ones', () => {
    const items: FullArrayGuard = { kind: 'full-array', arg: 'order_items', identity: ['id'], readPath: '/s/{id}', currentPointer: '/data/order_items', confirmArg: 'confirm_removed_order_items', mustExist: true };
    const result = checkDropped({ guard: items, current: [{ id: 1, sku: 'a' }], args: { order_items: [{ id: 1 }, { id: 99 }] } });
    expect(result).toStrictEqual({ ok: false, dropped: [], message: 'Refused: every entry of "order_items" must refer to an existing one; unknown: [{"id":99}]. Existing: [{"id":1}]. Nothing was sent.' });
  });

  it('plain values are their own identity', () => {
    const tags: FullArrayGuard = { kind: 'full-array', arg: 'tags_ids', identity: [], readPath: '/t/{id}', currentPointer: '/data/tags_ids', confirmArg: 'confirm_removed_tags_ids' };
    expect(checkDropped({ guard: tags, current: [1, 2], args: { tags_ids: [2, 3] } })).toMatchObject({ ok: false, dropped: [1] });
  });
});

describe('disjointViolation', () => {
  it.each([
    { given: { add: ['a'], remove: ['b'] }, want: undefined },
    { given: { add: ['a'] }, want: undefined },
    { given: { add: ['a', 'b'], remove: ['b'] }, want: 'Refused: ["b"] appear in both "add" and "remove". The vendor would silently apply only one of them. Put each id in exactly one list and call again. Nothing was sent.' },
  ])('$given', ({ given, want }) => expect(disjointViolation({ guard: { kind: 'disjoint', args: ['add', 'remove'] }, args: given })).toBe(want));
});

describe('identities are compared as the vendor compares them', () => {
  const UPPER = '11111111-2222-4333-8444-55555555555A';
  it('the disjoint guard compares UUIDs without letter case when declared so', () => {
    const guard = { kind: 'disjoint', args: ['add', 'remove'], compare: 'case-insensitive' } as const;
    expect(disjointViolation({ guard, args: { add: [UPPER], remove: [UPPER.toLowerCase()] } })).toContain(`Refused: ${JSON.stringify([UPPER])} appear in both "add" and "remove"`);
    expect(disjointViolation({ guard, args: { add: [UPPER], remove: ['11111111-2222-4333-8444-55555555555b'] } })).toBeUndefined();
  });

  it('a full-array guard keeps an entry sent in other letter case, and a confirmation matches likewise', () => {
    const guard: FullArrayGuard = { ...shipments, compare: { carrier: 'case-insensitive' } };
    expect(checkDropped({ guard, current: [A, B], args: { shipments: [{ carrier: 'USPS', tracking_code: '1' }, B] } })).toStrictEqual({ ok: true });
    expect(checkDropped({ guard, current: [A, B], args: { shipments: [A], confirm_removed_shipments: [{ carrier: 'UPS', tracking_code: '2' }] } })).toStrictEqual({ ok: true });
    expect(checkDropped({ guard: { ...guard, compare: {} }, current: [A], args: { shipments: [{ carrier: 'USPS', tracking_code: '1' }] } }).ok).toBe(false);
  });
});
