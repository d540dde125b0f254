import { describe, expect, it } from 'vitest';
import { conformResult, conformToSchema, matchesSchema } from '../../templates/runtime/output-conformance.ts';

describe('matchesSchema: each JSON Schema type against each kind of value', () => {
  const VALUES = { null: null, boolean: false, string: '', number: 1.5, integer: 2, array: [], object: {} } as const;
  // Which of the values above each type admits (an integer is a number too).
  const ADMITS: Record<string, readonly (keyof typeof VALUES)[]> = {
    null: ['null'],
    boolean: ['boolean'],
    string: ['string'],
    number: ['number', 'integer'],
    integer: ['integer'],
    array: ['array'],
    object: ['object'],
  };
  it.each(Object.keys(ADMITS))('%s', (type) => {
    const admitted = (Object.keys(VALUES) as (keyof typeof VALUES)[]).filter((kind) => matchesSchema({ value: VALUES[kind], schema: { type } }));
    expect(admitted).toStrictEqual(ADMITS[type]);
  });

  it('an unknown type admits anything; a list of types admits any of them', () => {
    expect(matchesSchema({ value: 'x', schema: { type: 'date' } })).toBe(true);
    expect(matchesSchema({ value: null, schema: { type: ['string', 'null'] } })).toBe(true);
    expect(matchesSchema({ value: 3, schema: { type: ['string', 'null'] } })).toBe(false);
  });

  it('a number that is not a value is dropped where a number was promised', () => {
    expect(conformToSchema({ value: { n: Number.NaN }, schema: { type: 'object', properties: { n: { type: 'number' } } } })).toStrictEqual({ value: {}, dropped: ['/n'] });
  });
});

describe('conformToSchema: what is not a schema object constrains nothing', () => {
  it('properties only apply to an object: a string under a schema with properties but no type stays a string', () => {
    expect(conformToSchema({ value: 'hello', schema: { properties: { a: { type: 'string' } } } })).toStrictEqual({ value: 'hello', dropped: [] });
  });

  it.each([
    { name: 'properties null', value: { a: 1 }, schema: { properties: null } },
    { name: 'items null', value: [1, 'x'], schema: { items: null } },
  ])('$name: the value is kept as it is', ({ value, schema }) => {
    expect(conformToSchema({ value, schema })).toStrictEqual({ value, dropped: [] });
  });

  it('a dropped key with "~" or "/" is named as a JSON pointer escapes it (~0, ~1)', () => {
    const schema = { type: 'object', properties: { 'a~b': { type: 'string' }, 'c/d': { type: 'string' } } };
    expect(conformToSchema({ value: { 'a~b': 1, 'c/d': 2, e: 3 }, schema })).toStrictEqual({ value: { e: 3 }, dropped: ['/a~0b', '/c~1d'] });
  });
});

describe('conformToSchema: copy on write', () => {
  const schema = { type: 'object', properties: { items: { type: 'array', items: { type: 'object', properties: { n: { type: 'number' } } } }, tag: { type: 'string' } } };

  it('a value that conforms throughout is returned as it is, not copied', () => {
    const value = { items: [{ n: 1 }, { n: 2 }], tag: 'x', extra: { any: true } };
    expect(conformToSchema({ value, schema }).value).toBe(value);
  });

  it('a drop deep inside copies only the path to it, keeps key and item order, and leaves the input untouched', () => {
    const first = { n: 1 };
    const value = { items: [first, { n: 'two' }, { n: 3 }], tag: 'x', extra: { any: true } };
    const conformed = conformToSchema({ value, schema });
    expect(conformed).toStrictEqual({ value: { items: [{ n: 1 }, {}, { n: 3 }], tag: 'x', extra: { any: true } }, dropped: ['/items/1/n'] });
    expect(Object.keys(conformed.value as object)).toStrictEqual(['items', 'tag', 'extra']);
    expect((conformed.value as typeof value).items[0]).toBe(first);
    expect((conformed.value as typeof value).extra).toBe(value.extra);
    expect(value.items[1]).toStrictEqual({ n: 'two' });
  });

  it('a dropped first item or first key is left out, not copied as undefined', () => {
    expect(conformToSchema({ value: { items: [{ n: 'a' }, { n: 1 }] }, schema }).value).toStrictEqual({ items: [{}, { n: 1 }] });
    expect(conformToSchema({ value: { tag: 1, items: [] }, schema }).value).toStrictEqual({ items: [] });
    expect(conformToSchema({ value: [1, 'a', 2], schema: { type: 'array', items: { type: 'number' } } })).toStrictEqual({ value: [1, 2], dropped: ['/1'] });
  });
});

describe('conformResult', () => {
  const schema = { type: 'object', properties: { id: { type: 'string' }, count: { type: 'integer' } } };

  it('a result that fits is returned as it is', () => {
    const result = { content: [{ type: 'text' as const, text: 'ok' }], structuredContent: { id: 'a', count: 1 } };
    expect(conformResult({ result, schema })).toBe(result);
  });

  it('clashing fields leave structuredContent, and a note names each of them and keeps the full value', () => {
    const result = { content: [{ type: 'text' as const, text: 'ok' }], structuredContent: { id: 7, count: 'many', other: true } };
    expect(conformResult({ result, schema })).toStrictEqual({
      content: [
        { type: 'text', text: 'ok' },
        { type: 'text', text: 'These fields clash with the tool\'s output schema and are only in this text: /id, /count. Full structured value: {"id":7,"count":"many","other":true}' },
      ],
      structuredContent: { other: true },
    });
  });

  it('a result without structuredContent is left alone', () => {
    const result = { content: [{ type: 'text' as const, text: 'refused' }], isError: true };
    expect(conformResult({ result, schema })).toBe(result);
  });
});
