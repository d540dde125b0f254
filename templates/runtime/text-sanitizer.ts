/**
 * Invisible and bidirectional control characters let vendor data hide instructions from a human
 * reviewer while a model still reads them. They are stripped from everything a vendor returns.
 */
const HIDDEN = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|\uDB40[\uDC00-\uDC7F]/g;

export function sanitizeText(text: string): string {
  return text.replace(HIDDEN, '');
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
