import { stripVTControlCharacters } from 'node:util';

/**
 * Invisible and bidirectional control characters let vendor data hide instructions from a human
 * reviewer while a model still reads them; terminal escapes (ANSI colours, cursor moves, OSC
 * titles) and other control characters rewrite what an operator's terminal or log viewer shows.
 * All are stripped from everything a vendor returns; tab, line feed and carriage return stay.
 */
const HIDDEN = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|\uDB40[\uDC00-\uDC7F]/g;
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
