import { describe, expect, it } from 'vitest';
import * as zod from 'zod';
import { distinctItems, propertyCount, requiredKeys } from '../../templates/runtime/json-schema-checks.ts';

const issues = (result: ReturnType<zod.ZodType['safeParse']>) => (result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path, message: issue.message })));

describe('distinctItems (uniqueItems: true)', () => {
  const list = zod.array(zod.unknown()).superRefine(distinctItems());

  it('names each repeat and the item it repeats', () => {
    expect(issues(list.safeParse(['a', 'b', 'a', 'a']))).toEqual([
      { path: [2], message: 'item 2 repeats item 0; the list takes each value once' },
      { path: [3], message: 'item 3 repeats item 0; the list takes each value once' },
    ]);
  });

  it('compares JSON values: key order aside, nested arrays in order, types apart', () => {
    expect(issues(list.safeParse([{ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 }]))).toEqual([{ path: [1], message: 'item 1 repeats item 0; the list takes each value once' }]);
    expect(list.safeParse([[1, 2], [2, 1]]).success).toBe(true);
    expect(list.safeParse([[1, 23], [12, 3]]).success).toBe(true);
    expect(list.safeParse([1, '1', true, 'true', null, 'null', {}, []]).success).toBe(true);
    expect(list.safeParse([{ a: null }, { a: 'null' }]).success).toBe(true);
  });

  it('takes no item and one item', () => {
    expect(list.safeParse([]).success).toBe(true);
    expect(list.safeParse([{}]).success).toBe(true);
  });
});

describe('propertyCount (minProperties, maxProperties)', () => {
  const between = zod.record(zod.string(), zod.unknown()).superRefine(propertyCount({ min: 1, max: 2 }));

  it('passes exactly at each bound and refuses one past it, saying how many', () => {
    expect(issues(between.safeParse({}))).toEqual([{ path: [], message: 'has 0 field(s); at least 1 required' }]);
    expect(between.safeParse({ a: 1 }).success).toBe(true);
    expect(between.safeParse({ a: 1, b: 2 }).success).toBe(true);
    expect(issues(between.safeParse({ a: 1, b: 2, c: 3 }))).toEqual([{ path: [], message: 'has 3 field(s); at most 2 allowed' }]);
  });

  it('checks only the bounds it is given', () => {
    expect(zod.record(zod.string(), zod.unknown()).superRefine(propertyCount({ max: 0 })).safeParse({}).success).toBe(true);
    expect(zod.record(zod.string(), zod.unknown()).superRefine(propertyCount({ min: 3 })).safeParse({ a: 1, b: 2, c: 3, d: 4 }).success).toBe(true);
  });
});

describe('requiredKeys (required names the properties leave out)', () => {
  const object = zod.looseObject({}).superRefine(requiredKeys(['a', 'b']));

  it('names each missing key; present ones pass, whatever their value', () => {
    expect(issues(object.safeParse({}))).toEqual([
      { path: ['a'], message: 'required' },
      { path: ['b'], message: 'required' },
    ]);
    expect(issues(object.safeParse({ a: null }))).toEqual([{ path: ['b'], message: 'required' }]);
    expect(object.safeParse({ a: undefined, b: 0 }).success).toBe(true);
  });
});
