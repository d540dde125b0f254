import { describe, expect, it } from 'vitest';
import { issueToken } from '../../templates/runtime/access-token.ts';
import { authenticate, authSettingsFrom, type AuthSettings, type TokenAuth } from '../../templates/runtime/bearer-auth.ts';
import type { OAuthVerifier } from '../../templates/runtime/oauth-resource.ts';
import type { AuthFlags } from '../../templates/runtime/server-options.ts';

const SECRET = 'test-secret-0123456789abcdef-0123456789';
const PREVIOUS = 'previous-secret-0123456789abcdef-01234';
const AUD = '@vendor-mcp/acme';
const NOW = Date.parse('2026-12-01T12:00:00Z');
const SIGNED = await issueToken({ secret: SECRET, claims: { aud: AUD, name: 'reader', jti: 'abc', iat: NOW / 1000, exp: NOW / 1000 + 60, scope: { methods: ['read'] } } });
const FLAGS: AuthFlags = { mode: 'token', noAuth: false, tokenInUrl: false, requireApiTokenAuth: false };
const TOKEN_AUTH: TokenAuth = { mode: 'bearer', audience: AUD, staticTokens: [], maxLifetimeDays: 90, tokenInUrl: false, requireApiTokenAuth: false };

const settings = (input: { env: Record<string, string>; flags?: Partial<AuthFlags> }) => authSettingsFrom({ env: input.env, flags: { ...FLAGS, ...input.flags }, audience: AUD, vendorSlug: 'acme' });

describe('authSettingsFrom', () => {
  it.each<{ readonly name: string; readonly env: Record<string, string>; readonly flags?: Partial<AuthFlags>; readonly want: unknown }>([
    { name: '--no-auth ignores the environment', env: { MCP_AUTH_TOKENS: 'short' }, flags: { noAuth: true }, want: { mode: 'none' } },
    { name: 'a secret', env: { MCP_TOKEN_SECRET: SECRET }, want: { ...TOKEN_AUTH, secrets: { current: SECRET } } },
    { name: 'a secret being rotated', env: { MCP_TOKEN_SECRET: SECRET, MCP_TOKEN_SECRET_PREVIOUS: PREVIOUS }, want: { ...TOKEN_AUTH, secrets: { current: SECRET, previous: PREVIOUS } } },
    { name: 'a 30-day maximum', env: { MCP_TOKEN_SECRET: SECRET, MCP_TOKEN_MAX_LIFETIME_DAYS: '30' }, want: { ...TOKEN_AUTH, maxLifetimeDays: 30, secrets: { current: SECRET } } },
    { name: 'static tokens, trimmed', env: { MCP_AUTH_TOKENS: ' static-token-aaaaaaaa , static-token-bbbbbbbb,' }, want: { ...TOKEN_AUTH, staticTokens: ['static-token-aaaaaaaa', 'static-token-bbbbbbbb'] } },
    {
      name: 'URL tokens with the API-key layer',
      env: { MCP_TOKEN_SECRET: SECRET, MCP_AUTH_TOKENS: 'static-token-aaaaaaaa' },
      flags: { tokenInUrl: true, requireApiTokenAuth: true },
      want: { ...TOKEN_AUTH, staticTokens: ['static-token-aaaaaaaa'], tokenInUrl: true, requireApiTokenAuth: true, secrets: { current: SECRET } },
    },
    { name: 'nothing configured', env: {}, want: { errors: ['HTTP serving needs a bearer token check: set MCP_TOKEN_SECRET (for tokens made with `token create`) and/or MCP_AUTH_TOKENS, or pass --no-auth to serve without one.'] } },
    { name: 'a weak secret', env: { MCP_TOKEN_SECRET: 'hunter2' }, want: { errors: ['MCP_TOKEN_SECRET must be at least 32 characters (generate one with: openssl rand -hex 32).'] } },
    { name: 'a weak previous secret', env: { MCP_TOKEN_SECRET: SECRET, MCP_TOKEN_SECRET_PREVIOUS: 'old' }, want: { errors: ['MCP_TOKEN_SECRET_PREVIOUS must be at least 32 characters (generate one with: openssl rand -hex 32).'] } },
    { name: 'a previous secret alone', env: { MCP_TOKEN_SECRET_PREVIOUS: PREVIOUS, MCP_AUTH_TOKENS: 'static-token-aaaaaaaa' }, want: { errors: ['MCP_TOKEN_SECRET_PREVIOUS needs MCP_TOKEN_SECRET (the new secret) beside it.'] } },
    { name: 'a short static token', env: { MCP_AUTH_TOKENS: 'abc' }, want: { errors: ['Every token in MCP_AUTH_TOKENS must be at least 16 characters.'] } },
    { name: 'a static token one short of the minimum', env: { MCP_AUTH_TOKENS: 'x'.repeat(15) }, want: { errors: ['Every token in MCP_AUTH_TOKENS must be at least 16 characters.'] } },
    { name: 'a static token of exactly the minimum', env: { MCP_AUTH_TOKENS: 'x'.repeat(16) }, want: { ...TOKEN_AUTH, staticTokens: ['x'.repeat(16)] } },
    // An empty variable is an unset one: no signing secret, and no rotation to check.
    { name: 'empty secrets beside a static token', env: { MCP_TOKEN_SECRET: '', MCP_TOKEN_SECRET_PREVIOUS: '', MCP_AUTH_TOKENS: 'static-token-aaaaaaaa' }, want: { ...TOKEN_AUTH, staticTokens: ['static-token-aaaaaaaa'] } },
    { name: 'an empty secret alone', env: { MCP_TOKEN_SECRET: '' }, want: { errors: ['HTTP serving needs a bearer token check: set MCP_TOKEN_SECRET (for tokens made with `token create`) and/or MCP_AUTH_TOKENS, or pass --no-auth to serve without one.'] } },
    { name: 'a signed token pasted as static', env: { MCP_AUTH_TOKENS: SIGNED }, want: { errors: ['MCP_AUTH_TOKENS holds static tokens; signed tokens from `token create` need only MCP_TOKEN_SECRET.'] } },
    { name: 'URL tokens without a secret', env: { MCP_AUTH_TOKENS: 'static-token-aaaaaaaa' }, flags: { tokenInUrl: true }, want: { errors: ['--token-in-url needs MCP_TOKEN_SECRET: the URL carries a token made with `token create`.'] } },
    { name: 'the API-key layer alone', env: { MCP_TOKEN_SECRET: SECRET, MCP_AUTH_TOKENS: 'static-token-aaaaaaaa' }, flags: { requireApiTokenAuth: true }, want: { errors: ['--require-api-token-auth is the second layer of --token-in-url; pass both.'] } },
    { name: 'the API-key layer without keys', env: { MCP_TOKEN_SECRET: SECRET }, flags: { tokenInUrl: true, requireApiTokenAuth: true }, want: { errors: ['--require-api-token-auth needs MCP_AUTH_TOKENS: the keys clients send in Authorization: Bearer.'] } },
    { name: '--no-auth with URL tokens', env: {}, flags: { noAuth: true, tokenInUrl: true }, want: { errors: ['--no-auth cannot be combined with --auth oauth or --token-in-url.'] } },
    { name: 'a lifetime that is no whole number of days', env: { MCP_TOKEN_SECRET: SECRET, MCP_TOKEN_MAX_LIFETIME_DAYS: '1.5' }, want: { errors: ['MCP_TOKEN_MAX_LIFETIME_DAYS must be a whole number of days from 1 to 3650 (got "1.5").'] } },
    { name: 'a lifetime of 0 days', env: { MCP_TOKEN_SECRET: SECRET, MCP_TOKEN_MAX_LIFETIME_DAYS: '0' }, want: { errors: ['MCP_TOKEN_MAX_LIFETIME_DAYS must be a whole number of days from 1 to 3650 (got "0").'] } },
    { name: 'a lifetime of 3651 days', env: { MCP_TOKEN_SECRET: SECRET, MCP_TOKEN_MAX_LIFETIME_DAYS: '3651' }, want: { errors: ['MCP_TOKEN_MAX_LIFETIME_DAYS must be a whole number of days from 1 to 3650 (got "3651").'] } },
    { name: 'a lifetime of 1 day', env: { MCP_TOKEN_SECRET: SECRET, MCP_TOKEN_MAX_LIFETIME_DAYS: '1' }, want: { ...TOKEN_AUTH, maxLifetimeDays: 1, secrets: { current: SECRET } } },
    { name: 'a lifetime of 3650 days', env: { MCP_TOKEN_SECRET: SECRET, MCP_TOKEN_MAX_LIFETIME_DAYS: '3650' }, want: { ...TOKEN_AUTH, maxLifetimeDays: 3650, secrets: { current: SECRET } } },
    { name: '--no-auth with --auth oauth', env: {}, flags: { noAuth: true, mode: 'oauth' }, want: { errors: ['--no-auth cannot be combined with --auth oauth or --token-in-url.'] } },
    {
      name: 'oauth with a plain-http resource and URL tokens',
      env: {},
      flags: { mode: 'oauth', issuer: 'https://as.example', resource: 'http://mcp.example/mcp', tokenInUrl: true },
      want: { errors: ['--resource must be an https URL (http only on a loopback host; got "http://mcp.example/mcp").', '--token-in-url is for tokens from `token create`, not --auth oauth.'] },
    },
    { name: 'oauth without its URLs', env: {}, flags: { mode: 'oauth' }, want: { errors: ['--auth oauth needs --authorization-server <issuer URL>.', '--auth oauth needs --resource <public URL of the MCP endpoint> (or --public-url, or --trust-proxy behind a proxy that sets X-Forwarded-Proto/Host).'] } },
    {
      name: 'oauth over plain http to a public host',
      env: {},
      flags: { mode: 'oauth', issuer: 'http://as.example', resource: 'https://mcp.example/mcp' },
      want: { errors: ['--authorization-server must be an https URL (http only on a loopback host; got "http://as.example").'] },
    },
  ])('$name', ({ env, flags, want }) => expect(settings({ env, ...(flags ? { flags } : {}) })).toStrictEqual(want));

  it('oauth with both URLs', () => {
    const got = settings({ env: {}, flags: { mode: 'oauth', issuer: 'https://as.example', resource: 'https://mcp.example/mcp' } });
    expect('mode' in got && got.mode === 'oauth' && got.config).toStrictEqual({ issuer: 'https://as.example', resource: 'https://mcp.example/mcp', vendorSlug: 'acme' });
  });

  it('oauth behind a trusted proxy may leave the resource to the forwarded URL; without --trust-proxy it may not', () => {
    const flags = { ...FLAGS, mode: 'oauth' as const, issuer: 'https://as.example' };
    const trusted = authSettingsFrom({ env: {}, flags, audience: AUD, vendorSlug: 'acme', trustProxy: true });
    expect('mode' in trusted && trusted.mode === 'oauth' && trusted.config).toStrictEqual({ issuer: 'https://as.example', vendorSlug: 'acme' });
    expect(authSettingsFrom({ env: {}, flags, audience: AUD, vendorSlug: 'acme', trustProxy: false })).toHaveProperty('errors');
  });
});

describe('authenticate', () => {
  const both: AuthSettings = { ...TOKEN_AUTH, secrets: { current: SECRET }, staticTokens: ['static-token-aaaaaaaa'] };
  const staticOnly: AuthSettings = { ...TOKEN_AUTH, staticTokens: ['static-token-aaaaaaaa'] };
  const inUrl: AuthSettings = { ...both, tokenInUrl: true };
  const dual: AuthSettings = { ...inUrl, requireApiTokenAuth: true };
  const READER = { principal: { id: 'token:abc', name: 'reader', scope: { methods: ['read'] } } };
  it.each<{ readonly name: string; readonly settings?: AuthSettings; readonly authorization?: string; readonly pathToken?: string; readonly now?: number; readonly want: unknown }>([
    { name: 'a signed token', authorization: `Bearer ${SIGNED}`, want: READER },
    { name: 'the scheme is case-insensitive', authorization: `bearer ${SIGNED}`, want: READER },
    { name: 'a static token has the whole server scope', authorization: 'Bearer static-token-aaaaaaaa', want: { principal: { id: 'static:1', name: 'MCP_AUTH_TOKENS #1', scope: {} } } },
    { name: 'no header', want: { reason: 'Missing bearer token: send Authorization: Bearer <token>.', status: 401 } },
    { name: 'an empty header', authorization: ' ', want: { reason: 'Missing bearer token: send Authorization: Bearer <token>.', status: 401 } },
    { name: 'basic auth', authorization: 'Basic dXNlcjpwYXNz', want: { reason: 'The Authorization header must be "Bearer <token>".', status: 401 } },
    { name: 'two tokens', authorization: 'Bearer a b', want: { reason: 'The Authorization header must be "Bearer <token>".', status: 401 } },
    { name: 'the scheme must start the header', authorization: 'XBearer static-token-aaaaaaaa', want: { reason: 'The Authorization header must be "Bearer <token>".', status: 401 } },
    { name: 'spaces around the token are allowed', authorization: 'Bearer   static-token-aaaaaaaa  ', want: { principal: { id: 'static:1', name: 'MCP_AUTH_TOKENS #1', scope: {} } } },
    { name: 'the scheme alone', authorization: 'Bearer ', want: { reason: 'The Authorization header must be "Bearer <token>".', status: 401 } },
    { name: 'an unknown token', authorization: 'Bearer static-token-zzzzzzzz', want: { reason: 'Unknown bearer token.', status: 401 } },
    { name: 'expired', authorization: `Bearer ${SIGNED}`, now: NOW + 60_000, want: { reason: 'The token "reader" expired at 2026-12-01T12:01:00.000Z.', status: 401 } },
    { name: 'a signed token without a secret', settings: staticOnly, authorization: `Bearer ${SIGNED}`, want: { reason: 'This server accepts no signed tokens (MCP_TOKEN_SECRET is not set).', status: 401 } },
    { name: '--no-auth', settings: { mode: 'none' }, want: { principal: { id: 'anonymous', name: 'anonymous', scope: {} } } },
    { name: 'a URL token', settings: inUrl, pathToken: SIGNED, want: READER },
    { name: 'a URL token on a server without --token-in-url', pathToken: SIGNED, want: { reason: 'This server takes no token in the URL (start it with --token-in-url).', status: 401 } },
    { name: 'a static token in the URL', settings: inUrl, pathToken: 'static-token-aaaaaaaa', want: { reason: 'The token is malformed: expected a JWT (header.payload.signature).', status: 401 } },
    { name: 'a URL token on an OAuth server', settings: { mode: 'oauth', config: { issuer: 'https://as.example', resource: 'https://mcp.example/mcp', vendorSlug: 'acme' }, verifier: { verify: async () => ({ reason: 'unused' }) } }, pathToken: SIGNED, authorization: 'Bearer x', want: { reason: 'This server takes no token in the URL (start it with --token-in-url).', status: 401 } },
    { name: 'a header token still works beside URL tokens', settings: inUrl, authorization: `Bearer ${SIGNED}`, want: READER },
    { name: 'dual layer: URL token and API key', settings: dual, pathToken: SIGNED, authorization: 'Bearer static-token-aaaaaaaa', want: READER },
    { name: 'dual layer: no API key', settings: dual, pathToken: SIGNED, want: { reason: 'Missing bearer token: send Authorization: Bearer <token>. This server needs an API key from MCP_AUTH_TOKENS besides the URL token.', status: 401 } },
    { name: 'dual layer: a wrong API key', settings: dual, pathToken: SIGNED, authorization: 'Bearer static-token-zzzzzzzz', want: { reason: 'Unknown API key in Authorization: Bearer (expected one of MCP_AUTH_TOKENS).', status: 401 } },
    { name: 'dual layer: the signed token as the key', settings: dual, pathToken: SIGNED, authorization: `Bearer ${SIGNED}`, want: { reason: 'Unknown API key in Authorization: Bearer (expected one of MCP_AUTH_TOKENS).', status: 401 } },
    { name: 'dual layer: the API key without a URL token', settings: dual, authorization: 'Bearer static-token-aaaaaaaa', want: { reason: 'This server takes its token in the URL: POST /mcp/<token>, with the API key in Authorization: Bearer.', status: 401 } },
  ])('$name', async ({ settings, authorization, pathToken, now, want }) =>
    expect(await authenticate({ settings: settings ?? both, authorization, ...(pathToken ? { pathToken } : {}), now: now ?? NOW })).toStrictEqual(want));
});

describe('authenticate in OAuth mode', () => {
  const oauth = (input: { readonly resource?: string; readonly outcome: Awaited<ReturnType<OAuthVerifier['verify']>> }): AuthSettings => ({
    mode: 'oauth',
    config: { issuer: 'https://as.example', ...(input.resource === undefined ? {} : { resource: input.resource }), vendorSlug: 'acme' },
    verifier: { verify: async () => input.outcome },
  });
  const READ = { methods: ['read'] };
  it.each<{ readonly name: string; readonly settings: AuthSettings; readonly resource?: string; readonly want: unknown }>([
    { name: 'the subject names the caller', settings: oauth({ resource: 'https://mcp.example/mcp', outcome: { payload: { sub: 'u1', client_id: 'c1', scope: 'acme:read' } } }), want: { principal: { id: 'oauth:u1', name: 'u1', scope: READ } } },
    { name: 'then the client id', settings: oauth({ resource: 'https://mcp.example/mcp', outcome: { payload: { client_id: 'c1', jti: 'j1', scope: 'acme:read' } } }), want: { principal: { id: 'oauth:c1', name: 'c1', scope: READ } } },
    { name: 'then the token id', settings: oauth({ resource: 'https://mcp.example/mcp', outcome: { payload: { jti: 'j1', scope: 'acme:read' } } }), want: { principal: { id: 'oauth:j1', name: 'j1', scope: READ } } },
    { name: 'else unknown', settings: oauth({ resource: 'https://mcp.example/mcp', outcome: { payload: { scope: 'acme:read' } } }), want: { principal: { id: 'oauth:unknown', name: 'unknown', scope: READ } } },
    {
      name: 'none of our scopes: 403 naming the read scope',
      settings: oauth({ resource: 'https://mcp.example/mcp', outcome: { payload: { sub: 'u1', scope: 'other:read' } } }),
      want: { reason: "The token grants none of this server's scopes (acme:read, acme:write, acme:custom).", status: 403, scope: 'acme:read' },
    },
    { name: 'a refused token: 401', settings: oauth({ resource: 'https://mcp.example/mcp', outcome: { reason: 'expired' } }), want: { reason: 'expired', status: 401 } },
    { name: 'keys unavailable: 503', settings: oauth({ resource: 'https://mcp.example/mcp', outcome: { unavailable: 'down' } }), want: { reason: 'down', status: 503 } },
    { name: 'keys unavailable for 3 s more: 503 saying so', settings: oauth({ resource: 'https://mcp.example/mcp', outcome: { unavailable: 'down', retryAfterSeconds: 3 } }), want: { reason: 'down', status: 503, retryAfterSeconds: 3 } },
    { name: 'the request names the resource behind a trusted proxy', settings: oauth({ outcome: { payload: { sub: 'u1', scope: 'acme:read' } } }), resource: 'https://mcp.example/mcp', want: { principal: { id: 'oauth:u1', name: 'u1', scope: READ } } },
    {
      name: 'no resource at all: 503, nothing can be checked',
      settings: oauth({ outcome: { payload: { sub: 'u1', scope: 'acme:read' } } }),
      want: { reason: 'This server cannot tell which resource the request reached, so no token can be checked for it.', status: 503 },
    },
  ])('$name', async ({ settings, resource, want }) =>
    expect(await authenticate({ settings, authorization: 'Bearer a.b.c', ...(resource === undefined ? {} : { resource }), now: NOW })).toStrictEqual(want));
});
