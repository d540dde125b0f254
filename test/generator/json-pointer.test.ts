import { describe, expect, it } from 'vitest';
import { resolvePointer } from '../../generator/shared/json-pointer.ts';

describe('resolvePointer (RFC 6901)', () => {
  const doc = { list: ['a', 'b'], 'x/y': { '~': 1 }, obj: { length: 7 } };
  it.each([
    { pointer: '', want: doc },
    { pointer: '/list/0', want: 'a' },
    { pointer: '/list/1', want: 'b' },
    { pointer: '/list/2', want: undefined },
    // An array's tokens are indices or `-`: its own `length` is not a member.
    { pointer: '/list/length', want: undefined },
    { pointer: '/list/-', want: undefined },
    { pointer: '/obj/length', want: 7 },
    { pointer: '/x~1y/~0', want: 1 },
    { pointer: '/obj/toString', want: undefined },
  ])('$pointer', ({ pointer, want }) => expect(resolvePointer(doc, pointer)).toStrictEqual(want));
});
