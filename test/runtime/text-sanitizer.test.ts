import { describe, expect, it } from 'vitest';
import { sanitizeText, sanitizeValue } from '../../templates/runtime/text-sanitizer.ts';
import { successResult } from '../../templates/runtime/tool-result.ts';
import { errorResult, parseBody } from '../../templates/runtime/vendor-response.ts';
import { tool, vendorResponse } from './support.ts';

describe('vendor text is sanitized', () => {
  it.each([
    { name: 'right-to-left override', given: 'safe\u202Etxt.exe', want: 'safetxt.exe' },
    { name: 'BiDi isolates', given: '\u2066a\u2067b\u2068c\u2069', want: 'abc' },
    { name: 'zero-width space, joiners and marks', given: 'ig\u200Bnore\u200C\u200D\u200E\u200F', want: 'ignore' },
    { name: 'soft hyphen, BOM, word joiner, Mongolian vowel separator', given: '\u00ADa\uFEFFb\u2060c\u180E', want: 'abc' },
    { name: 'Unicode tag characters (hidden ASCII)', given: 'ok\u{E0001}\u{E0069}\u{E0067}\u{E007F}', want: 'ok' },
    { name: 'ordinary text, accents and emoji are untouched', given: 'Café déjà vu 📦 — “ok”', want: 'Café déjà vu 📦 — “ok”' },
    { name: 'ANSI colour and cursor escapes', given: '\u001b[31mred\u001b[0m \u001b[2J\u001b[1;1Hdone', want: 'red done' },
    { name: 'an OSC terminal-title escape', given: '\u001b]0;pwned\u0007title', want: 'title' },
    { name: 'other C0 and C1 controls, NUL, DEL', given: 'a\u0000b\u0008c\u007fd\u009be\u0085f', want: 'abcdef' },
    { name: 'tab, line feed and carriage return stay', given: 'a\tb\nc\r\nd', want: 'a\tb\nc\r\nd' },
  ])('$name', ({ given, want }) => expect(sanitizeText(given)).toBe(want));

  it('walks keys and values of parsed JSON', () => {
    expect(sanitizeValue({ 'no\u200Bte': ['a\u202Eb', 1, null, { x: '\u2066y' }] })).toStrictEqual({ note: ['ab', 1, null, { x: 'y' }] });
  });

  it('applies to successful results, text renderings and error messages', () => {
    const read = tool({ name: 'read', http: { method: 'GET', path: '/x', args: {} } });
    const ok = successResult({ tool: read, response: vendorResponse({ status: 200, text: JSON.stringify({ note: 'pay\u202Enow' }) }), maxChars: 10_000, secrets: [] });
    expect(ok.structuredContent).toStrictEqual({ note: 'paynow' });
    expect(JSON.stringify(ok.content)).not.toContain('\u202E');
    const page = successResult({ tool: read, response: vendorResponse({ status: 502, contentType: 'text/html', text: '<html><title>Bad\u200B gateway</title></html>' }), maxChars: 10_000, secrets: [] });
    expect(JSON.stringify(page.content)).toContain('Bad gateway');
    const failed = errorResult({ response: vendorResponse({ status: 400, text: JSON.stringify({ message: 'bad\u2066 field' }) }), method: 'GET', secrets: [], argFor: (w) => w, credentialNames: [] });
    expect(failed.structuredContent).toMatchObject({ status: 400, message: 'bad field' });
  });
});

describe('the edges of every stripped range', () => {
  const hex = (code: number) => code.toString(16).toUpperCase().padStart(4, '0');
  // Each range's first and last code point go; its neighbours outside stay.
  it.each([
    { range: 'C0 controls', gone: [0x00, 0x08, 0x0b, 0x0c, 0x0e, 0x1f], kept: [0x09, 0x0a, 0x0d, 0x20] },
    { range: 'DEL and C1 controls', gone: [0x7f, 0x9f], kept: [0x7e, 0xa0] },
    { range: 'soft hyphen, Arabic letter mark', gone: [0xad, 0x61c], kept: [0xac, 0xae, 0x61b, 0x61d] },
    { range: 'combining grapheme joiner', gone: [0x34f], kept: [0x34e, 0x350] },
    { range: 'Hangul fillers', gone: [0x115f, 0x1160, 0x3164, 0xffa0], kept: [0x115e, 0x1161, 0x3163, 0x3165, 0xff9f, 0xffa1] },
    { range: 'Mongolian variation selectors and vowel separator', gone: [0x180b, 0x180e, 0x180f], kept: [0x180a, 0x1810] },
    { range: 'variation selectors 1-16 (16 after no emoji)', gone: [0xfe00, 0xfe0e, 0xfe0f], kept: [0xfdff, 0xfe10] },
    { range: 'variation selectors 17-256', gone: [0xe0100, 0xe01ef], kept: [0xe00ff, 0xe01f0] },
    { range: 'zero-width and direction marks', gone: [0x200b, 0x200f], kept: [0x200a, 0x2010] },
    { range: 'embeddings and overrides', gone: [0x202a, 0x202e], kept: [0x2029, 0x202f] },
    { range: 'invisible operators', gone: [0x2060, 0x2064], kept: [0x205f, 0x2065] },
    { range: 'isolates', gone: [0x2066, 0x2069], kept: [0x206a] },
    { range: 'byte order mark', gone: [0xfeff], kept: [0xfefe, 0xff00] },
    { range: 'tag characters', gone: [0xe0000, 0xe007f], kept: [0xe0080, 0x1f600] },
  ])('$range', ({ gone, kept }) => {
    for (const code of gone) expect(sanitizeText(`a${String.fromCodePoint(code)}b`), `U+${hex(code)} is stripped`).toBe('ab');
    for (const code of kept) expect(sanitizeText(`a${String.fromCodePoint(code)}b`), `U+${hex(code)} stays`).toBe(`a${String.fromCodePoint(code)}b`);
  });

  it('every occurrence goes, not only the first', () => expect(sanitizeText('a\u200Bb\u200Bc\u0000d\u0000e')).toBe('abcde'));
});

describe('U+FE0F stays only where it asks an emoji for its colour form', () => {
  it.each([
    { name: 'after a BMP emoji (heavy black heart)', given: '\u2764\uFE0F', want: '\u2764\uFE0F' },
    { name: 'after an emoji in Latin-1 (copyright sign)', given: '\u00A9\uFE0F', want: '\u00A9\uFE0F' },
    { name: 'after an astral emoji', given: 'ok \u{1F4E6}\uFE0F', want: 'ok \u{1F4E6}\uFE0F' },
    { name: 'a second one after the emoji goes', given: '\u2764\uFE0F\uFE0F', want: '\u2764\uFE0F' },
    { name: 'after a letter it goes', given: 'a\uFE0Fb', want: 'ab' },
    { name: 'at the start it goes', given: '\uFE0Fa', want: 'a' },
    { name: 'after a hidden character that follows an emoji it goes too', given: '\u{1F600}\u200B\uFE0F', want: '\u{1F600}' },
    { name: 'a keycap digit is no emoji by itself: the keycap mark stays, the selector goes', given: '1\uFE0F\u20E3', want: '1\u20E3' },
    { name: 'U+FE0E (text form) goes even after an emoji', given: '\u2764\uFE0E', want: '\u2764' },
  ])('$name', ({ given, want }) => expect(sanitizeText(given)).toBe(want));
});

describe('a secret with a hidden character inside is still redacted', () => {
  const SECRET = 'sk_test_SUPERSECRETKEY1234567890';
  const hex = (code: number) => code.toString(16).toUpperCase().padStart(4, '0');
  // The first and last code point of each range the sanitizer strips.
  it.each([0x34f, 0x115f, 0x1160, 0x180b, 0x180f, 0x200b, 0x3164, 0xfe00, 0xfe0f, 0xffa0, 0xe0000, 0xe007f, 0xe0100, 0xe01ef].map((code) => ({ code, name: `U+${hex(code)}` })))('$name inside the secret', ({ code }) => {
    const hidden = `${SECRET.slice(0, 10)}${String.fromCodePoint(code)}${SECRET.slice(10)}`;
    const body = JSON.stringify({ note: `key ${hidden}`, [`k_${hidden}`]: 1 });
    expect(parseBody({ response: { status: 200, statusText: 'OK', contentType: 'application/json', text: body, headers: new Headers(), receivedAt: 0 }, secrets: [SECRET] })).toStrictEqual({ value: { note: 'key [redacted]', 'k_[redacted]': 1 } });
  });
});
