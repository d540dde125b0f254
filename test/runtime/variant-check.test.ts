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
    {
      name: 'a wrong value one level down, named by its dotted path',
      given: { object_key: 'order', json: { customer: { id: 5 } } },
      want: 'Refused: json does not fit object_key "order": "customer.id": Invalid input: expected string, received number. Valid fields for order: customer, notes. Nothing was sent.',
    },
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

describe('checkVariant in a declared open world', () => {
  const open: VariantFamily = { ...family, open: { undeclared: 'unchecked' } };
  it.each([
    { name: 'an undeclared type is sent unchecked', given: { object_key: 'load__c', json: { anything: 1 } }, want: undefined },
    { name: 'an empty type is still refused', given: { object_key: '', json: {} }, want: 'Refused: object_key "" is not one of the documented types: order, invoice. Nothing was sent.' },
    { name: 'a type that is not a string is still refused', given: { object_key: 5, json: {} }, want: 'Refused: object_key 5 is not one of the documented types: order, invoice. Nothing was sent.' },
    {
      name: 'a declared type is still checked',
      given: { object_key: 'order', json: { subTotal: 1 } },
      want: 'Refused: json does not fit object_key "order": "subTotal" is not a writable field of order. Valid fields for order: customer, notes. Nothing was sent.',
    },
  ])('$name', ({ given, want }) => expect(checkVariant({ family: open, args: given })).toBe(want));

  it('a world declared closed refuses an undeclared type', () => {
    expect(checkVariant({ family: { ...family, open: { undeclared: 'refused' } }, args: { object_key: 'load__c', json: {} } })).toBe('Refused: object_key "load__c" is not one of the documented types: order, invoice. Nothing was sent.');
  });
});

describe('checkVariant names everything that is wrong', () => {
  const three: VariantFamily = {
    discriminator: 'object_key',
    payload: 'json',
    variants: {
      order: { schema: () => z.strictObject({ a: z.string(), b: z.string() }), fields: ['a', 'b'], required: ['a', 'b'] },
      invoice: { schema: () => z.strictObject({ shared: z.string() }), fields: ['shared'], required: [] },
      task: { schema: () => z.strictObject({ shared: z.string() }), fields: ['shared'], required: [] },
    },
  };
  it('a field of two other types names both; two missing fields are both named', () => {
    expect(checkVariant({ family: three, args: { object_key: 'order', json: { shared: 'x' } } })).toBe(
      'Refused: json does not fit object_key "order": "shared" is not a field of order (it belongs to invoice, task); missing required "a", "b". Valid fields for order: a, b. Nothing was sent.',
    );
  });

  it.each([
    { name: 'null', json: null },
    { name: 'a string', json: '{"notes":"x"}' },
  ])('a payload that is $name is refused as not an object', ({ json }) => {
    expect(checkVariant({ family, args: { object_key: 'order', json } })).toBe('Refused: json must be an object of order fields. Nothing was sent.');
  });

  it('the extra-name pattern is a Unicode regular expression', () => {
    const custom: VariantFamily = { ...family, variants: { order: { ...family.variants['order']!, schema: () => z.looseObject({}), extraNames: '^\\p{Lu}' } } };
    expect(checkVariant({ family: custom, args: { object_key: 'order', json: { Élan: 1 } } })).toBeUndefined();
  });
});
