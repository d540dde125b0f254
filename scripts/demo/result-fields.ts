/** Small readers for the views and saves of the workflows: results are untyped JSON. */

export type Json = Record<string, unknown>;

export function items(structured: Json, key = 'items'): Json[] {
  const value = structured[key];
  return Array.isArray(value) ? (value as Json[]) : [];
}

export function field(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((current, key) => (current !== null && typeof current === 'object' ? (current as Json)[key] : undefined), value);
}

/** The first 8 characters of a UUID: enough to tell records apart in a one-line view. */
export function shortId(id: unknown): string {
  return `${String(id).slice(0, 8)}…`;
}

/** `a, b ×2, c` in first-seen order. */
export function tally(values: readonly unknown[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(String(value), (counts.get(String(value)) ?? 0) + 1);
  return [...counts].map(([value, count]) => (count > 1 ? `${value} ×${count}` : value)).join(', ');
}
