/**
 * Whether any string or key inside a JSON-like value contains `text`: what
 * `JSON.stringify(value).includes(text)` answers for text with nothing JSON would escape, without
 * building that string (hundreds of MB for Microsoft Graph's IR, whose resolved schemas repeat at
 * every use; the walk is ~50× faster than stringifying). Like JSON.stringify, it refuses a cycle.
 */
export function holdsText(input: { readonly value: unknown; readonly text: string }): boolean {
  const { text } = input;
  const ancestors = new Set<object>();
  const holds = (value: unknown): boolean => {
    if (typeof value === 'string') return value.includes(text);
    if (typeof value !== 'object' || value === null) return false;
    if (ancestors.has(value)) throw new TypeError('holdsText: the value is circular');
    ancestors.add(value);
    // Plain indexed loops: Object.entries would allocate a pair for each of millions of properties,
    // and for...of an iterator result per step until the loop is optimised (~9 MB on GitHub).
    let found = false;
    if (Array.isArray(value)) for (let index = 0; index < value.length && !found; index += 1) found = holds(value[index]);
    else {
      const keys = Object.keys(value);
      for (let index = 0; index < keys.length && !found; index += 1) {
        const key = keys[index] as string;
        found = key.includes(text) || holds((value as Record<string, unknown>)[key]);
      }
    }
    ancestors.delete(value);
    return found;
  };
  return holds(input.value);
}
