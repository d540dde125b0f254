import type { z } from 'zod';

/**
 * JSON Schema keywords zod has no check for, as zod refinements: a tool lists them in its input
 * schema, so its validator enforces them too, and a call the listing forbids is refused before
 * anything is sent instead of reaching the vendor.
 */

/** A JSON value in one spelling whatever its objects' key order, as JSON Schema compares them. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(record[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** `uniqueItems: true`: no two items are the same JSON value; the refusal names both places. */
export function distinctItems() {
  return (items: readonly unknown[], context: z.RefinementCtx): void => {
    const seen = new Map<string, number>();
    items.forEach((item, at) => {
      const key = canonical(item);
      const first = seen.get(key);
      if (first === undefined) seen.set(key, at);
      else context.addIssue({ code: 'custom', path: [at], message: `item ${at} repeats item ${first}; the list takes each value once`, input: items });
    });
  };
}

/** `minProperties` / `maxProperties`: how many fields an object holds. */
export function propertyCount(input: { readonly min?: number; readonly max?: number }) {
  return (value: Record<string, unknown>, context: z.RefinementCtx): void => {
    const count = Object.keys(value).length;
    if (input.min !== undefined && count < input.min) context.addIssue({ code: 'custom', message: `has ${count} field(s); at least ${input.min} required`, input: value });
    if (input.max !== undefined && count > input.max) context.addIssue({ code: 'custom', message: `has ${count} field(s); at most ${input.max} allowed`, input: value });
  };
}

/** `required` names an object's `properties` do not declare: each must still be present. */
export function requiredKeys(names: readonly string[]) {
  return (value: Record<string, unknown>, context: z.RefinementCtx): void => {
    for (const name of names) if (!Object.hasOwn(value, name)) context.addIssue({ code: 'custom', path: [name], message: 'required', input: value });
  };
}
