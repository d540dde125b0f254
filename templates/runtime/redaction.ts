/** Replaces every known secret, and anything shaped like a bearer credential, before text leaves the process. */
export function redact(input: { readonly text: string; readonly secrets: readonly string[] }): string {
  let text = input.text;
  for (const secret of input.secrets) {
    if (secret.length >= 4) text = text.split(secret).join('[redacted]');
  }
  return text.replace(/(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, '$1 [redacted]');
}
