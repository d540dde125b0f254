import { stripVTControlCharacters } from 'node:util';

/**
 * Invisible and bidirectional control characters let vendor data hide instructions from a human
 * reviewer while a model still reads them; terminal escapes (ANSI colours, cursor moves, OSC
 * titles) and other control characters rewrite what an operator's terminal or log viewer shows.
 * All are stripped from everything a vendor returns; tab, line feed and carriage return stay.
 * Stripping also keeps redaction whole: a secret with an invisible character inside no longer
 * matches, so it must be gone before `redact` looks.
 *
 * Hidden: soft hyphen, combining grapheme joiner, Arabic letter mark, Hangul fillers (U+115F,
 * U+1160, U+3164, U+FFA0), Mongolian variation selectors and vowel separator, zero-width and
 * direction marks, embeddings and overrides, invisible operators, isolates, variation selectors
 * (U+FE00-FE0F, U+E0100-E01EF: 256 of them can spell any byte), the byte order mark, and tag
 * characters. One exception: U+FE0F right after an emoji asks for its colour form (❤️ rather
 * than ❤) and stays; a second one, or one after anything else, shows nothing and goes.
 */
/** The hidden characters but U+FE0F, as the body of a `u`-flag character class: visible-json.ts escapes what this strips. */
export const HIDDEN_CLASS = '\\u00AD\\u034F\\u061C\\u115F\\u1160\\u180B-\\u180F\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u2069\\u3164\\uFE00-\\uFE0E\\uFEFF\\uFFA0\\u{E0000}-\\u{E007F}\\u{E0100}-\\u{E01EF}';
const HIDDEN = new RegExp(`[${HIDDEN_CLASS}]|(?<!\\p{Extended_Pictographic})\\uFE0F`, 'gu');
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

export function sanitizeText(text: string): string {
  return stripVTControlCharacters(text).replace(CONTROL, '').replace(HIDDEN, '');
}

/** Sanitizes every string (keys included) in parsed JSON. */
export function sanitizeValue(value: unknown): unknown {
  if (typeof value === 'string') return sanitizeText(value);
  if (Array.isArray(value)) return value.map(sanitizeValue);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [sanitizeText(key), sanitizeValue(inner)]));
  }
  return value;
}
