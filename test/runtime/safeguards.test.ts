import { describe, expect, it } from 'vitest';
import { carriedList, checkDropped, compareAfterWrite, disjointViolation, uncarriableEntry, type FullArrayGuard } from '../../templates/runtime/safeguards.ts';

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

describe('a number and the same number as a string are one entry', () => {
  const tags: FullArrayGuard = { kind: 'full-array', arg: 'tag_ids', identity: [], readPath: '/tickets/{id}', currentPointer: '/data/tags_ids', confirmArg: 'confirm_removed_tag_ids' };

  it('ids read back as strings are kept by the same integers, and only the rest is dropped', () => {
    expect(checkDropped({ guard: tags, current: ['1', '2'], args: { tag_ids: [1, 2, 3] } })).toStrictEqual({ ok: true });
    expect(checkDropped({ guard: tags, current: ['1', '2'], args: { tag_ids: [2] } })).toMatchObject({ ok: false, dropped: ['1'] });
  });

  it('a confirmation in the tool\'s own type (integers) confirms entries read as strings', () =>
    expect(checkDropped({ guard: tags, current: ['1', '2'], args: { tag_ids: [2], confirm_removed_tag_ids: [1] } })).toStrictEqual({ ok: true }));

  it.each([
    { name: '10 is not 1', current: ['10'], sent: [1] },
    { name: '1.5 is not 15', current: ['15'], sent: [1.5] },
    { name: 'true is not "true"', current: ['true'], sent: [true] },
    { name: 'null is not "null"', current: ['null'], sent: [null] },
  ])('other values stay apart: $name', ({ current, sent }) => expect(checkDropped({ guard: tags, current, args: { tag_ids: sent } }).ok).toBe(false));

  it('the read-back after the write sees no loss and nothing new', () =>
    expect(compareAfterWrite({ guard: tags, intended: [1, 2], before: ['1'], after: ['1', '2'] })).toStrictEqual({ lost: [], appeared: [] }));

  it('the disjoint guard sees 7 and "7" in both lists', () =>
    expect(disjointViolation({ guard: { kind: 'disjoint', args: ['add', 'remove'] }, args: { add: [7], remove: ['7'] } })).toContain('Refused: [7] appear in both'));
});

describe('checkDropped: exact refusals and boundaries', () => {
  const C = { carrier: 'dhl', tracking_code: '3' };
  const ONE = 'Refused: "shipments" replaces the whole list, and this call would remove 1 existing entry: [{"carrier":"ups","tracking_code":"2"}]. To keep them, include them in "shipments". To remove them on purpose, pass exactly these in "confirm_removed_shipments". Nothing was sent.';
  const TWO = 'Refused: "shipments" replaces the whole list, and this call would remove 2 existing entries: [{"carrier":"ups","tracking_code":"2"},{"carrier":"dhl","tracking_code":"3"}]. To keep them, include them in "shipments". To remove them on purpose, pass exactly these in "confirm_removed_shipments". Nothing was sent.';

  it('one dropped entry is named in the singular, with the whole message', () => {
    expect(checkDropped({ guard: shipments, current: [A, B], args: { shipments: [A] } })).toStrictEqual({ ok: false, dropped: [{ carrier: 'ups', tracking_code: '2' }], message: ONE });
  });

  it('two dropped entries are named in the plural', () => {
    expect(checkDropped({ guard: shipments, current: [A, B, C], args: { shipments: [A] } })).toStrictEqual({ ok: false, dropped: [{ carrier: 'ups', tracking_code: '2' }, C], message: TWO });
  });

  it.each([
    { name: 'confirms only one of two dropped entries', confirm: [B] },
    { name: 'confirms a different entry of the same count', confirm: [B, A] },
    { name: 'is not a list', confirm: 'all' },
    { name: 'is absent', confirm: undefined },
  ])('a confirmation that $name is refused', ({ confirm }) => {
    const args = { shipments: [A], ...(confirm === undefined ? {} : { confirm_removed_shipments: confirm }) };
    expect(checkDropped({ guard: shipments, current: [A, B, C], args })).toStrictEqual({ ok: false, dropped: [{ carrier: 'ups', tracking_code: '2' }, C], message: TWO });
  });

  it('nothing dropped: allowed, whatever the confirmation lists', () => {
    expect(checkDropped({ guard: shipments, current: [A], args: { shipments: [A], confirm_removed_shipments: [B] } })).toStrictEqual({ ok: true });
  });

  it('a requested argument that is not a list drops everything', () => {
    expect(checkDropped({ guard: shipments, current: [A], args: { shipments: 'none' } })).toMatchObject({ ok: false, dropped: [{ carrier: 'usps', tracking_code: '1' }] });
    // Read as an empty list, it names no unknown entry: a mustExist guard reports the removal.
    expect(checkDropped({ guard: { ...shipments, mustExist: true }, current: [A], args: { shipments: 'none' } })).toMatchObject({ ok: false, dropped: [{ carrier: 'usps', tracking_code: '1' }] });
  });

  it('entries that are not objects are their own identity, even when the guard names fields', () => {
    expect(checkDropped({ guard: shipments, current: ['x', 'y'], args: { shipments: ['x'] } })).toMatchObject({ ok: false, dropped: ['y'] });
    expect(checkDropped({ guard: shipments, current: ['x', null], args: { shipments: ['x'] } })).toMatchObject({ ok: false, dropped: [null] });
    expect(checkDropped({ guard: shipments, current: ['x'], args: { shipments: ['x', null] } })).toStrictEqual({ ok: true });
    // One value in place of another is a removal, even though neither has the guard's fields.
    expect(checkDropped({ guard: shipments, current: ['x'], args: { shipments: ['y'] } })).toMatchObject({ ok: false, dropped: ['x'] });
  });

  it('without identity fields, objects are compared and reported whole', () => {
    const whole: FullArrayGuard = { ...shipments, identity: [] };
    expect(checkDropped({ guard: whole, current: [{ x: 1 }, { x: 2 }], args: { shipments: [{ x: 1 }] } })).toMatchObject({ ok: false, dropped: [{ x: 2 }] });
    expect(checkDropped({ guard: whole, current: [{ x: 1 }], args: { shipments: [{ x: 2 }] } })).toMatchObject({ ok: false, dropped: [{ x: 1 }] });
  });

  it('a missing identity field is reported as null', () => {
    expect(checkDropped({ guard: shipments, current: [A, { carrier: 'ups' }], args: { shipments: [A] } })).toMatchObject({ ok: false, dropped: [{ carrier: 'ups', tracking_code: null }] });
  });

  it('without identity fields, a case-insensitive comparison of the element itself applies (`""`)', () => {
    const tags: FullArrayGuard = { ...shipments, identity: [], compare: { '': 'case-insensitive' } };
    expect(checkDropped({ guard: tags, current: ['ABC', 7], args: { shipments: ['abc', 7] } })).toStrictEqual({ ok: true });
    expect(checkDropped({ guard: { ...tags, compare: {} }, current: ['ABC'], args: { shipments: ['abc'] } }).ok).toBe(false);
  });

  it('mustExist with only known entries goes on to the drop check', () => {
    const items: FullArrayGuard = { ...shipments, identity: ['id'], mustExist: true };
    expect(checkDropped({ guard: items, current: [{ id: 1 }, { id: 2 }], args: { shipments: [{ id: 1 }] } })).toMatchObject({ ok: false, dropped: [{ id: 2 }] });
    expect(checkDropped({ guard: items, current: [{ id: 1 }], args: { shipments: [{ id: 1 }] } })).toStrictEqual({ ok: true });
  });
});

describe('carriedList and compareAfterWrite', () => {
  it('the carried list keeps each entry cut to its identity fields, in order', () => {
    expect(carriedList({ guard: shipments, current: [A, B] })).toStrictEqual([{ carrier: 'usps', tracking_code: '1' }, { carrier: 'ups', tracking_code: '2' }]);
    expect(carriedList({ guard: { ...shipments, identity: [] }, current: [A] })).toStrictEqual([A]);
  });

  it('names what the call sent but the vendor lacks, and what appeared that nobody here sent or saw', () => {
    const C = { carrier: 'dhl', tracking_code: '3' };
    const D = { carrier: 'fedex', tracking_code: '4', extra: true };
    expect(compareAfterWrite({ guard: shipments, intended: [A, B], before: [A, C], after: [A, C, D] })).toStrictEqual({ lost: [{ carrier: 'ups', tracking_code: '2' }], appeared: [{ carrier: 'fedex', tracking_code: '4' }] });
    expect(compareAfterWrite({ guard: shipments, intended: [A], before: [], after: [A] })).toStrictEqual({ lost: [], appeared: [] });
  });
});

describe('disjointViolation: either side not a list', () => {
  it.each([{ add: 'a', remove: ['a'] }, { add: ['a'], remove: 'a' }, { remove: ['a'] }])('%j is left to the schema', (args) => {
    expect(disjointViolation({ guard: { kind: 'disjoint', args: ['add', 'remove'] }, args })).toBeUndefined();
  });
});

describe('entries that share an identity are counted, not only named', () => {
  const codes: FullArrayGuard = { kind: 'full-array', arg: 'tracking_codes', identity: ['tracking_code'], readPath: '/s/{id}', currentPointer: '/data/tracking_codes', confirmArg: 'confirm_removed_tracking_codes' };
  const ups = { tracking_code: 'A', tracking_carrier_name: 'UPS' };
  const dhl = { tracking_code: 'A', tracking_carrier_name: 'DHL' };

  it('sending one of two entries with the same code drops the other: refused, naming one', () => {
    const result = checkDropped({ guard: codes, current: [ups, dhl], args: { tracking_codes: [ups] } });
    expect(result).toMatchObject({ ok: false, dropped: [{ tracking_code: 'A' }] });
  });

  it.each([
    { name: 'that one entry, confirmed once', confirm: [{ tracking_code: 'A' }], ok: true },
    { name: 'confirmed twice', confirm: [{ tracking_code: 'A' }, { tracking_code: 'A' }], ok: false },
    { name: 'not confirmed', confirm: [], ok: false },
  ])('the drop $name: ok is $ok', ({ confirm, ok }) => {
    expect(checkDropped({ guard: codes, current: [ups, dhl], args: { tracking_codes: [ups], confirm_removed_tracking_codes: confirm } }).ok).toBe(ok);
  });

  it('both sent, or one sent twice, drops nothing', () => {
    expect(checkDropped({ guard: codes, current: [ups, dhl], args: { tracking_codes: [dhl, ups] } })).toStrictEqual({ ok: true });
    expect(checkDropped({ guard: codes, current: [ups, dhl], args: { tracking_codes: [ups, ups] } })).toStrictEqual({ ok: true });
    expect(checkDropped({ guard: codes, current: [ups], args: { tracking_codes: [ups, dhl] } })).toStrictEqual({ ok: true });
  });

  it('after the write, a repeat the vendor collapsed is lost, and an extra repeat appeared', () => {
    expect(compareAfterWrite({ guard: codes, intended: [ups, dhl], before: [], after: [ups] })).toStrictEqual({ lost: [{ tracking_code: 'A' }], appeared: [] });
    expect(compareAfterWrite({ guard: codes, intended: [ups], before: [ups], after: [ups, dhl] })).toStrictEqual({ lost: [], appeared: [{ tracking_code: 'A' }] });
    expect(compareAfterWrite({ guard: codes, intended: [ups], before: [ups, dhl], after: [ups, dhl] })).toStrictEqual({ lost: [], appeared: [] });
  });
});

describe('uncarriableEntry: whether the current list can be sent back as it is', () => {
  it.each([
    { name: 'complete entries', current: [A, B], want: undefined },
    { name: 'no entries', current: [], want: undefined },
    { name: 'an identity field 0 or empty is still a value', current: [{ carrier: '', tracking_code: 0 }], want: undefined },
    { name: 'a missing field', current: [A, { carrier: 'ups' }], want: 'entry 2 ({"carrier":"ups"}) has no "tracking_code"' },
    { name: 'a null field', current: [{ carrier: null, tracking_code: '1' }], want: 'entry 1 ({"carrier":null,"tracking_code":"1"}) has no "carrier"' },
    { name: 'a string', current: ['x'], want: 'entry 1 is "x", not an object' },
    { name: 'null', current: [null], want: 'entry 1 is null, not an object' },
    { name: 'an array', current: [[A]], want: `entry 1 is [${JSON.stringify(A)}], not an object` },
  ])('$name', ({ current, want }) => expect(uncarriableEntry({ guard: shipments, current })).toBe(want));

  it('without identity fields every entry is sent back whole', () => {
    expect(uncarriableEntry({ guard: { ...shipments, identity: [] }, current: ['x', null, 1] })).toBeUndefined();
  });

  it('a long entry is shown cut at 200 characters', () => {
    const long = { carrier: 'ups', note: 'n'.repeat(300) };
    const shown = JSON.stringify(long).slice(0, 200);
    expect(uncarriableEntry({ guard: shipments, current: [long] })).toBe(`entry 1 (${shown}…) has no "tracking_code"`);
    const exact = { carrier: 'ups', note: 'n'.repeat(200 - JSON.stringify({ carrier: 'ups', note: '' }).length) };
    expect(uncarriableEntry({ guard: shipments, current: [exact] })).toBe(`entry 1 (${JSON.stringify(exact)}) has no "tracking_code"`);
  });
});
