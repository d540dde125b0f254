import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { stringify } from 'safe-stable-stringify';
import { describe, expect, it } from 'vitest';
import { canonicalSha256, streamedCanonicalSha256 } from '../../generator/shared/canonical-sha256.ts';

/** The definition the recorded digests were made with (generator/load/parse-document.ts before streaming). */
const libraryDigest = (data: unknown): string => createHash('sha256').update(stringify(data) ?? '').digest('hex');

const nested = (depth: number): unknown => (depth === 0 ? 'leaf' : { inner: nested(depth - 1) });

describe('the streamed canonical digest equals sha256 of safe-stable-stringify', () => {
  const plain: Record<string, unknown> = {
    'keys out of order, integer-like keys (numeric vs code unit order)': { b: 1, a: 2, '10': 3, '9': 4, '200': 5, default: 6, B: 7, _: 8 },
    'unicode: astral, combining, escapes, lone surrogates': { 'é': 'e\u0301', '😀': '\ud83d\ude00', '\ud800': 'x\udfff', tab: '\t\n\u0000\u001f"\\/', '\u2028': '\u2029' },
    'keys differing only after a shared prefix, and by surrogate vs BMP order': { ab: 1, a: 2, abc: 3, '\uffff': 4, '\ud83d\ude00': 5 },
    'numbers: -0, non-finite, exponents, fractions': [-0, 0, NaN, Infinity, -Infinity, 1e21, 1e-7, 0.1 + 0.2, -5e-324, Number.MAX_SAFE_INTEGER],
    'nested and empty arrays and objects': [[], [[]], {}, [{}], { a: [1, [2, [3, { b: [] }]]] }],
    'booleans and null': { t: true, f: false, n: null, list: [null, true, false] },
    'a "__proto__" key from JSON.parse, a "toJSON" that is not a function, a "length" key': JSON.parse('{"__proto__": {"x": 1}, "toJSON": "no", "length": 3, "constructor": 1}'),
    'an object without a prototype': Object.assign(Object.create(null) as object, { z: 1, a: { y: 2 } }),
    // Keys in reverse or scattered order around the insertion sort's bound (200): in place up to it, natively past it.
    'one key': { only: 1 },
    '200 keys, reversed': Object.fromEntries(Array.from({ length: 200 }, (_, index) => [`k${String(199 - index).padStart(3, '0')}`, index])),
    '201 keys, reversed': Object.fromEntries(Array.from({ length: 201 }, (_, index) => [`k${String(200 - index).padStart(3, '0')}`, index])),
    '257 keys, scattered': Object.fromEntries(Array.from({ length: 257 }, (_, index) => [`k${(index * 7919) % 1000}`, index])),
    'strings of 5,000 characters and more, with and without escapes': { plain: 'x'.repeat(5000), escaped: `${'y'.repeat(6000)}"\n`, short: 'x'.repeat(4999) },
    'one object at many places (shared, not circular)': (() => {
      const shared = { s: [1, 2] };
      return { a: shared, b: [shared, shared], c: { d: shared } };
    })(),
    'text longer than one hashed chunk': Array.from({ length: 3000 }, (_, index) => ({ index, name: `item ${index} ü` })),
    'a top-level string, number and null': ['just a string', 42, null],
    'nesting right below the walk\'s limit': nested(255),
    // 256 containers open at once is the walk's limit: reached in the array's first item, closed, and reached again beside it.
    'the limit reached, closed and reached again in a sibling': [nested(255), { after: nested(254) }, []],
  };

  for (const [name, value] of Object.entries(plain)) {
    it(`streams ${name}`, () => {
      expect(streamedCanonicalSha256(value)).toBe(libraryDigest(value));
      expect(canonicalSha256(value)).toBe(libraryDigest(value));
    });
  }

  it('streams top-level scalars', () => {
    for (const value of ['', 'a"b', 0, -0, NaN, true, false, null]) expect(streamedCanonicalSha256(value)).toBe(libraryDigest(value));
  });

  const circular = (): unknown => {
    const node: Record<string, unknown> = { name: 'loop' };
    node.self = { back: node };
    return node;
  };
  class Point {
    constructor(readonly x: number) {}
  }
  const hostile: Record<string, () => unknown> = {
    'undefined at the top': () => undefined,
    'undefined, a function and a symbol as object values (the library drops the key)': () => ({ a: undefined, b: () => 1, c: Symbol('s'), d: 1 }),
    'undefined and a function in an array (the library writes null)': () => [undefined, () => 1, 1],
    'a sparse array': () => [1, , 3],
    'a Date (toJSON)': () => ({ when: new Date(0) }),
    'an own toJSON': () => ({ toJSON: () => ({ replaced: true }) }),
    'a toJSON returning a scalar inside an array': () => [{ toJSON: () => 'text' }],
    'an array with a toJSON': () => Object.assign([1, 2], { toJSON: () => 'array' }),
    'a bigint': () => ({ big: 10n }),
    'a class instance': () => ({ point: new Point(3) }),
    'a Map and a Set': () => ({ map: new Map([['a', 1]]), set: new Set([1]) }),
    'a typed array': () => ({ bytes: new Uint8Array([1, 2, 3]) }),
    'a boxed string and number': () => [Object('text') as unknown, Object(1) as unknown],
    'a cycle (the library writes "[Circular]")': circular,
    'the limit reached in a first sibling, passed in a second': () => [nested(255), { after: nested(255) }],
    'nesting at and beyond the walk\'s limit': () => nested(300),
    'a function at the top': () => () => 1,
  };

  for (const [name, make] of Object.entries(hostile)) {
    it(`gives ${name} to the library`, () => {
      const value = make();
      expect(streamedCanonicalSha256(value)).toBeUndefined();
      expect(canonicalSha256(value)).toBe(libraryDigest(value));
    });
  }

  it('streams at exactly the depth limit and gives up one level deeper', () => {
    // nested(n) holds n objects around a string: the string is at depth n.
    expect(streamedCanonicalSha256(nested(256))).toBe(libraryDigest(nested(256)));
    expect(streamedCanonicalSha256(nested(257))).toBeUndefined();
  });

  it('agrees on generated JSON values, unicode keys and strings included', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.dictionary(fc.string({ unit: 'grapheme' }), fc.jsonValue({ maxDepth: 3 })), (value, record) => {
        expect(streamedCanonicalSha256(value)).toBe(libraryDigest(value));
        expect(streamedCanonicalSha256(record)).toBe(libraryDigest(record));
      }),
      { numRuns: 300 },
    );
  });
});
