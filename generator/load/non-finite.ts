import { joinPointer } from '../shared/json-pointer.ts';

/**
 * Where parsed data holds a number that is not finite: YAML's `.inf`/`.nan`, or a JSON number past
 * about 1.8e308, which JSON.parse reads as Infinity. JSON has neither, so a listing would carry
 * `null` in its place (`"maximum": null`) and a validator `z.literal(null)`: they are refused. Runs
 * only when the content hash's walk saw one or gave up (streamedDigest); an explicit stack, as documents nest deep.
 */
export function nonFinitePointers(data: unknown): { readonly pointer: string; readonly value: number }[] {
  const found: { pointer: string; value: number }[] = [];
  const stack: { readonly value: unknown; readonly pointer: string }[] = [{ value: data, pointer: '' }];
  // A YAML alias can make the data a graph, even a cycle: each object is searched once, at the first pointer met.
  const seen = new WeakSet<object>();
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value, pointer } = next;
    if (typeof value === 'number' && !Number.isFinite(value)) found.push({ pointer, value });
    else if (typeof value === 'object' && value !== null && !seen.has(value)) {
      seen.add(value);
      const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
      for (let index = entries.length - 1; index >= 0; index--) stack.push({ value: entries[index]![1], pointer: joinPointer(pointer, entries[index]![0]) });
    }
  }
  return found;
}
