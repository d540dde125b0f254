import { describe, expect, it } from 'vitest';
import { sanitizeText, sanitizeValue } from '../../templates/runtime/text-sanitizer.ts';
import { errorResult, successResult } from '../../templates/runtime/vendor-response.ts';

describe('vendor text is sanitized', () => {
  it.each([
    { name: 'right-to-left override', given: 'safe\u202Etxt.exe', want: 'safetxt.exe' },
    { name: 'BiDi isolates', given: '\u2066a\u2067b\u2068c\u2069', want: 'abc' },
    { name: 'zero-width space, joiners and marks', given: 'ig\u200Bnore\u200C\u200D\u200E\u200F', want: 'ignore' },
    { name: 'soft hyphen, BOM, word joiner, Mongolian vowel separator', given: '\u00ADa\uFEFFb\u2060c\u180E', want: 'abc' },
    { name: 'Unicode tag characters (hidden ASCII)', given: 'ok\u{E0001}\u{E0069}\u{E0067}\u{E007F}', want: 'ok' },
    { name: 'ordinary text, accents and emoji are untouched', given: 'Café déjà vu 📦 — “ok”', want: 'Café déjà vu 📦 — “ok”' },
  ])('$name', ({ given, want }) => expect(sanitizeText(given)).toBe(want));

  it('walks keys and values of parsed JSON', () => {
    expect(sanitizeValue({ 'no\u200Bte': ['a\u202Eb', 1, null, { x: '\u2066y' }] })).toStrictEqual({ note: ['ab', 1, null, { x: 'y' }] });
  });

  it('applies to successful results, text renderings and error messages', () => {
    const ok = successResult({ status: 200, statusText: 'OK', contentType: 'application/json', text: JSON.stringify({ note: 'pay\u202Enow' }) });
    expect(ok.structuredContent).toStrictEqual({ note: 'paynow' });
    expect(JSON.stringify(ok.content)).not.toContain('\u202E');
    const plain = successResult({ status: 200, statusText: 'OK', contentType: 'text/plain', text: 'hi\u200B' });
    expect(plain.structuredContent).toStrictEqual({ status: 200, text: 'hi' });
    const failed = errorResult({ response: { status: 400, statusText: 'Bad Request', contentType: 'application/json', text: JSON.stringify({ message: 'bad\u2066 field' }) }, secrets: [] });
    expect(failed.structuredContent).toStrictEqual({ status: 400, message: 'bad field' });
  });
});
