const CREDENTIAL = /\b(Bearer|Basic)\s+([A-Za-z0-9._~+/=-]+)/gi;
/** A cheap first look: text without either scheme word cannot hold a bearer or basic credential. */
const SCHEME_WORD = /bearer|basic/i;

/** Replaces every known secret, and anything shaped like a bearer credential, before text leaves the process. */
export function redact(input: { readonly text: string; readonly secrets: readonly string[] }): string {
  let text = input.text;
  for (const secret of input.secrets) {
    // `includes` first: most strings hold no secret, and split/join would copy each one regardless.
    if (secret.length >= 4 && text.includes(secret)) text = text.split(secret).join('[redacted]');
  }
  if (!SCHEME_WORD.test(text)) return text;
  // Only credential-shaped tokens (long, or with a digit or symbol): "Basic plan" is not a secret.
  return text.replace(CREDENTIAL, (match, scheme: string, token: string) =>
    token.length >= 16 || /[0-9._~+/=-]/.test(token) ? `${scheme} [redacted]` : match,
  );
}

/**
 * Every string in a value, keys included, redacted: parsed vendor JSON as soon as it is read (so
 * nothing is cut before it is redacted), and each whole tool result once more before it leaves.
 * A vendor that echoes the key, even as an object key, must not leak it.
 */
export function redactValue<T>(input: { readonly value: T; readonly secrets: readonly string[] }): T {
  return redactAny(input) as T;
}

/**
 * Copy on write: a value with nothing to redact is returned as it is, so the walk over every
 * result allocates only where a secret was found (each call's garbage is what its GC pauses cost).
 */
function redactAny(input: { readonly value: unknown; readonly secrets: readonly string[] }): unknown {
  const { value, secrets } = input;
  if (typeof value === 'string') return redact({ text: value, secrets });
  if (Array.isArray(value)) return redactArray({ value, secrets });
  if (typeof value === 'object' && value !== null) return redactObject({ value: value as Record<string, unknown>, secrets });
  return value;
}

function redactArray(input: { readonly value: readonly unknown[]; readonly secrets: readonly string[] }): readonly unknown[] {
  const { value, secrets } = input;
  let copy: unknown[] | undefined;
  for (let index = 0; index < value.length; index += 1) {
    const inner = redactAny({ value: value[index], secrets });
    if (inner !== value[index]) (copy ??= [...value])[index] = inner;
  }
  return copy ?? value;
}

function redactObject(input: { readonly value: Record<string, unknown>; readonly secrets: readonly string[] }): Record<string, unknown> {
  const { value, secrets } = input;
  const keys = Object.keys(value);
  let entries: [string, unknown][] | undefined;
  keys.forEach((key, index) => {
    const name = redact({ text: key, secrets });
    const inner = redactAny({ value: value[key], secrets });
    if (entries === undefined && (name !== key || inner !== value[key])) entries = keys.slice(0, index).map((before) => [before, value[before]]);
    entries?.push([name, inner]);
  });
  // Built with fromEntries as before: a key such as `__proto__` stays an own property, never the prototype.
  return entries === undefined ? value : Object.fromEntries(entries);
}
