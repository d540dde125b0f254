import type { AuthRefusal } from './bearer-auth.ts';

/**
 * RFC 6750 §3 allows only %x20-21 / %x23-5B / %x5D-7E inside a quoted parameter; Node refuses a
 * header with anything beyond Latin-1 (a 500 instead of the 401), so every other byte is replaced.
 */
export function quoted(value: string): string {
  return `"${value.replace(/"/g, "'").replace(/\\/g, '/').replace(/[^\x20-\x21\x23-\x5B\x5D-\x7E]/g, '?')}"`;
}

/**
 * The `WWW-Authenticate` value of a refusal: bare when no credentials came (RFC 6750 §3.1), the
 * error otherwise, and in OAuth mode the protected-resource metadata URL every client discovers from.
 */
export function challenge(input: { readonly refusal: AuthRefusal; readonly hadCredentials: boolean; readonly resourceMetadata?: string }): string {
  const { refusal } = input;
  const params = [
    ...(input.resourceMetadata === undefined ? [] : [`resource_metadata=${quoted(input.resourceMetadata)}`]),
    ...(refusal.status === 403 ? ['error="insufficient_scope"'] : input.hadCredentials ? ['error="invalid_token"'] : []),
    ...(refusal.scope === undefined ? [] : [`scope=${quoted(refusal.scope)}`]),
    ...(input.hadCredentials ? [`error_description=${quoted(refusal.reason)}`] : []),
  ];
  return params.length === 0 ? 'Bearer' : `Bearer ${params.join(', ')}`;
}
