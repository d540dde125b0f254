/**
 * zod reads an object's fields as `value[key]`, inherited ones included. A field the model left out
 * that is named like one of Object.prototype's (`constructor`, `toString`, `valueOf`, …) then reads
 * as that function: an optional field of such a name refused every call without it, and a required
 * one was never reported missing. Validators see a copy instead (`ownFieldsOnly`): the same JSON
 * values, each object without a prototype, so only what the model sent is there.
 *
 * Callers bound the depth first (argument-depth.ts), so the recursion stays shallow.
 */
export function ownFieldsOnly(value: unknown): unknown {
  return copied({ value, fresh: () => Object.create(null) as Record<string, unknown> });
}

/**
 * The validated value handed on with ordinary objects again: what builds the request stays free
 * to print or convert any value. `__proto__` keys never get this far (standard-schema.ts refuses
 * them), so assigning each key makes it an own field.
 */
export function withPrototypes(value: unknown): unknown {
  return copied({ value, fresh: () => ({}) });
}

function copied(input: { readonly value: unknown; readonly fresh: () => Record<string, unknown> }): unknown {
  const { value, fresh } = input;
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item: unknown) => copied({ value: item, fresh }));
  const copy = fresh();
  for (const key of Object.keys(value)) copy[key] = copied({ value: (value as Record<string, unknown>)[key], fresh });
  return copy;
}

/** A field the object holds itself: `undefined` for a name it only inherits. */
export function ownField(input: { readonly record: Readonly<Record<string, unknown>>; readonly field: string }): unknown {
  return Object.prototype.hasOwnProperty.call(input.record, input.field) ? input.record[input.field] : undefined;
}
