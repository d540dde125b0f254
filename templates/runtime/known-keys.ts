import type { z } from 'zod';

/**
 * A closed object that also accepts names matching declared patterns (custom fields such as
 * `__c$`). zod has no `patternProperties`, so the object is loose and this check reports every
 * other unknown key exactly as zod reports one on a strict object, with its path.
 */
export function knownKeysOnly(input: { readonly known: readonly string[]; readonly allowed: readonly string[] }) {
  const known = new Set(input.known);
  const allowed = input.allowed.map((pattern) => new RegExp(pattern, 'u'));
  return (value: Record<string, unknown>, context: z.RefinementCtx): void => {
    const keys = Object.keys(value).filter((key) => !known.has(key) && !allowed.some((pattern) => pattern.test(key)));
    if (keys.length > 0) context.addIssue({ code: 'unrecognized_keys', keys, input: value });
  };
}

