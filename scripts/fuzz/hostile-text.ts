/**
 * Text a model (or an attacker steering one) might put in an argument. The URL-shaped entries try
 * to climb out of a path segment, start a query or fragment, or move the request to another host;
 * the rest try to confuse whoever reads the text back (BiDi overrides, zero-width joiners, controls).
 */
export const URL_HOSTILE = [
  '..', '.', '../', '../../admin', '..%2f..%2f', '%2e%2e', '%2E%2E%2F', '.%2e', '%2e.', '..;/', '..\\..\\',
  '/', '//evil.host', '//evil.host/x', 'http://evil.host/', 'https://evil.host@127.0.0.1/', '@evil.host', 'user@evil.host',
  '{id}', '{recordId}', '{{id}}', '${id}', '?x=1', '?', '&x=1', '#', '#frag', 'a/b', 'a?b#c', '%00', '%', '%zz', ';x=1',
  ' ', '\t', 'a b', '+', 'a+b', '\r\nX-Injected: 1', '\n', '\u0000', 'search', 'external', 'autocomplete',
] as const;

export const UNICODE_HOSTILE = [
  '\u202Eevil\u202C', '\u2066isolate\u2069', 'zero\u200Bwidth', 'join\u200D\u200C', '\uFEFFbom', 'e\u0301', '\u{1F600}', '\u{1F469}\u200D\u{1F4BB}',
  '\uD800', '\uDFFF', 'ｆｕｌｌ', 'İ', 'ß', '\u0085', '\u2028', '\u2029', '\u00A0', '\u3000', 'שלום', 'مرحبا', '漢字',
] as const;

export const HOSTILE_TEXT: readonly string[] = [...URL_HOSTILE, ...UNICODE_HOSTILE];

/** Characters that, mixed into ordinary text, make it hostile. */
export const HOSTILE_CHARS: readonly string[] = ['/', '.', '%', '?', '#', '&', '=', '@', '{', '}', ':', '\\', ' ', '+', ';', '\u202E', '\u200B', '\u200D', '\uFEFF', '\u0000', '\n', '\u{1F600}', 'é'];
