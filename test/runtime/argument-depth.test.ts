import { describe, expect, it } from 'vitest';
import { MAX_ARGUMENT_DEPTH, tooDeepMessage, tooDeepPath } from '../../templates/runtime/argument-depth.ts';

/** `levels` containers, alternately arrays and `{ inner }` objects, around `leaf`. */
function nested(input: { readonly levels: number; readonly leaf: unknown }): unknown {
  let value = input.leaf;
  for (let level = 0; level < input.levels; level += 1) value = level % 2 === 0 ? [value] : { inner: value };
  return value;
}

describe('tooDeepPath', () => {
  it('the bound is 32 levels', () => expect(MAX_ARGUMENT_DEPTH).toBe(32));

  it.each([
    { name: 'a scalar', value: 'x', want: undefined },
    { name: 'empty containers', value: { a: [], b: {} }, want: undefined },
    { name: '32 containers', value: nested({ levels: 32, leaf: 'leaf' }), want: undefined },
    // Only containers count: a scalar or null at level 32 is not nested deeper.
    { name: '32 containers around null', value: nested({ levels: 32, leaf: null }), want: undefined },
    { name: '33 containers: the path to the 33rd', value: nested({ levels: 33, leaf: 'leaf' }), want: Array.from({ length: 32 }, (_, level) => (level % 2 === 0 ? 0 : 'inner')) },
    { name: 'an empty container at level 32 is still one too deep', value: nested({ levels: 32, leaf: [] }), want: Array.from({ length: 32 }, (_, level) => (level % 2 === 0 ? 'inner' : 0)) },
  ])('$name', ({ value, want }) => expect(tooDeepPath(value)).toStrictEqual(want));

  it('names the deep branch beside shallow ones, through arrays and objects', () => {
    const got = tooDeepPath({ shallow: [1, { a: 2 }], deep: [{ x: nested({ levels: 31, leaf: 1 }) }] });
    expect(got?.slice(0, 3)).toStrictEqual(['deep', 0, 'x']);
    expect(got).toHaveLength(32);
  });

  it('a very deep value is walked without recursion', () => expect(tooDeepPath(nested({ levels: 200_000, leaf: 1 }))).toHaveLength(32));
});

describe('tooDeepMessage', () => {
  it('names the first three steps of the path', () =>
    expect(tooDeepMessage(['status', 0, 'inner', 0, 'inner'])).toBe('Arguments are nested more than 32 levels deep (under "status.0.inner…"); no tool takes that. Nothing was sent.'));
});
