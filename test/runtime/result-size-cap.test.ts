import { describe, expect, it } from 'vitest';
import { conformToSchema } from '../../templates/runtime/output-conformance.ts';
import { serializedLength, shrinkToFit } from '../../templates/runtime/result-size-cap.ts';

const records = Array.from({ length: 400 }, (_, i) => ({ id: i, name: `customer ${i}`, tags: ['a', 'b'] }));

describe('shrinkToFit: the biggest parts go first, types never change', () => {
  it.each<{ readonly name: string; readonly value: unknown; readonly maxChars: number; readonly cuts: readonly { pointer: string; unit: string; of: number }[] }>([
    { name: 'fits already: untouched', value: { id: 1 }, maxChars: 100, cuts: [] },
    { name: 'a long list loses its tail', value: { results: records }, maxChars: 5_000, cuts: [{ pointer: '/results', unit: 'items', of: 400 }] },
    { name: 'one long string in a record is shortened, the other fields stay', value: { id: 'x', body: 'z'.repeat(20_000), status: 'open' }, maxChars: 2_000, cuts: [{ pointer: '/body', unit: 'characters', of: 20_000 }] },
    { name: 'a wide object loses fields when nothing else can give', value: Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`field_${i}`, i])), maxChars: 1_000, cuts: [{ pointer: '', unit: 'fields', of: 500 }] },
  ])('$name', ({ value, maxChars, cuts }) => {
    const result = shrinkToFit({ value, maxChars });
    expect(serializedLength(result.value)).toBeLessThanOrEqual(maxChars);
    expect(result.cuts.map(({ pointer, unit, of }) => ({ pointer, unit, of }))).toStrictEqual(cuts);
  });

  it('a shrunk value still matches the tolerant schema it matched before', () => {
    const schema = { type: 'object', properties: { results: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } } } } } };
    const shrunk = shrinkToFit({ value: { results: records }, maxChars: 3_000 });
    expect(conformToSchema({ value: shrunk.value, schema }).dropped).toStrictEqual([]);
  });
});

describe('conformToSchema: what breaks the advertised types is left out and named', () => {
  const schema = {
    type: 'object',
    properties: {
      id: { type: 'string' },
      count: { type: 'integer' },
      price: { type: ['null', 'number'] },
      items: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' } } } },
    },
  };
  it.each<{ readonly name: string; readonly value: unknown; readonly want: unknown; readonly dropped: readonly string[] }>([
    { name: 'valid, with an undocumented extra field kept', value: { id: 'a', count: 2, price: null, extra: { x: 1 } }, want: { id: 'a', count: 2, price: null, extra: { x: 1 } }, dropped: [] },
    { name: 'a number where a string was promised', value: { id: 7, count: 2 }, want: { count: 2 }, dropped: ['/id'] },
    { name: 'a float where an integer was promised', value: { id: 'a', count: 2.5 }, want: { id: 'a' }, dropped: ['/count'] },
    { name: 'inside array items', value: { items: [{ sku: 'A' }, { sku: 3 }, 'junk'] }, want: { items: [{ sku: 'A' }, {}] }, dropped: ['/items/1/sku', '/items/2'] },
  ])('$name', ({ value, want, dropped }) => expect(conformToSchema({ value, schema })).toStrictEqual({ value: want, dropped }));
});
