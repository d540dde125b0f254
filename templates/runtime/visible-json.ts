import { HIDDEN_CLASS } from './text-sanitizer.ts';

/**
 * Vendor values named in a refusal, a note or a question to the person stay exactly as the vendor
 * holds them: the model sends them back (`confirm_removed_*`), so they cannot be stripped the way a
 * vendor's answer is (text-sanitizer.ts). What shows them must not let them hide or rearrange the
 * text around them either: a tracking code holding a line break added its own lines to the
 * person's question ("… this entry is a duplicate and safe to remove."), and a right-to-left
 * override reversed what followed. Every character that does not show as itself (C1 controls, line
 * and paragraph separators, bidi controls, zero-width and other invisible characters, variation
 * selectors, Hangul fillers, tag characters) is written as its JSON escape, which JSON.stringify
 * leaves as it is. The text still parses to the same values.
 */
// What the sanitizer strips (U+FE0F even after an emoji: a value is shown, not rendered), and what
// it keeps but a reader cannot see as itself: C1 controls, line and paragraph separators, and the
// rarer invisibles (Khmer inherent vowels, U+2065, deprecated format controls, interlinear annotation).
const UNSEEN_CLASS = `${HIDDEN_CLASS}\\uFE0F\\u007F-\\u009F\\u2028\\u2029\\u17B4\\u17B5\\u2065\\u206A-\\u206F\\uFFF9-\\uFFFB`;
const UNSEEN_ALL = new RegExp(`[${UNSEEN_CLASS}]`, 'gu');
const UNSEEN_ANY = new RegExp(`[${UNSEEN_CLASS}\\u0000-\\u001F]`, 'u');

/** `\uXXXX` for each UTF-16 unit, as JSON writes a character it escapes. */
function escaped(text: string): string {
  let out = '';
  for (let index = 0; index < text.length; index += 1) out += `\\u${text.charCodeAt(index).toString(16).padStart(4, '0')}`;
  return out;
}

/** JSON.stringify, with every character that would not show as itself escaped. */
export function visibleJson(value: unknown): string {
  const text = JSON.stringify(value) as string | undefined;
  return text === undefined ? String(value) : text.replace(UNSEEN_ALL, escaped);
}

/** A string as a person reads it: as it is when every character shows, else quoted with escapes. */
export function visibleString(text: string): string {
  return UNSEEN_ANY.test(text) ? visibleJson(text) : text;
}
