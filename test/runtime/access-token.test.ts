import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { issueToken, LOCAL_ISSUER, looksLikeJwt, matchStaticToken, maxLifetimeDaysFrom, secretProblem, verifyToken, type TokenClaims } from '../../templates/runtime/access-token.ts';

const SECRET = 'test-secret-0123456789abcdef-0123456789';
const PREVIOUS = 'previous-secret-0123456789abcdef-01234';
const NOW = Date.parse('2026-12-01T12:00:00Z');
const CLAIMS: TokenClaims = { aud: '@vendor-mcp/acme', name: 'ci', jti: 'j1', iat: NOW / 1000, exp: NOW / 1000 + 3600, scope: { methods: ['read'], tags: ['orders'] } };
const GOOD = await issueToken({ secret: SECRET, claims: CLAIMS });
const verify = (token: string, over: { secrets?: { current: string; previous?: string }; audience?: string; now?: number; maxLifetimeDays?: number } = {}) =>
  verifyToken({ token, secrets: over.secrets ?? { current: SECRET }, audience: over.audience ?? CLAIMS.aud, now: over.now ?? NOW, ...(over.maxLifetimeDays ? { maxLifetimeDays: over.maxLifetimeDays } : {}) });

/** A token signed with the right secret but whatever claims a test wants. */
const signed = (payload: Record<string, unknown>, secret = SECRET) => new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
const STANDARD = { iss: LOCAL_ISSUER, aud: CLAIMS.aud, iat: CLAIMS.iat, exp: CLAIMS.exp, jti: 'j1', name: 'ci', tool_scope: CLAIMS.scope };

function tamper(token: string, edit: (claims: Record<string, unknown>) => Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  return `${header}.${Buffer.from(JSON.stringify(edit(claims))).toString('base64url')}.${signature}`;
}

describe('issueToken: a standard JWT anyone can decode', () => {
  it('HS256, with iss, aud, exp, iat, jti, name and the tool scope; deterministic given a jti', async () => {
    expect(decodeProtectedHeader(GOOD)).toStrictEqual({ alg: 'HS256', typ: 'JWT' });
    expect(decodeJwt(GOOD)).toStrictEqual(STANDARD);
    expect(await issueToken({ secret: SECRET, claims: CLAIMS })).toStrictEqual(GOOD);
    expect(await verify(GOOD)).toStrictEqual({ claims: CLAIMS });
  });

  it('a missing jti gets a random one', async () => {
    const { jti: _, ...rest } = CLAIMS;
    const [a, b] = await Promise.all([issueToken({ secret: SECRET, claims: rest }), issueToken({ secret: SECRET, claims: rest })]).then((ts) => ts.map((t) => String(decodeJwt(t).jti)));
    expect(a !== b && a!.length >= 16).toStrictEqual(true);
  });
});

describe('verifyToken', () => {
  const FORGED = "The token's signature is invalid: it was not issued with this server's MCP_TOKEN_SECRET (or MCP_TOKEN_SECRET_PREVIOUS), or it was altered.";
  const MALFORMED = 'The token is malformed: expected a JWT (header.payload.signature).';
  const UNREADABLE = 'The token is malformed: its claims are not readable.';
  it.each<{ readonly name: string; readonly token: () => Promise<string> | string; readonly secrets?: { current: string; previous?: string }; readonly audience?: string; readonly now?: number; readonly want: string }>([
    { name: 'another secret', token: () => GOOD, secrets: { current: `${SECRET}x` }, want: FORGED },
    { name: 'widened scope, old signature', token: () => tamper(GOOD, (c) => ({ ...c, tool_scope: {} })), want: FORGED },
    { name: 'extended expiry, old signature', token: () => tamper(GOOD, (c) => ({ ...c, exp: 4_000_000_000 })), want: FORGED },
    { name: 'truncated signature', token: () => GOOD.slice(0, -4), want: FORGED },
    { name: 'alg none', token: () => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${GOOD.split('.')[1]}.`, want: 'The token is signed with an algorithm this server does not accept (accepted: HS256).' },
    { name: 'an RS256 header', token: () => `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${GOOD.split('.')[1]}.${GOOD.split('.')[2]}`, want: 'The token is signed with an algorithm this server does not accept (accepted: HS256).' },
    { name: 'garbage', token: () => 'a.b.c', want: MALFORMED },
    { name: 'another issuer', token: () => signed({ ...STANDARD, iss: 'https://evil.example' }), want: `The token was issued by https://evil.example, not by ${LOCAL_ISSUER}.` },
    { name: 'no issuer', token: () => signed({ ...STANDARD, iss: undefined }), want: 'The token lacks a valid "iss" claim.' },
    { name: 'no iat', token: () => signed({ ...STANDARD, iat: undefined }), want: 'The token lacks a valid "iat" claim.' },
    { name: 'iat 61 s in the future', token: () => signed({ ...STANDARD, iat: NOW / 1000 + 61 }), want: 'The token is not valid yet (its iat or nbf is in the future).' },
    { name: 'no name', token: () => signed({ ...STANDARD, name: undefined }), want: UNREADABLE },
    { name: 'no jti', token: () => signed({ ...STANDARD, jti: undefined }), want: UNREADABLE },
    { name: 'a bad scope', token: () => signed({ ...STANDARD, tool_scope: { methods: 'read' } }), want: UNREADABLE },
    { name: 'an array scope', token: () => signed({ ...STANDARD, tool_scope: ['read'] }), want: UNREADABLE },
    { name: 'another package', token: () => GOOD, audience: '@vendor-mcp/other', want: 'The token was issued for @vendor-mcp/acme, not for @vendor-mcp/other.' },
    { name: 'expired exactly now', token: () => GOOD, now: NOW + 3_600_000, want: 'The token "ci" expired at 2026-12-01T13:00:00.000Z.' },
    { name: 'expired long ago', token: () => GOOD, now: NOW + 86_400_000, want: 'The token "ci" expired at 2026-12-01T13:00:00.000Z.' },
    { name: 'longer than 90 days', token: () => signed({ ...STANDARD, exp: CLAIMS.iat + 90 * 86_400 + 1 }), want: 'The token "ci" lives longer than this server\'s maximum of 90 days (MCP_TOKEN_MAX_LIFETIME_DAYS).' },
  ])('refuses: $name', async ({ token, secrets, audience, now, want }) => expect(await verify(await token(), { ...(secrets ? { secrets } : {}), ...(audience ? { audience } : {}), ...(now ? { now } : {}) })).toStrictEqual({ reason: want }));

  it('one second before expiry still passes; exactly 90 days passes; iat 60 s ahead (clock skew) passes', async () => {
    expect('claims' in (await verify(GOOD, { now: NOW + 3_599_000 }))).toStrictEqual(true);
    expect('claims' in (await verify(await signed({ ...STANDARD, iat: NOW / 1000 + 60 })))).toStrictEqual(true);
    expect('claims' in (await verify(await signed({ ...STANDARD, exp: CLAIMS.iat + 90 * 86_400 })))).toStrictEqual(true);
  });

  it('rotation: a token signed with the previous secret passes only while MCP_TOKEN_SECRET_PREVIOUS holds it', async () => {
    const old = await issueToken({ secret: PREVIOUS, claims: CLAIMS });
    expect(await verify(old, { secrets: { current: SECRET, previous: PREVIOUS } })).toStrictEqual({ claims: CLAIMS });
    expect(await verify(GOOD, { secrets: { current: SECRET, previous: PREVIOUS } })).toStrictEqual({ claims: CLAIMS });
    expect(await verify(old)).toStrictEqual({ reason: FORGED });
    // The previous secret does not excuse anything else: an expired old token is named as expired.
    expect(await verify(old, { secrets: { current: SECRET, previous: PREVIOUS }, now: NOW + 3_600_000 })).toStrictEqual({ reason: 'The token "ci" expired at 2026-12-01T13:00:00.000Z.' });
  });
});

describe('secretProblem and maxLifetimeDaysFrom', () => {
  it.each([
    { given: undefined, want: 'MCP_TOKEN_SECRET is not set.' },
    { given: '', want: 'MCP_TOKEN_SECRET is not set.' },
    { given: 'x'.repeat(31), want: 'MCP_TOKEN_SECRET must be at least 32 characters (generate one with: openssl rand -hex 32).' },
    { given: 'x'.repeat(32), want: undefined },
  ])('$given', ({ given, want }) => expect(secretProblem(given)).toStrictEqual(want));

  it.each([
    { given: undefined, want: 90 },
    { given: '1', want: 1 },
    { given: '3650', want: 3650 },
    { given: '0', want: { error: 'MCP_TOKEN_MAX_LIFETIME_DAYS must be a whole number of days from 1 to 3650 (got "0").' } },
    { given: '3651', want: { error: 'MCP_TOKEN_MAX_LIFETIME_DAYS must be a whole number of days from 1 to 3650 (got "3651").' } },
    { given: '7.5', want: { error: 'MCP_TOKEN_MAX_LIFETIME_DAYS must be a whole number of days from 1 to 3650 (got "7.5").' } },
  ])('max lifetime $given', ({ given, want }) => expect(maxLifetimeDaysFrom(given)).toStrictEqual(want));
});

describe('matchStaticToken', () => {
  const tokens = ['static-token-aaaaaaaa', 'static-token-bbbbbbbb'];
  it.each([
    { given: 'static-token-aaaaaaaa', want: 0 },
    { given: 'static-token-bbbbbbbb', want: 1 },
    { given: 'static-token-bbbbbbb', want: undefined },
    { given: 'static-token-bbbbbbbbb', want: undefined },
    { given: '', want: undefined },
  ])('$given', ({ given, want }) => expect(matchStaticToken({ token: given, tokens })).toStrictEqual(want));
});

describe('the token format is a contract: tokens made by earlier versions still verify', () => {
  it('the issuer is the fixed URN', async () => {
    const token = await signed({ ...STANDARD, iss: 'urn:vendor-mcp:token-create' });
    expect(await verify(token)).toStrictEqual({ claims: CLAIMS });
  });

  it.each([
    { name: 'a scope that is text', tool_scope: 'read' },
    { name: 'a scope that is null', tool_scope: null },
    { name: 'a scope that is a list', tool_scope: ['read'] },
    { name: 'methods with a number', tool_scope: { methods: ['read', 5] } },
    { name: 'tags with a number', tool_scope: { tags: [5] } },
    { name: 'tools with a number', tool_scope: { tools: [5] } },
    { name: 'tools that are text', tool_scope: { tools: 'list_orders' } },
    { name: 'readOnly that is text', tool_scope: { readOnly: 'yes' } },
  ])('a malformed scope is refused: $name', async ({ tool_scope }) => {
    expect(await verify(await signed({ ...STANDARD, tool_scope }))).toStrictEqual({ reason: 'The token is malformed: its claims are not readable.' });
  });

  it('a read-only scope with every list is read', async () => {
    const scope = { methods: ['read'], tags: ['orders'], tools: ['list_orders'], readOnly: true };
    expect(await verify(await signed({ ...STANDARD, tool_scope: scope }))).toStrictEqual({ claims: { ...CLAIMS, scope } });
  });
});

describe('static tokens and what looks like a JWT', () => {
  it('the first of two equal tokens is the match', () => {
    expect(matchStaticToken({ token: 'static-token-aaaaaaaa', tokens: ['static-token-zzzzzzzz', 'static-token-aaaaaaaa', 'static-token-aaaaaaaa'] })).toBe(1);
  });

  it.each([
    { token: 'aaa.bbb.ccc', want: true },
    { token: 'a-_1.b.c', want: true },
    { token: 'aaa.bbb.ccc!', want: false },
    { token: '!aaa.bbb.ccc', want: false },
    { token: 'aaa.bbb', want: false },
  ])('looksLikeJwt($token)', ({ token, want }) => expect(looksLikeJwt(token)).toBe(want));

  it('an empty lifetime variable is the default', () => expect(maxLifetimeDaysFrom('')).toBe(90));
});
