import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ToolScope } from './tool-scope.ts';

/** Signed tokens start with this, so a pasted vendor key or static token is never mistaken for one. */
export const TOKEN_PREFIX = 'vmcp1_';
export const MIN_SECRET_LENGTH = 32;
export const MIN_LIFETIME_SECONDS = 60;

/** What a signed token carries; any replica with the same secret can check it without a store. */
export type TokenClaims = {
  /** The package the token was issued for: a token for one vendor's server is refused by another's. */
  readonly aud: string;
  readonly name: string;
  /** Unique per token; keys the invocation limit. */
  readonly jti: string;
  /** Issued at and expires at, in Unix seconds. */
  readonly iat: number;
  readonly exp: number;
  readonly scope: ToolScope;
};

export type Verified = { readonly claims: TokenClaims };
export type Refused = { readonly reason: string };

const base64url = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64url');

function signature(input: { readonly payload: string; readonly secret: string }): Buffer {
  return createHmac('sha256', input.secret).update(`${TOKEN_PREFIX}${input.payload}`).digest();
}

export function secretProblem(secret: string | undefined): string | undefined {
  if (secret === undefined || secret === '') return 'MCP_TOKEN_SECRET is not set.';
  if (secret.length < MIN_SECRET_LENGTH) return `MCP_TOKEN_SECRET must be at least ${MIN_SECRET_LENGTH} characters (generate one with: openssl rand -hex 32).`;
  return undefined;
}

export function issueToken(input: { readonly secret: string; readonly claims: Omit<TokenClaims, 'jti'> & { readonly jti?: string } }): string {
  const claims: TokenClaims = { ...input.claims, jti: input.claims.jti ?? randomBytes(9).toString('base64url') };
  const payload = base64url(JSON.stringify(claims));
  return `${TOKEN_PREFIX}${payload}.${base64url(signature({ payload, secret: input.secret }))}`;
}

const isStringList = (value: unknown) => value === undefined || (Array.isArray(value) && value.every((v) => typeof v === 'string'));

function claimsFrom(value: unknown): TokenClaims | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const c = value as Record<string, unknown>;
  const scope = c['scope'] as Record<string, unknown> | undefined;
  const fieldsOk = typeof c['aud'] === 'string' && typeof c['name'] === 'string' && typeof c['jti'] === 'string' && Number.isInteger(c['iat']) && Number.isInteger(c['exp']);
  const scopeOk = typeof scope === 'object' && scope !== null && isStringList(scope['methods']) && isStringList(scope['tags']) && isStringList(scope['tools']) && (scope['readOnly'] === undefined || typeof scope['readOnly'] === 'boolean');
  return fieldsOk && scopeOk ? (value as TokenClaims) : undefined;
}

/** Signature first (constant time), then shape, audience and expiry: nothing unsigned is ever parsed. */
export function verifyToken(input: { readonly token: string; readonly secret: string; readonly audience: string; readonly now: number }): Verified | Refused {
  const match = /^vmcp1_([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(input.token);
  if (match === null) return { reason: 'The token is malformed: expected vmcp1_<payload>.<signature>.' };
  const [, payload, sent] = match as unknown as [string, string, string];
  const expected = signature({ payload, secret: input.secret });
  const given = Buffer.from(sent, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { reason: "The token's signature is invalid: it was not issued with this server's MCP_TOKEN_SECRET, or it was altered." };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const claims = claimsFrom(parsed);
  if (claims === undefined) return { reason: 'The token is malformed: its claims are not readable.' };
  if (claims.aud !== input.audience) return { reason: `The token was issued for ${claims.aud}, not for ${input.audience}.` };
  if (claims.exp * 1000 <= input.now) return { reason: `The token ${JSON.stringify(claims.name)} expired at ${new Date(claims.exp * 1000).toISOString()}.` };
  return { claims };
}

/**
 * Static tokens from `MCP_AUTH_TOKENS`. Both sides are hashed to a fixed length and every entry is
 * compared, so neither the length nor the position of a match leaks through timing.
 */
export function matchStaticToken(input: { readonly token: string; readonly tokens: readonly string[] }): number | undefined {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  const given = digest(input.token);
  let found: number | undefined;
  input.tokens.forEach((token, index) => {
    if (timingSafeEqual(digest(token), given) && found === undefined) found = index;
  });
  return found;
}
