/**
 * Whether any string or key inside a JSON-like value contains `text`: what
 * `JSON.stringify(value).includes(text)` answers for text with nothing JSON would escape, without
 * building that string. Each object is visited once: a large spec's IR shares its resolved schemas
 * by reference, and its JSON (hundreds of MB on Microsoft Graph) repeated them at every use.
 */
export function holdsText(input: { readonly value: unknown; readonly text: string }): boolean {
  const seen = new Set<object>();
  const pending: unknown[] = [input.value];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') {
      if (value.includes(input.text)) return true;
    } else if (typeof value === 'object' && value !== null && !seen.has(value)) {
      seen.add(value);
      for (const [key, item] of Object.entries(value)) {
        if (key.includes(input.text)) return true;
        pending.push(item);
      }
    }
  }
  return false;
}
