import { describe, expect, it } from 'vitest';
import { conformResult, conformToSchema } from '../../templates/runtime/output-conformance.ts';
import { describeCuts, itemsThatFit, serializedLength, shrinkToFit } from '../../templates/runtime/result-size-cap.ts';

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

describe('conformResult: errors, refusals and dry runs match the schema too (some clients check them)', () => {
  const schema = { type: 'object', properties: { status: { type: 'string' }, request: { type: 'string' } } };
  it.each<{ readonly name: string; readonly result: Parameters<typeof conformResult>[0]['result']; readonly structured: unknown; readonly note: boolean }>([
    { name: 'an error whose status clashes with a documented string status', result: { isError: true, content: [{ type: 'text', text: 'HTTP 429' }], structuredContent: { status: 429, message: 'slow down' } }, structured: { message: 'slow down' }, note: true },
    { name: 'a dry run whose request clashes', result: { content: [{ type: 'text', text: 'Dry run' }], structuredContent: { dry_run: true, request: { method: 'PUT' } } }, structured: { dry_run: true }, note: true },
    { name: 'no clash: untouched', result: { isError: true, content: [{ type: 'text', text: 'x' }], structuredContent: { message: 'm' } }, structured: { message: 'm' }, note: false },
  ])('$name', ({ result, structured, note }) => {
    const conformed = conformResult({ result, schema });
    expect(conformed.structuredContent).toStrictEqual(structured);
    expect(conformed.content.length).toBe(note ? 2 : 1);
  });
});

describe('itemsThatFit: the leading items whose page fits, at every boundary', () => {
  const items = Array.from({ length: 7 }, (_, index) => ({ id: `item-${index}` }));
  const envelope = (page: readonly unknown[]) => ({ items: page, next: 'cursor' });
  const sizeOf = (count: number) => serializedLength(envelope(items.slice(0, count)));

  it.each([0, 1, 2, 3, 4, 5, 6, 7])('exactly the size of %i items fits %i; one character less fits one fewer', (count) => {
    expect(itemsThatFit({ items, maxChars: sizeOf(count), envelope })).toBe(count);
    if (count > 0) expect(itemsThatFit({ items, maxChars: sizeOf(count) - 1, envelope })).toBe(count - 1);
  });

  it('not even the empty page fits: none', () => expect(itemsThatFit({ items, maxChars: sizeOf(0) - 1, envelope })).toBe(0));
  it('no items: none', () => expect(itemsThatFit({ items: [], maxChars: 1_000, envelope })).toBe(0));
});

describe('describeCuts', () => {
  it('one clause per cut; the root is named', () => {
    expect(describeCuts([{ pointer: '/results', kept: 3, of: 400, unit: 'items' }, { pointer: '', kept: 10, of: 500, unit: 'fields' }])).toBe('/results: kept 3 of 400 items; (root): kept 10 of 500 fields');
    expect(describeCuts([])).toBe('');
  });
});

describe('shrinkToFit: the edges', () => {
  const size = (value: unknown) => serializedLength(value);

  it('a value exactly at the limit is untouched; undefined measures 0', () => {
    const value = { note: 'n'.repeat(500) };
    expect(shrinkToFit({ value, maxChars: size(value) })).toStrictEqual({ value, cuts: [] });
    expect(serializedLength(undefined)).toBe(0);
  });

  it('a string of 200 characters is not worth cutting; of 201 it is, keeping at least 100', () => {
    expect(shrinkToFit({ value: 'x'.repeat(200), maxChars: 10 })).toStrictEqual({ value: 'x'.repeat(200), cuts: [] });
    expect(shrinkToFit({ value: 'x'.repeat(201), maxChars: 10 })).toStrictEqual({ value: `${'x'.repeat(100)}…`, cuts: [{ pointer: '', kept: 100, of: 201, unit: 'characters' }] });
  });

  it('one character over: a string keeps all but the last 100, a list all but its last item', () => {
    const text = 'y'.repeat(250);
    expect(shrinkToFit({ value: text, maxChars: size(text) - 1 }).cuts).toStrictEqual([{ pointer: '', kept: 150, of: 250, unit: 'characters' }]);
    const list = ['a', 'b', 'c'];
    expect(shrinkToFit({ value: list, maxChars: size(list) - 1 })).toStrictEqual({ value: ['a', 'b'], cuts: [{ pointer: '', kept: 2, of: 3, unit: 'items' }] });
  });

  it('a container of one entry, or of none, is never cut itself', () => {
    const oneKey = { ['k'.repeat(300)]: 1 };
    expect(shrinkToFit({ value: oneKey, maxChars: 100 })).toStrictEqual({ value: oneKey, cuts: [] });
    expect(shrinkToFit({ value: {}, maxChars: 1 })).toStrictEqual({ value: {}, cuts: [] });
  });

  it('a list whose larger item is exactly half of it: the item is cut, not the list', () => {
    const value = ['a'.repeat(500), 'b'.repeat(497)];
    expect(size(value)).toBe(2 * size(value[0]));
    expect(shrinkToFit({ value, maxChars: 900 }).cuts.map((cut) => cut.pointer)).toStrictEqual(['/0']);
  });

  it('keys with / and ~ are escaped in the pointer and found again; parts inside lists are reached', () => {
    const value = { 'a/b~c': 'z'.repeat(3000), list: [{ id: 1, body: 'w'.repeat(3000) }] };
    const result = shrinkToFit({ value, maxChars: 2500 });
    expect(result.cuts.map((cut) => cut.pointer).sort()).toStrictEqual(['/a~1b~0c', '/list/0/body']);
    expect(size(result.value)).toBeLessThanOrEqual(2500);
    expect((result.value as { list: { id: number }[] }).list[0]!.id).toBe(1);
  });
});
