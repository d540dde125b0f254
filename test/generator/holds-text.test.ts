import { describe, expect, it } from 'vitest';
import { holdsText } from '../../generator/shared/holds-text.ts';

const text = '0.0.0-unstamped.vendor-mcp';

describe('holdsText', () => {
  it('finds the text in a nested string, a key, or a string that only contains it', () => {
    expect(holdsText({ value: { a: [{ b: `see ${text}!` }] }, text })).toBe(true);
    expect(holdsText({ value: { a: { [`x${text}`]: 1 } }, text })).toBe(true);
    expect(holdsText({ value: [1, null, true, text], text })).toBe(true);
  });

  it('says no when only a part of the text, or other values, are there', () => {
    expect(holdsText({ value: { a: ['0.0.0-unstamped', '.vendor-mcp'], n: 0, b: false, u: undefined }, text })).toBe(false);
    expect(holdsText({ value: text.slice(1), text })).toBe(false);
  });

  it('looks inside an object shared by several parents, and refuses a cycle as JSON.stringify did', () => {
    const shared = { deep: { value: text } };
    expect(holdsText({ value: { first: shared, second: shared }, text })).toBe(true);
    expect(holdsText({ value: { first: { x: 1 }, second: [shared, shared] }, text: 'nothing' })).toBe(false);
    const cyclic: Record<string, unknown> = { a: 'x' };
    cyclic['self'] = { back: cyclic };
    expect(() => holdsText({ value: cyclic, text })).toThrow(/circular/);
  });
});

describe('holdsText: an object shared by many parents is walked once', () => {
  /** Counts reads of each key of `value`'s own properties, to see how often the walk enters it. */
  function counted(value: Record<string, unknown>): { readonly value: Record<string, unknown>; readonly reads: () => number } {
    let reads = 0;
    const proxy = new Proxy(value, { ownKeys: (target) => ((reads += 1), Reflect.ownKeys(target)) });
    return { value: proxy, reads: () => reads };
  }

  it('a shared object without the text, under 0, 1 and many parents, is entered at most once', () => {
    for (const parents of [0, 1, 5]) {
      const shared = counted({ a: 'x', b: ['y'] });
      const value = { parents: Array.from({ length: parents }, () => ({ to: shared.value })) };
      expect(holdsText({ value, text })).toBe(false);
      expect(shared.reads()).toBe(Math.min(parents, 1));
    }
  });

  it('still finds the text in a later parent\'s own value after a shared object came back without it', () => {
    const shared = { a: 'x' };
    expect(holdsText({ value: [{ s: shared }, { s: shared }, { s: shared, own: text }], text })).toBe(true);
    expect(holdsText({ value: [{ s: shared }, { s: shared }], text: 'x' })).toBe(true);
  });

  it('a cycle below an object met before is still refused', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    const shared = { a: 'x' };
    expect(() => holdsText({ value: [shared, { shared, cyclic }], text })).toThrow(/circular/);
  });
});
