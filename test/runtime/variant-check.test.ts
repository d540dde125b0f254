import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { checkVariant, type VariantFamily } from '../../templates/runtime/variant-check.ts';

const ref = z.strictObject({ id: z.string() });
const family: VariantFamily = {
  discriminator: 'object_key',
  payload: 'json',
  variants: {
    order: { schema: () => z.strictObject({ customer: ref.optional(), notes: z.string().optional() }), fields: ['customer', 'notes'], required: [] },
    invoice: { schema: () => z.strictObject({ customer: ref, lineItems: z.array(ref).optional() }), fields: ['customer', 'lineItems'], required: ['customer'] },
  },
};

describe('checkVariant refuses before any request, and says how to do it right', () => {
  it.each([
    { name: 'valid order', given: { object_key: 'order', json: { notes: 'x', customer: { id: 'c1' } } }, want: undefined },
    { name: 'no payload on a read', given: { object_key: 'invoice' }, want: undefined },
    {
      name: 'undeclared objectKey',
      given: { object_key: 'load__c', json: {} },
      want: 'Refused: object_key "load__c" is not one of the documented types: order, invoice. Nothing was sent.',
    },
    {
      name: 'a field of another objectKey',
      given: { object_key: 'order', json: { lineItems: [] } },
      want: 'Refused: json does not fit object_key "order": "lineItems" is not a field of order (it belongs to invoice). Valid fields for order: customer, notes. Nothing was sent.',
    },
    {
      name: 'a derived or unknown field, and a missing required one',
      given: { object_key: 'invoice', json: { subTotal: 5 } },
      want: 'Refused: json does not fit object_key "invoice": "subTotal" is not a writable field of invoice; missing required "customer". Valid fields for invoice: customer, lineItems. Nothing was sent.',
    },
    {
      name: 'a wrong value shape',
      given: { object_key: 'order', json: { customer: 'c1' } },
      want: 'Refused: json does not fit object_key "order": "customer": Invalid input: expected object, received string. Valid fields for order: customer, notes. Nothing was sent.',
    },
    { name: 'payload not an object', given: { object_key: 'order', json: [1] }, want: 'Refused: json must be an object of order fields. Nothing was sent.' },
  ])('$name', ({ given, want }) => expect(checkVariant({ family, args: given })).toBe(want));
});

describe('checkVariant is strict at every depth the variant declares', () => {
  it.each([
    {
      name: 'an unknown key one level down, under customer',
      given: { object_key: 'order', json: { customer: { id: 'c1', deleteAll: true } } },
      want: 'Refused: json does not fit object_key "order": "customer.deleteAll" is not a field of order\'s customer. Valid fields for order: customer, notes. Nothing was sent.',
    },
    {
      name: 'an unknown key inside an array element',
      given: { object_key: 'invoice', json: { customer: { id: 'c1' }, lineItems: [{ id: 'l1' }, { id: 'l2', price: 1 }] } },
      want: 'Refused: json does not fit object_key "invoice": "lineItems.1.price" is not a field of invoice\'s lineItems.1. Valid fields for invoice: customer, lineItems. Nothing was sent.',
    },
  ])('$name', ({ given, want }) => expect(checkVariant({ family, args: given })).toBe(want));

  it('names matching the declared extra-name pattern pass at the top; others are still refused', () => {
    const custom: VariantFamily = { ...family, variants: { order: { ...family.variants['order']!, schema: () => z.looseObject({ customer: ref.optional() }), extraNames: '__c$' } } };
    expect(checkVariant({ family: custom, args: { object_key: 'order', json: { region__c: 'west' } } })).toBeUndefined();
    expect(checkVariant({ family: custom, args: { object_key: 'order', json: { region: 'west' } } })).toContain('"region" is not a writable field of order');
  });
});
