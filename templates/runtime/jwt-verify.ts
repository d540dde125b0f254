import { decodeJwt, decodeProtectedHeader, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';

/**
 * The one JWT check every bearer token goes through, ours (HS256 with `MCP_TOKEN_SECRET`) and an
 * OAuth authorization server's (its JWKS): signature, algorithm, `iss`, `aud` and `exp` by `jose`;
 * only the wording of a refusal is ours.
 */
export type JwtKey = Uint8Array | JWTVerifyGetKey;

export type JwtExpectations = {
  readonly issuer: string;
  readonly audience: string;
  readonly algorithms: readonly string[];
  /** Said when no key verifies the signature: who should have signed it. */
  readonly signatureReason: string;
};

/** `unavailable`: the keys could not be fetched, so nothing can be decided (503, not 401), maybe not for `retryAfterSeconds`. */
export type JwtOutcome = { readonly payload: JWTPayload } | { readonly reason: string } | { readonly unavailable: string; readonly retryAfterSeconds?: number };

type JoseError = Error & { readonly code?: string; readonly claim?: string; readonly reason?: string; readonly payload?: JWTPayload };

/** A token issued further in the future than this is refused: clocks drift, but not by minutes. */
const CLOCK_SKEW_SECONDS = 60;

const listed = (value: unknown) => (Array.isArray(value) ? value.join(', ') : String(value));

function nameOf(payload: JWTPayload | undefined): string {
  return typeof payload?.['name'] === 'string' ? ` ${JSON.stringify(payload['name'])}` : '';
}

function claimRefusal(input: { readonly error: JoseError; readonly expect: JwtExpectations }): string {
  const { error, expect } = input;
  const payload = error.payload ?? {};
  if (error.reason === 'missing') return `The token lacks a valid "${error.claim ?? 'unknown'}" claim.`;
  if (error.claim === 'aud' && payload.aud !== undefined) return `The token was issued for ${listed(payload.aud)}, not for ${expect.audience}.`;
  if (error.claim === 'iss' && payload.iss !== undefined) return `The token was issued by ${payload.iss}, not by ${expect.issuer}.`;
  // jose fails iat only when it is no number; a future iat is verifyJwt's own check below.
  if (error.claim === 'nbf') return 'The token is not valid yet (its iat or nbf is in the future).';
  return `The token lacks a valid "${error.claim ?? 'unknown'}" claim.`;
}

const SIGNATURE_CODES = new Set(['ERR_JWS_SIGNATURE_VERIFICATION_FAILED', 'ERR_JWKS_NO_MATCHING_KEY', 'ERR_JWKS_MULTIPLE_MATCHING_KEYS']);

/**
 * The key set timed out, was no key set, or came with a status other than 200 or a body that is no
 * JSON (jose's only ERR_JOSE_GENERIC): the issuer is out of order, not the token, so a client must
 * not be sent to sign in again.
 */
const UNAVAILABLE_CODES = new Set(['ERR_JWKS_TIMEOUT', 'ERR_JWKS_INVALID', 'ERR_JOSE_GENERIC']);

const MALFORMED_REASON = 'The token is malformed: expected a JWT (header.payload.signature).';

/** A token that is no JWT at all (its header or claims do not decode), refused before any key is looked up for it. */
export function malformedJwt(token: string): { readonly reason: string } | undefined {
  try {
    decodeProtectedHeader(token);
    decodeJwt(token);
    return undefined;
  } catch {
    return { reason: MALFORMED_REASON };
  }
}

function refusal(input: { readonly error: unknown; readonly expect: JwtExpectations }): JwtOutcome {
  const error = input.error as JoseError;
  switch (error.code) {
    case 'ERR_JWT_EXPIRED':
      return { reason: `The token${nameOf(error.payload)} expired at ${new Date(Number(error.payload?.exp) * 1000).toISOString()}.` };
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return { reason: claimRefusal({ error, expect: input.expect }) };
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return { reason: `The token is signed with an algorithm this server does not accept (accepted: ${input.expect.algorithms.join(', ')}).` };
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
      return { reason: MALFORMED_REASON };
    default:
      if (error.code === undefined) return { unavailable: `The authorization server's keys could not be fetched (${error.message}).` };
      if (UNAVAILABLE_CODES.has(error.code)) return { unavailable: `The authorization server's keys could not be read (${error.message}).` };
      if (SIGNATURE_CODES.has(error.code)) return { reason: input.expect.signatureReason };
      // Something jose does not support (a critical header, a key type): the token cannot be checked here.
      return { reason: `The token cannot be checked (${error.message}).` };
  }
}

/**
 * Tries each key in turn (the current secret, then the previous one during a rotation); only a
 * signature failure moves on to the next key, so an expired or foreign token is named as such.
 */
export async function verifyJwt(input: { readonly token: string; readonly keys: readonly JwtKey[]; readonly expect: JwtExpectations; readonly now: number }): Promise<JwtOutcome> {
  const options = { issuer: input.expect.issuer, audience: input.expect.audience, algorithms: [...input.expect.algorithms], currentDate: new Date(input.now), requiredClaims: ['exp', 'iat'] };
  let outcome: JwtOutcome = { reason: input.expect.signatureReason };
  for (const key of input.keys) {
    try {
      const { payload } = typeof key === 'function' ? await jwtVerify(input.token, key, options) : await jwtVerify(input.token, key, options);
      if (Number(payload.iat) > input.now / 1000 + CLOCK_SKEW_SECONDS) return { reason: 'The token is not valid yet (its iat or nbf is in the future).' };
      return { payload };
    } catch (error) {
      outcome = refusal({ error, expect: input.expect });
      if (!SIGNATURE_CODES.has((error as JoseError).code ?? '')) return outcome;
    }
  }
  return outcome;
}
