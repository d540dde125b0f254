import { describe, expect, it } from 'vitest';
import { dropLengthsThePatternFixes, fixedPatternLength } from '../../generator/ir/from-openapi/pattern-length.ts';

describe('fixedPatternLength', () => {
  it.each([
    { pattern: '^DG[0-9a-fA-F]{32}$', want: 34 },
    { pattern: '^[A-Z]{2}$', want: 2 },
    { pattern: '^\\d{4}-\\d{2}$', want: 7 },
    { pattern: '^a\\.b$', want: 3 },
    { pattern: '^[\\]x]{3}$', want: 3 },
    { pattern: '^$', want: 0 },
    { pattern: '^[A-Z]{2,3}$', want: undefined },
    { pattern: '^[a-z]+$', want: undefined },
    { pattern: '^ab?$', want: undefined },
    { pattern: '^(ab){2}$', want: undefined },
    { pattern: '^a|b$', want: undefined },
    { pattern: '[A-Z]{2}$', want: undefined },
    { pattern: '^[A-Z]{2}', want: undefined },
    { pattern: '^\\bab$', want: undefined },
    { pattern: '^a\\$', want: undefined },
    // An escaped backslash before the end anchor: the pattern is anchored and fixes two characters.
    { pattern: '^a\\\\$', want: 2 },
    { pattern: '^a\\\\\\$', want: undefined },
    { pattern: 'ab$', want: undefined },
    { pattern: '^ab', want: undefined },
    { pattern: '^[ab$', want: undefined },
    { pattern: '^\\x41$', want: 1 },
    { pattern: '^\\u0041$', want: 1 },
    { pattern: '^\\b\\d$', want: undefined },
  ])('$pattern → $want', ({ pattern, want }) => expect(fixedPatternLength(pattern)).toBe(want));
});

describe('dropLengthsThePatternFixes', () => {
  it.each([
    { given: { pattern: '^DG[0-9a-f]{32}$', minLength: 34, maxLength: 34 }, want: { pattern: '^DG[0-9a-f]{32}$' } },
    { given: { pattern: '^[A-Z]{2}$', minLength: 1, maxLength: 5 }, want: { pattern: '^[A-Z]{2}$' } },
    // A bound the pattern does not keep stays: nothing matches, and the listing must say so.
    { given: { pattern: '^[A-Z]{2}$', minLength: 3, maxLength: 1 }, want: { pattern: '^[A-Z]{2}$', minLength: 3, maxLength: 1 } },
    { given: { pattern: '^[A-Z]+$', minLength: 2, maxLength: 2 }, want: { pattern: '^[A-Z]+$', minLength: 2, maxLength: 2 } },
    { given: { minLength: 2, maxLength: 2 }, want: { minLength: 2, maxLength: 2 } },
    // Bounds that are not numbers are not this step's to judge: they stay for the schema check.
    { given: { pattern: '^[A-Z]{2}$', minLength: '1', maxLength: '5' }, want: { pattern: '^[A-Z]{2}$', minLength: '1', maxLength: '5' } },
  ])('$given', ({ given, want }) => {
    const out: Record<string, unknown> = { ...given };
    dropLengthsThePatternFixes(out);
    expect(out).toStrictEqual(want);
  });
});
