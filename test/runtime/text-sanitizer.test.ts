import { describe, expect, it } from 'vitest';
import { sanitizeText, sanitizeValue } from '../../templates/runtime/text-sanitizer.ts';
import { successResult } from '../../templates/runtime/tool-result.ts';
import { errorResult } from '../../templates/runtime/vendor-response.ts';
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
    const failed = errorResult({ response: vendorResponse({ status: 400, text: JSON.stringify({ message: 'bad\u2066 field' }) }), secrets: [], argFor: (w) => w, credentialNames: [] });
    expect(failed.structuredContent).toMatchObject({ status: 400, message: 'bad field' });
  });
});
