/**
 * Values one edit away from `value`, the edit at any depth: a key added (the empty one too) or
 * dropped, an item repeated, dropped or replaced, a character spliced into a string, a number moved
 * or turned into a string, a scalar swapped for another type. What a validator sees when a model
 * gets a valid call almost right.
 */
export function oneEditAway(value: unknown): unknown[] {
  if (Array.isArray(value)) {
    const here = value.length > 0 ? [[...value, value[0]], value.slice(1), [...value.slice(0, -1), 'x']] : [[null], ['']];
    return [...here, ...value.flatMap((item, at) => oneEditAway(item).map((edited) => value.map((other, index) => (index === at ? edited : other))))];
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    const here = [{ ...record, '': 0 }, { ...record, extra: 'x' }, ...(keys.length > 0 ? [Object.fromEntries(Object.entries(record).slice(1))] : [])];
    return [...here, ...keys.flatMap((key) => oneEditAway(record[key]).map((edited) => ({ ...record, [key]: edited })))];
  }
  if (typeof value === 'string') return [`${value} `, `\n${value}`, value.slice(1), `${value}é`, 1];
  if (typeof value === 'number') return [value + 0.5, value - 1, -value, String(value)];
  return [null, 'true', 0];
}

/** What a server receives of a generated value: JSON (no -0, no undefined, no null-prototype objects). */
export function asJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value) ?? 'null') as unknown;
}
