import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { knownKeysOnly } from '../../templates/runtime/known-keys.ts';

/** A loose object refined the way generated code uses the check: declared keys plus patterns. */
const schema = (allowed: readonly string[]) => z.looseObject({ name: z.string().optional() }).superRefine(knownKeysOnly({ known: ['name'], allowed }));
const unknownKeys = (input: { readonly allowed: readonly string[]; readonly value: Record<string, unknown> }) => {
  const parsed = schema(input.allowed).safeParse(input.value);
  return parsed.success ? [] : parsed.error.issues.map((issue) => ({ code: issue.code, keys: 'keys' in issue ? issue.keys : undefined }));
};

describe('knownKeysOnly', () => {
  it.each([
    { name: 'declared keys only', allowed: ['__c$'], value: { name: 'a' }, want: [] },
    { name: 'a key matching a pattern', allowed: ['__c$'], value: { name: 'a', Region__c: 'x' }, want: [] },
    { name: 'an unknown key, reported as zod reports one', allowed: ['__c$'], value: { name: 'a', regoin: 'x', other: 1 }, want: [{ code: 'unrecognized_keys', keys: ['regoin', 'other'] }] },
    // Any one pattern is enough: a key need not match them all.
    { name: 'a key matching the second of two patterns', allowed: ['__c$', '^x_'], value: { x_tag: 1 }, want: [] },
    // Patterns are Unicode (JSON Schema regexes): \p{Lu} is an upper-case letter, not "p{Lu}".
    { name: 'a Unicode property pattern', allowed: ['^\\p{Lu}+$'], value: { ÄÖ: 1 }, want: [] },
    { name: 'a Unicode property pattern, lower case', allowed: ['^\\p{Lu}+$'], value: { äö: 1 }, want: [{ code: 'unrecognized_keys', keys: ['äö'] }] },
    { name: 'no patterns', allowed: [], value: { Region__c: 'x' }, want: [{ code: 'unrecognized_keys', keys: ['Region__c'] }] },
  ])('$name', ({ allowed, value, want }) => expect(unknownKeys({ allowed, value })).toStrictEqual(want));
});
