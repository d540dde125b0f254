import { describe, expect, it } from 'vitest';
import { asJson, oneEditAway } from '../../scripts/fuzz/one-edit.ts';

describe('oneEditAway: a valid value almost right, the edit at any depth', () => {
  it('edits an empty array and an empty object in place', () => {
    expect(oneEditAway([])).toEqual([[null], ['']]);
    expect(oneEditAway({})).toEqual([{ '': 0 }, { extra: 'x' }]);
  });

  it('repeats, drops and replaces an item, and edits each item in turn', () => {
    expect(oneEditAway([1])).toEqual([[1, 1], [], ['x'], [1.5], [0], [-1], ['1']]);
  });

  it('adds a key, drops the first, and edits each value, keeping the others', () => {
    expect(oneEditAway({ a: true, b: 'x' })).toEqual([
      { a: true, b: 'x', '': 0 },
      { a: true, b: 'x', extra: 'x' },
      { b: 'x' },
      { a: null, b: 'x' },
      { a: 'true', b: 'x' },
      { a: 0, b: 'x' },
      { a: true, b: 'x ' },
      { a: true, b: '\nx' },
      { a: true, b: '' },
      { a: true, b: 'xé' },
      { a: true, b: 1 },
    ]);
  });
});

describe('asJson: what a server receives', () => {
  it('drops undefined, turns -0 into 0 and gives plain objects', () => {
    const value = asJson({ a: undefined, b: -0, c: Object.assign(Object.create(null) as object, { d: 1 }) }) as Record<string, unknown>;
    expect(value).toEqual({ b: 0, c: { d: 1 } });
    expect(Object.is(value['b'], 0)).toBe(true);
    expect(Object.getPrototypeOf(value['c'])).toBe(Object.prototype);
    expect(asJson(undefined)).toBeNull();
  });
});
