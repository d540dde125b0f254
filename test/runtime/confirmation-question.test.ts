import { describe, expect, it } from 'vitest';
import { questionText, recordWords } from '../../templates/runtime/confirmation-question.ts';
import type { ToolDefinition } from '../../templates/runtime/tool-definition.ts';
import { tool } from './support.ts';

const updateShipment: ToolDefinition = {
  ...tool({
    name: 'update_shipment',
    http: { method: 'PUT', path: '/orders/{order}/shipments/{id}', args: { order_id: { in: 'path', name: 'order' }, shipment_id: { in: 'path', name: 'id' }, note: { in: 'body', name: 'note' }, trackers: { in: 'body', name: 'trackers' } } },
  }),
  title: 'Update a shipment',
};

const dropAll: ToolDefinition = { ...tool({ name: 'drop_all', http: { method: 'DELETE', path: '/cache', args: { scope: { in: 'query', name: 'scope' } } } }), title: 'Drop the cache' };

describe('recordWords', () => {
  it.each([
    { name: 'every path argument given, in binding order', args: { shipment_id: 7, order_id: 'o1', note: 'x' }, want: 'order_id o1, shipment_id 7' },
    { name: 'a path argument left out is not named', args: { shipment_id: 7 }, want: 'shipment_id 7' },
    { name: 'no path argument given', args: { note: 'x' }, want: 'no single record' },
  ])('$name', ({ args, want }) => expect(recordWords({ tool: updateShipment, args })).toBe(want));
});

describe('questionText: removals', () => {
  const asking = (entries: readonly unknown[]) => ({ kind: 'remove', field: 'trackers', confirmArg: 'confirm_removed_trackers', entries }) as const;

  it('one entry: singular, object entries as field/value words, strings unquoted, other values as JSON', () =>
    expect(questionText({ vendorTitle: 'Acme', tool: updateShipment, args: { order_id: 'o1', shipment_id: 7 }, asking: asking([{ carrier: 'usps', code: 9400, active: true, tags: ['a'] }]) })).toBe(
      'Acme: Update a shipment (order_id o1, shipment_id 7) would remove 1 existing trackers entry:\n- carrier usps, code 9400, active true, tags ["a"]\nAccept to send the change and remove them. Decline to send nothing.',
    ));

  it('several entries: plural, one line each; scalar and null entries as JSON', () =>
    expect(questionText({ vendorTitle: 'Acme', tool: updateShipment, args: {}, asking: asking(['a', 2, null]) })).toBe(
      'Acme: Update a shipment (no single record) would remove 3 existing trackers entries:\n- "a"\n- 2\n- null\nAccept to send the change and remove them. Decline to send nothing.',
    ));
});

describe('questionText: destructive calls', () => {
  it('names the arguments that are not in the path', () =>
    expect(questionText({ vendorTitle: 'Acme', tool: updateShipment, args: { order_id: 'o1', shipment_id: 7, note: 'late' }, asking: { kind: 'destructive' } })).toBe(
      'Acme: Update a shipment (order_id o1, shipment_id 7) with {"note":"late"}. The vendor marks this as destructive. Accept to send it. Decline to send nothing.',
    ));

  it('only path arguments: no "with"', () =>
    expect(questionText({ vendorTitle: 'Acme', tool: updateShipment, args: { order_id: 'o1', shipment_id: 7 }, asking: { kind: 'destructive' } })).toBe(
      'Acme: Update a shipment (order_id o1, shipment_id 7). The vendor marks this as destructive. Accept to send it. Decline to send nothing.',
    ));

  it('an argument the binding does not know is still shown', () =>
    expect(questionText({ vendorTitle: 'Acme', tool: dropAll, args: { scope: 'all', dry_run: false }, asking: { kind: 'destructive' } })).toBe(
      'Acme: Drop the cache (no single record) with {"scope":"all","dry_run":false}. The vendor marks this as destructive. Accept to send it. Decline to send nothing.',
    ));
});

describe('questionText: long questions are cut at 1,500 characters with a note', () => {
  const prefix = 'Acme: Drop the cache (no single record) with {"scope":"';
  const suffix = '"}. The vendor marks this as destructive. Accept to send it. Decline to send nothing.';
  const question = (length: number) => questionText({ vendorTitle: 'Acme', tool: dropAll, args: { scope: 'x'.repeat(length - prefix.length - suffix.length) }, asking: { kind: 'destructive' } });

  it('exactly 1,500 characters: shown whole', () => expect(question(1_500)).toBe(`${prefix}${'x'.repeat(1_500 - prefix.length - suffix.length)}${suffix}`));

  it('1,501 characters: the first 1,500, then how many more', () => {
    const full = `${prefix}${'x'.repeat(1_501 - prefix.length - suffix.length)}${suffix}`;
    expect(question(1_501)).toBe(`${full.slice(0, 1_500)}… (1 more characters)`);
  });

  it('a long removal list is cut the same way', () => {
    const text = questionText({ vendorTitle: 'Acme', tool: updateShipment, args: {}, asking: { kind: 'remove', field: 'trackers', confirmArg: 'c', entries: Array.from({ length: 400 }, (_, i) => i) } });
    expect(text).toMatch(/^Acme: Update a shipment \(no single record\) would remove 400 existing trackers entries:\n- 0\n- 1\n/);
    expect(text.endsWith('more characters)')).toBe(true);
    expect(text.indexOf('…')).toBe(1_500);
  });
});
