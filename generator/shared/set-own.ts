/**
 * Sets `record[name]` as an own property even for the name `__proto__`, as Object.fromEntries and
 * JSON.parse make it: plain assignment of that name would set the record's prototype instead, and
 * the key a document gave would vanish. Every record the generator builds from a document's keys
 * is filled through this.
 */
export function setOwn<T>(input: { readonly record: Record<string, T>; readonly name: string; readonly value: T }): void {
  if (input.name === '__proto__') Object.defineProperty(input.record, input.name, { value: input.value, enumerable: true, writable: true, configurable: true });
  else input.record[input.name] = input.value;
}
