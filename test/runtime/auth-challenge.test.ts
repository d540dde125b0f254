import { describe, expect, it } from 'vitest';
import { challenge, quoted } from '../../templates/runtime/auth-challenge.ts';

describe('quoted (RFC 6750 §3 quoted parameter)', () => {
  it.each([
    { given: 'plain text', want: '"plain text"' },
    { given: '', want: '""' },
    // The edges of the allowed ranges stay: space, !, #, [, ], ~.
    { given: ' !#[]~', want: '" !#[]~"' },
    { given: 'say "hi"', want: `"say 'hi'"` },
    { given: 'a\\b', want: '"a/b"' },
    { given: 'tab\tnew\nline\u007f', want: '"tab?new?line?"' },
    { given: 'Zoë 😀', want: '"Zo? ??"' },
  ])('$given', ({ given, want }) => expect(quoted(given)).toBe(want));
});

describe('challenge', () => {
  const missing = { reason: 'Missing bearer token: send Authorization: Bearer <token>.', status: 401 as const };
  it.each([
    { name: 'no credentials: bare (RFC 6750 §3.1)', refusal: missing, hadCredentials: false, want: 'Bearer' },
    { name: 'no credentials, OAuth: only where to discover', refusal: missing, hadCredentials: false, resourceMetadata: 'https://mcp.test/.well-known/oauth-protected-resource', want: 'Bearer resource_metadata="https://mcp.test/.well-known/oauth-protected-resource"' },
    { name: 'a bad token', refusal: { reason: 'Unknown bearer token.', status: 401 as const }, hadCredentials: true, want: 'Bearer error="invalid_token", error_description="Unknown bearer token."' },
    {
      name: 'a token without the scope',
      refusal: { reason: 'The token grants none of this server\'s scopes.', status: 403 as const, scope: 'acme:read' },
      hadCredentials: true,
      resourceMetadata: 'https://mcp.test/m',
      want: 'Bearer resource_metadata="https://mcp.test/m", error="insufficient_scope", scope="acme:read", error_description="The token grants none of this server\'s scopes."',
    },
    { name: 'a 403 even without credentials names the scope error', refusal: { reason: 'no', status: 403 as const }, hadCredentials: false, want: 'Bearer error="insufficient_scope"' },
  ])('$name', ({ refusal, hadCredentials, resourceMetadata, want }) =>
    expect(challenge({ refusal, hadCredentials, ...(resourceMetadata === undefined ? {} : { resourceMetadata }) })).toBe(want));
});
