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
