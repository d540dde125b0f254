import { describe, expect, it } from 'vitest';
import { issueToken, matchStaticToken, secretProblem, verifyToken, type TokenClaims } from '../../templates/runtime/access-token.ts';

const SECRET = 'test-secret-0123456789abcdef-0123456789';
const NOW = Date.parse('2026-12-01T12:00:00Z');
const CLAIMS: TokenClaims = { aud: '@vendor-mcp/acme', name: 'ci', jti: 'j1', iat: NOW / 1000, exp: NOW / 1000 + 3600, scope: { methods: ['read'], tags: ['orders'] } };
const GOOD = issueToken({ secret: SECRET, claims: CLAIMS });

function tamper(token: string, edit: (claims: Record<string, unknown>) => Record<string, unknown>): string {
  const [payload, signature] = token.slice('vmcp1_'.length).split('.') as [string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  return `vmcp1_${Buffer.from(JSON.stringify(edit(claims))).toString('base64url')}.${signature}`;
}

describe('issueToken / verifyToken', () => {
  it('a token round-trips with its scope and expiry, and is deterministic given a jti', () => {
    expect(verifyToken({ token: GOOD, secret: SECRET, audience: CLAIMS.aud, now: NOW })).toStrictEqual({ claims: CLAIMS });
    expect(issueToken({ secret: SECRET, claims: CLAIMS })).toStrictEqual(GOOD);
  });

  it('a missing jti gets a random one', () => {
    const { jti: _, ...rest } = CLAIMS;
    const a = verifyToken({ token: issueToken({ secret: SECRET, claims: rest }), secret: SECRET, audience: CLAIMS.aud, now: NOW });
    const b = verifyToken({ token: issueToken({ secret: SECRET, claims: rest }), secret: SECRET, audience: CLAIMS.aud, now: NOW });
    expect('claims' in a && 'claims' in b && a.claims.jti !== b.claims.jti && a.claims.jti.length >= 12).toStrictEqual(true);
  });

  const FORGED = "The token's signature is invalid: it was not issued with this server's MCP_TOKEN_SECRET, or it was altered.";
  it.each<{ readonly name: string; readonly token: string; readonly secret?: string; readonly audience?: string; readonly now?: number; readonly want: string }>([
    { name: 'another secret', token: GOOD, secret: `${SECRET}x`, want: FORGED },
    { name: 'widened scope, old signature', token: tamper(GOOD, (c) => ({ ...c, scope: {} })), want: FORGED },
    { name: 'extended expiry, old signature', token: tamper(GOOD, (c) => ({ ...c, exp: 4_000_000_000 })), want: FORGED },
    { name: 'truncated signature', token: GOOD.slice(0, -4), want: FORGED },
    { name: 'empty signature', token: `${GOOD.split('.')[0]}.`, want: 'The token is malformed: expected vmcp1_<payload>.<signature>.' },
    { name: 'no prefix', token: GOOD.slice('vmcp1_'.length), want: 'The token is malformed: expected vmcp1_<payload>.<signature>.' },
    { name: 'garbage', token: 'vmcp1_!!!.???', want: 'The token is malformed: expected vmcp1_<payload>.<signature>.' },
    { name: 'signed but unreadable claims', token: issueToken({ secret: SECRET, claims: { ...CLAIMS, exp: 'soon' as unknown as number } }), want: 'The token is malformed: its claims are not readable.' },
    { name: 'signed but bad scope', token: issueToken({ secret: SECRET, claims: { ...CLAIMS, scope: { methods: 'read' as unknown as string[] } } }), want: 'The token is malformed: its claims are not readable.' },
    { name: 'another package', token: GOOD, audience: '@vendor-mcp/other', want: 'The token was issued for @vendor-mcp/acme, not for @vendor-mcp/other.' },
    { name: 'expired exactly now', token: GOOD, now: NOW + 3_600_000, want: 'The token "ci" expired at 2026-12-01T13:00:00.000Z.' },
    { name: 'expired long ago', token: GOOD, now: NOW + 86_400_000, want: 'The token "ci" expired at 2026-12-01T13:00:00.000Z.' },
  ])('refuses: $name', ({ token, secret, audience, now, want }) =>
    expect(verifyToken({ token, secret: secret ?? SECRET, audience: audience ?? CLAIMS.aud, now: now ?? NOW })).toStrictEqual({ reason: want }));

  it('one second before expiry still passes', () => expect('claims' in verifyToken({ token: GOOD, secret: SECRET, audience: CLAIMS.aud, now: NOW + 3_599_000 })).toStrictEqual(true));
});

describe('secretProblem', () => {
  it.each([
    { given: undefined, want: 'MCP_TOKEN_SECRET is not set.' },
    { given: '', want: 'MCP_TOKEN_SECRET is not set.' },
    { given: 'x'.repeat(31), want: 'MCP_TOKEN_SECRET must be at least 32 characters (generate one with: openssl rand -hex 32).' },
    { given: 'x'.repeat(32), want: undefined },
  ])('$given', ({ given, want }) => expect(secretProblem(given)).toStrictEqual(want));
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
