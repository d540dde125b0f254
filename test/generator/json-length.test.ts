import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactJsonLength } from '../../generator/shared/json-length.ts';

const shared = { type: 'object', properties: { id: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } } };

describe('compactJsonLength is JSON.stringify(value).length', () => {
  it.each<{ readonly name: string; readonly value: unknown }>([
    { name: 'an empty object', value: {} },
    { name: 'an empty array', value: [] },
    { name: 'one member', value: { a: 1 } },
    { name: 'one item', value: ['x'] },
    { name: 'many members and items', value: { a: 1, b: 'two', c: [true, false, null], d: { e: {} } } },
    { name: 'members JSON leaves out: undefined, a function, a symbol', value: { a: undefined, b: () => 1, c: Symbol('s'), d: 1 } },
    { name: 'only members JSON leaves out', value: { a: undefined } },
    { name: 'array items JSON writes as null', value: [undefined, () => 1, Symbol('s'), 1] },
    { name: 'escapes in keys and strings, non-ASCII', value: { 'a"b\\c\n': 'é\u2028\t"', 'ü': '\u0001' } },
    { name: 'numbers: negative zero, NaN, Infinity, large, small', value: [-0, Number.NaN, Number.POSITIVE_INFINITY, 1e21, 1e-7, 0.1] },
    { name: 'scalars at the root', value: 'text' },
    { name: 'null at the root', value: null },
    { name: 'an object with toJSON', value: { when: new Date(0), custom: { toJSON: () => ({ long: 'replacement' }) } } },
    { name: 'one subtree shared in many places', value: { a: shared, b: [shared, shared], c: { d: shared } } },
    { name: 'distinct objects and arrays of one content or of another', value: { a: [1], b: [1, 2, 3], c: [1], d: { x: 1 }, e: { x: 22 }, f: { x: 1 } } },
  ])('$name', ({ value }) => expect(compactJsonLength({ value, known: new Map() })).toBe(JSON.stringify(value).length));

  it('undefined at the root, which JSON.stringify does not print: 0', () => expect(compactJsonLength({ value: undefined, known: new Map() })).toBe(0));

  it('a shared subtree measured first inside one value, then inside another of another size', () => {
    const first = { wrap: shared };
    const second = { a: 'longer text here', list: [shared, { x: shared }] };
    const known = new Map<object, number>();
    expect([first, second, shared].map((value) => compactJsonLength({ value, known }))).toStrictEqual([first, second, shared].map((value) => JSON.stringify(value).length));
  });
});

describe('compactJsonLength with its remembered string lengths', () => {
  it('is JSON.stringify(value).length for any JSON, measured again and again with one memory of texts', () => {
    const known = new Map<object, number>();
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), fc.array(fc.string({ unit: 'binary' }), { maxLength: 6 }), (value, strings) => {
        // Keys and strings that need escapes, lone surrogates and astral characters, met before and after.
        const mixed = { value, strings, keyed: Object.fromEntries(strings.map((text, at) => [text, at % 2 === 0 ? text : [text]])) };
        expect(compactJsonLength({ value: mixed, known: new Map() })).toBe(JSON.stringify(mixed).length);
        expect(compactJsonLength({ value: mixed, known })).toBe(JSON.stringify(mixed).length);
      }),
      { numRuns: 300 },
    );
  });
});
