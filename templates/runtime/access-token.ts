import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import { verifyJwt } from './jwt-verify.ts';
import type { ToolScope } from './tool-scope.ts';

/** Who signs `token create` tokens: never an OAuth issuer URL, so the two kinds cannot be confused. */
export const LOCAL_ISSUER = 'urn:vendor-mcp:token-create';
export const TOKEN_ALGORITHM = 'HS256';
export const MIN_SECRET_LENGTH = 32;
export const MIN_LIFETIME_SECONDS = 60;
export const DEFAULT_MAX_LIFETIME_DAYS = 90;
/** Printable ASCII only: a name is echoed in `WWW-Authenticate`, which carries no other bytes. */
export const TOKEN_NAME_PATTERN = /^[A-Za-z0-9 ._@:+-]{1,64}$/;

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

/** The secrets that verify tokens: the current one signs, a previous one keeps old tokens valid during a rotation. */
export type TokenSecrets = { readonly current: string; readonly previous?: string };

export function secretProblem(secret: string | undefined, variable = 'MCP_TOKEN_SECRET'): string | undefined {
  if (secret === undefined || secret === '') return `${variable} is not set.`;
  if (secret.length < MIN_SECRET_LENGTH) return `${variable} must be at least ${MIN_SECRET_LENGTH} characters (generate one with: openssl rand -hex 32).`;
  return undefined;
}

const keyOf = (secret: string) => new TextEncoder().encode(secret);

/** A standard JWT (`jwt.io` or `jose` decode it): registered claims plus `name` and `tool_scope`. */
export async function issueToken(input: { readonly secret: string; readonly claims: Omit<TokenClaims, 'jti'> & { readonly jti?: string } }): Promise<string> {
  const { claims } = input;
  return new SignJWT({ name: claims.name, tool_scope: claims.scope })
    .setProtectedHeader({ alg: TOKEN_ALGORITHM, typ: 'JWT' })
    .setIssuer(LOCAL_ISSUER)
    .setAudience(claims.aud)
    .setIssuedAt(claims.iat)
    .setExpirationTime(claims.exp)
    .setJti(claims.jti ?? randomBytes(12).toString('base64url'))
    .sign(keyOf(input.secret));
}

const isStringList = (value: unknown) => value === undefined || (Array.isArray(value) && value.every((v) => typeof v === 'string'));

function scopeFrom(value: unknown): ToolScope | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const s = value as Record<string, unknown>;
  const ok = isStringList(s['methods']) && isStringList(s['tags']) && isStringList(s['tools']) && (s['readOnly'] === undefined || typeof s['readOnly'] === 'boolean');
  return ok ? (s as ToolScope) : undefined;
}

function claimsFrom(payload: JWTPayload): TokenClaims | undefined {
  const scope = scopeFrom(payload['tool_scope']);
  const { aud, jti, iat, exp } = payload;
  const name = payload['name'];
  if (scope === undefined || typeof aud !== 'string' || typeof name !== 'string' || typeof jti !== 'string' || !Number.isInteger(iat) || !Number.isInteger(exp)) return undefined;
  return { aud, name, jti, iat: iat!, exp: exp!, scope };
}

/** Signature (current, then previous secret), issuer, audience and expiry by `jose`; then shape and lifetime. */
export async function verifyToken(input: { readonly token: string; readonly secrets: TokenSecrets; readonly audience: string; readonly now: number; readonly maxLifetimeDays?: number }): Promise<Verified | Refused> {
  const keys = [input.secrets.current, ...(input.secrets.previous ? [input.secrets.previous] : [])].map(keyOf);
  const signatureReason = "The token's signature is invalid: it was not issued with this server's MCP_TOKEN_SECRET (or MCP_TOKEN_SECRET_PREVIOUS), or it was altered.";
  const outcome = await verifyJwt({ token: input.token, keys, expect: { issuer: LOCAL_ISSUER, audience: input.audience, algorithms: [TOKEN_ALGORITHM], signatureReason }, now: input.now });
  if ('unavailable' in outcome) return { reason: outcome.unavailable };
  if ('reason' in outcome) return outcome;
  const claims = claimsFrom(outcome.payload);
  if (claims === undefined) return { reason: 'The token is malformed: its claims are not readable.' };
  const maxDays = input.maxLifetimeDays ?? DEFAULT_MAX_LIFETIME_DAYS;
  if (claims.exp - claims.iat > maxDays * 86_400) return { reason: `The token ${JSON.stringify(claims.name)} lives longer than this server's maximum of ${maxDays} days (MCP_TOKEN_MAX_LIFETIME_DAYS).` };
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

/** A JWT has three base64url parts; anything else in a bearer header is a static token. */
export const looksLikeJwt = (token: string) => /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token);

/** `MCP_TOKEN_MAX_LIFETIME_DAYS`: `token create` refuses longer tokens and the server refuses them too. */
export function maxLifetimeDaysFrom(raw: string | undefined): number | { readonly error: string } {
  if (raw === undefined || raw === '') return DEFAULT_MAX_LIFETIME_DAYS;
  const days = Number(raw);
  if (!/^\d+$/.test(raw) || days < 1 || days > 3_650) return { error: `MCP_TOKEN_MAX_LIFETIME_DAYS must be a whole number of days from 1 to 3650 (got ${JSON.stringify(raw)}).` };
  return days;
}
