import { describe, expect, it } from 'vitest';
import { redact, redactValue } from '../../templates/runtime/redaction.ts';

type Case = { readonly name: string; readonly text: string; readonly secrets: readonly string[]; readonly want: string };

describe('redact', () => {
  it.each<Case>([
    { name: 'a known secret, every occurrence', text: 'key tok123 and again tok123.', secrets: ['tok123'], want: 'key [redacted] and again [redacted].' },
    { name: 'a secret inside a word or URL', text: 'https://h/x?api_key=tok123&y=1', secrets: ['tok123'], want: 'https://h/x?api_key=[redacted]&y=1' },
    { name: 'several secrets', text: 'user:pass is dXNlcjpwYXNz', secrets: ['user:pass', 'dXNlcjpwYXNz'], want: '[redacted] is [redacted]' },
    { name: 'regex characters in a secret are literal', text: 'a.b*c+ and axbbc', secrets: ['a.b*c+'], want: '[redacted] and axbbc' },
    { name: 'a 4-character secret is replaced', text: 'pin abcd', secrets: ['abcd'], want: 'pin [redacted]' },
    {
      name: 'a secret shorter than 4 characters is left alone: replacing it would shred ordinary text and reveal the secret by what was blanked',
      text: 'abc is in alphabet abc',
      secrets: ['abc'],
      want: 'abc is in alphabet abc',
    },
    { name: 'an empty secret is ignored', text: 'nothing to hide', secrets: [''], want: 'nothing to hide' },
    { name: 'Bearer-shaped credentials, even unknown ones', text: 'Authorization: Bearer eyJhbGciOi.J9-x_y~z+/=', secrets: [], want: 'Authorization: Bearer [redacted]' },
    { name: 'Basic-shaped credentials, even unknown ones', text: 'sent Basic dXNlcjpwYXNz= to the server', secrets: [], want: 'sent Basic [redacted] to the server' },
    { name: 'every Bearer occurrence', text: 'Bearer a1 then Bearer b2', secrets: [], want: 'Bearer [redacted] then Bearer [redacted]' },
    { name: 'a known secret after Bearer is redacted once, not twice', text: 'Bearer tok123', secrets: ['tok123'], want: 'Bearer [redacted]' },
    { name: 'a word after Basic is not a credential', text: 'the Basic plan', secrets: [], want: 'the Basic plan' },
    { name: 'letters only: 16 are credential-shaped', text: 'Bearer abcdefghijklmnop', secrets: [], want: 'Bearer [redacted]' },
    { name: 'letters only: 15 are not', text: 'Bearer abcdefghijklmno', secrets: [], want: 'Bearer abcdefghijklmno' },
    { name: 'several spaces after the scheme', text: 'Bearer   a1', secrets: [], want: 'Bearer [redacted]' },
    { name: 'a scheme in any letter case (RFC 9110: case-insensitive)', text: 'authorization: bearer a1, BASIC b2', secrets: [], want: 'authorization: bearer [redacted], BASIC [redacted]' },
    { name: 'text without secrets is unchanged', text: '{"id":1,"status":"open"}', secrets: ['tok123'], want: '{"id":1,"status":"open"}' },
  ])('$name', ({ text, secrets, want }) => expect(redact({ text, secrets })).toStrictEqual(want));
});

describe('redactValue', () => {
  it('reaches every string: in arrays, arrays of arrays, and arrays inside objects inside arrays', () => {
    const value = { list: ['tok123', ['x tok123', [{ tags: ['tok123'] }]]], n: 1, none: null };
    expect(redactValue({ value, secrets: ['tok123'] })).toStrictEqual({ list: ['[redacted]', ['x [redacted]', [{ tags: ['[redacted]'] }]]], n: 1, none: null });
  });

  it('returns a value with nothing to redact as it is, not a copy (the per-call walk allocates nothing then)', () => {
    const value = { items: [{ id: 1, name: 'open' }], meta: { next: null } };
    const redacted = redactValue({ value, secrets: ['tok123'] });
    expect(redacted).toBe(value);
  });

  it('copies only the path to a secret: the input stays untouched, untouched siblings are shared, key order is kept', () => {
    const clean = { id: 1 };
    const value = { first: clean, second: ['a', 'tok123'], third: 'b' };
    const redacted = redactValue({ value, secrets: ['tok123'] });
    expect(redacted).toStrictEqual({ first: { id: 1 }, second: ['a', '[redacted]'], third: 'b' });
    expect(Object.keys(redacted)).toStrictEqual(['first', 'second', 'third']);
    expect(redacted.first).toBe(clean);
    expect(value.second).toStrictEqual(['a', 'tok123']);
  });

  it('redacts a secret in a key that is not the first, keeping the keys before it', () => {
    const value = JSON.parse('{"a":1,"__proto__":{"x":2},"key tok123":3}') as Record<string, unknown>;
    const redacted = redactValue({ value, secrets: ['tok123'] });
    expect(Object.keys(redacted)).toStrictEqual(['a', '__proto__', 'key [redacted]']);
    expect(Object.getPrototypeOf(redacted)).toBe(Object.prototype);
    expect(value).toHaveProperty(['key tok123'], 3);
  });
});
