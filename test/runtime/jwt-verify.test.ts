import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { verifyJwt, type JwtExpectations, type JwtKey } from '../../templates/runtime/jwt-verify.ts';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const KEY = new TextEncoder().encode('a-secret-of-thirty-two-characters-at-least');
const OTHER = new TextEncoder().encode('another-secret-of-thirty-two-characters-too');
const EXPECT: JwtExpectations = { issuer: 'https://as.test', audience: 'https://mcp.test/mcp', algorithms: ['HS256'], signatureReason: 'Not signed by this server.' };

const token = (claims: Record<string, unknown>) =>
  new SignJWT({ iss: EXPECT.issuer, aud: EXPECT.audience, iat: NOW / 1000, exp: NOW / 1000 + 60, ...claims }).setProtectedHeader({ alg: 'HS256' }).sign(KEY);

/** A JWKS lookup that fails the way jose's remote key set does. */
const failingKeys = (error: Error & { code?: string }): JwtKey => () => Promise.reject(error);
const joseError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('verifyJwt', () => {
  it.each([
    { name: 'the key set timed out', key: failingKeys(joseError('ERR_JWKS_TIMEOUT', 'request timed out')), want: { unavailable: "The authorization server's keys could not be read (request timed out)." } },
    { name: 'the key set is invalid', key: failingKeys(joseError('ERR_JWKS_INVALID', 'JSON Web Key Set malformed')), want: { unavailable: "The authorization server's keys could not be read (JSON Web Key Set malformed)." } },
    { name: 'the key set could not be fetched at all', key: failingKeys(new Error('connect ECONNREFUSED')), want: { unavailable: "The authorization server's keys could not be fetched (connect ECONNREFUSED)." } },
    { name: 'no key matches the kid', key: failingKeys(joseError('ERR_JWKS_NO_MATCHING_KEY', 'no key')), want: { reason: 'Not signed by this server.' } },
    { name: 'several keys match', key: failingKeys(joseError('ERR_JWKS_MULTIPLE_MATCHING_KEYS', 'two keys')), want: { reason: 'Not signed by this server.' } },
    { name: 'a JWS jose cannot parse', key: failingKeys(joseError('ERR_JWS_INVALID', 'bad')), want: { reason: 'The token is malformed: expected a JWT (header.payload.signature).' } },
    { name: 'a JWT jose cannot parse', key: failingKeys(joseError('ERR_JWT_INVALID', 'bad')), want: { reason: 'The token is malformed: expected a JWT (header.payload.signature).' } },
    // jose's only generic errors: the key set answered another status than 200, or no JSON.
    {
      name: 'the key set answered HTTP 500',
      key: failingKeys(joseError('ERR_JOSE_GENERIC', 'Expected 200 OK from the JSON Web Key Set HTTP response')),
      want: { unavailable: "The authorization server's keys could not be read (Expected 200 OK from the JSON Web Key Set HTTP response)." },
    },
    { name: 'something jose does not support', key: failingKeys(joseError('ERR_JOSE_NOT_SUPPORTED', 'Extension Header Parameter "x" is not recognized')), want: { reason: 'The token cannot be checked (Extension Header Parameter "x" is not recognized).' } },
  ])('$name', async ({ key, want }) => expect(await verifyJwt({ token: await token({}), keys: [key], expect: EXPECT, now: NOW })).toStrictEqual(want));

  it('no keys at all: the signature reason', async () => {
    expect(await verifyJwt({ token: await token({}), keys: [], expect: EXPECT, now: NOW })).toStrictEqual({ reason: 'Not signed by this server.' });
  });

  it('a wrong key moves on to the next (rotation); a refusal other than the signature stops at once', async () => {
    expect(await verifyJwt({ token: await token({ sub: 's' }), keys: [OTHER, KEY], expect: EXPECT, now: NOW })).toMatchObject({ payload: { sub: 's' } });
    const expired = await token({ exp: NOW / 1000 - 1 });
    let asked = 0;
    const counted: JwtKey = async () => {
      asked += 1;
      return KEY;
    };
    expect(await verifyJwt({ token: expired, keys: [KEY, counted], expect: EXPECT, now: NOW })).toStrictEqual({ reason: 'The token expired at 2026-12-01T11:59:59.000Z.' });
    expect(asked).toBe(0);
  });

  it('a timed-out key set after a wrong key is still unavailable, not a bad signature', async () => {
    expect(await verifyJwt({ token: await token({}), keys: [OTHER, failingKeys(joseError('ERR_JWKS_TIMEOUT', 'slow'))], expect: EXPECT, now: NOW })).toStrictEqual({ unavailable: "The authorization server's keys could not be read (slow)." });
  });

  it.each([
    { name: 'an audience list names every audience', claims: { aud: ['https://a.test', 'https://b.test'] }, want: 'The token was issued for https://a.test, https://b.test, not for https://mcp.test/mcp.' },
    { name: 'a named token that expired says its name', claims: { exp: NOW / 1000 - 1, name: 'ci' }, want: 'The token "ci" expired at 2026-12-01T11:59:59.000Z.' },
    { name: 'nbf in the future', claims: { nbf: NOW / 1000 + 3600 }, want: 'The token is not valid yet (its iat or nbf is in the future).' },
    { name: 'no exp', claims: { exp: undefined }, want: 'The token lacks a valid "exp" claim.' },
  ])('$name', async ({ claims, want }) => expect(await verifyJwt({ token: await token(claims), keys: [KEY], expect: EXPECT, now: NOW })).toStrictEqual({ reason: want }));
});

describe('verifyJwt: claims that are there but malformed', () => {
  const check = async (claims: Record<string, unknown>, algorithms = EXPECT.algorithms) =>
    verifyJwt({ token: await token(claims), keys: [KEY], expect: { ...EXPECT, algorithms }, now: NOW });

  // jose checks only that iat is a number; a future iat is this module's own check (60 s of skew).
  it.each([
    { name: 'an iat that is text', claims: { iat: 'yesterday' }, want: 'The token lacks a valid "iat" claim.' },
    { name: 'an exp that is text', claims: { exp: 'tomorrow' }, want: 'The token lacks a valid "exp" claim.' },
  ])('$name', async ({ claims, want }) => expect(await check(claims)).toStrictEqual({ reason: want }));

  it('a refused algorithm names every accepted one', async () => {
    expect(await check({}, ['RS256', 'ES256'])).toStrictEqual({ reason: 'The token is signed with an algorithm this server does not accept (accepted: RS256, ES256).' });
  });
});
