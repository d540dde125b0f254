/** Replaces every known secret, and anything shaped like a bearer credential, before text leaves the process. */
export function redact(input: { readonly text: string; readonly secrets: readonly string[] }): string {
  let text = input.text;
  for (const secret of input.secrets) {
    if (secret.length >= 4) text = text.split(secret).join('[redacted]');
  }
  // Only credential-shaped tokens (long, or with a digit or symbol): "Basic plan" is not a secret.
  return text.replace(/\b(Bearer|Basic)\s+([A-Za-z0-9._~+/=-]+)/gi, (match, scheme: string, token: string) =>
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

function redactAny(input: { readonly value: unknown; readonly secrets: readonly string[] }): unknown {
  const { value, secrets } = input;
  if (typeof value === 'string') return redact({ text: value, secrets });
  if (Array.isArray(value)) return value.map((inner) => redactAny({ value: inner, secrets }));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [redact({ text: key, secrets }), redactAny({ value: inner, secrets })]));
  }
  return value;
}
