import { describe, expect, it } from 'vitest';
import { conformToSchema, matchesSchema } from '../../templates/runtime/output-conformance.ts';

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
