import { describe, expect, it } from 'vitest';
import { issueToken } from '../../templates/runtime/access-token.ts';
import { authenticate, authSettingsFrom, type AuthSettings } from '../../templates/runtime/bearer-auth.ts';

const SECRET = 'test-secret-0123456789abcdef-0123456789';
const AUD = '@vendor-mcp/acme';
const NOW = Date.parse('2026-12-01T12:00:00Z');
const SIGNED = issueToken({ secret: SECRET, claims: { aud: AUD, name: 'reader', jti: 'abc', iat: NOW / 1000, exp: NOW / 1000 + 60, scope: { methods: ['read'] } } });

describe('authSettingsFrom', () => {
  it.each<{ readonly name: string; readonly env: Record<string, string>; readonly noAuth?: boolean; readonly want: AuthSettings | { errors: string[] } }>([
    { name: '--no-auth ignores the environment', env: { MCP_AUTH_TOKENS: 'short' }, noAuth: true, want: { mode: 'none' } },
    { name: 'a secret', env: { MCP_TOKEN_SECRET: SECRET }, want: { mode: 'bearer', audience: AUD, staticTokens: [], secret: SECRET } },
    { name: 'static tokens, trimmed', env: { MCP_AUTH_TOKENS: ' static-token-aaaaaaaa , static-token-bbbbbbbb,' }, want: { mode: 'bearer', audience: AUD, staticTokens: ['static-token-aaaaaaaa', 'static-token-bbbbbbbb'] } },
    {
      name: 'nothing configured',
      env: {},
      want: { errors: ['HTTP serving needs a bearer token check: set MCP_TOKEN_SECRET (for tokens made with `token create`) and/or MCP_AUTH_TOKENS, or pass --no-auth to serve without one.'] },
    },
    { name: 'a weak secret', env: { MCP_TOKEN_SECRET: 'hunter2' }, want: { errors: ['MCP_TOKEN_SECRET must be at least 32 characters (generate one with: openssl rand -hex 32).'] } },
    { name: 'a short static token', env: { MCP_AUTH_TOKENS: 'abc' }, want: { errors: ['Every token in MCP_AUTH_TOKENS must be at least 16 characters.'] } },
    { name: 'a signed token pasted as static', env: { MCP_AUTH_TOKENS: SIGNED }, want: { errors: ['MCP_AUTH_TOKENS holds static tokens; signed vmcp1_… tokens need only MCP_TOKEN_SECRET.'] } },
  ])('$name', ({ env, noAuth, want }) => expect(authSettingsFrom({ env, noAuth: noAuth ?? false, audience: AUD })).toStrictEqual(want));
});

describe('authenticate', () => {
  const both: AuthSettings = { mode: 'bearer', audience: AUD, secret: SECRET, staticTokens: ['static-token-aaaaaaaa'] };
  const staticOnly: AuthSettings = { mode: 'bearer', audience: AUD, staticTokens: ['static-token-aaaaaaaa'] };
  it.each<{ readonly name: string; readonly settings?: AuthSettings; readonly authorization: string | undefined; readonly now?: number; readonly want: unknown }>([
    { name: 'a signed token', authorization: `Bearer ${SIGNED}`, want: { principal: { id: 'token:abc', name: 'reader', scope: { methods: ['read'] } } } },
    { name: 'the scheme is case-insensitive', authorization: `bearer ${SIGNED}`, want: { principal: { id: 'token:abc', name: 'reader', scope: { methods: ['read'] } } } },
    { name: 'a static token has the whole server scope', authorization: 'Bearer static-token-aaaaaaaa', want: { principal: { id: 'static:1', name: 'MCP_AUTH_TOKENS #1', scope: {} } } },
    { name: 'no header', authorization: undefined, want: { reason: 'Missing bearer token: send Authorization: Bearer <token>.' } },
    { name: 'an empty header', authorization: ' ', want: { reason: 'Missing bearer token: send Authorization: Bearer <token>.' } },
    { name: 'basic auth', authorization: 'Basic dXNlcjpwYXNz', want: { reason: 'The Authorization header must be "Bearer <token>".' } },
    { name: 'two tokens', authorization: 'Bearer a b', want: { reason: 'The Authorization header must be "Bearer <token>".' } },
    { name: 'an unknown token', authorization: 'Bearer static-token-zzzzzzzz', want: { reason: 'Unknown bearer token.' } },
    { name: 'expired', authorization: `Bearer ${SIGNED}`, now: NOW + 60_000, want: { reason: 'The token "reader" expired at 2026-12-01T12:01:00.000Z.' } },
    { name: 'a signed token without a secret', settings: staticOnly, authorization: `Bearer ${SIGNED}`, want: { reason: 'This server accepts no signed tokens (MCP_TOKEN_SECRET is not set).' } },
    { name: '--no-auth', settings: { mode: 'none' }, authorization: undefined, want: { principal: { id: 'anonymous', name: 'anonymous', scope: {} } } },
  ])('$name', ({ settings, authorization, now, want }) => expect(authenticate({ settings: settings ?? both, authorization, now: now ?? NOW })).toStrictEqual(want));
});
