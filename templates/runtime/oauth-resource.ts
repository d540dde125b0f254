import { createRemoteJWKSet, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { malformedJwt, verifyJwt, type JwtOutcome } from './jwt-verify.ts';
import { METHOD_CLASSES, type ToolScope } from './tool-scope.ts';

/**
 * The MCP server as an OAuth 2.1 resource server (MCP authorization spec, RFC 9728, RFC 8707):
 * access tokens are JWTs from one authorization server, checked against its JWKS, and meant for
 * this resource only. The token never goes further than this check: the vendor sees the server's key.
 */
export type OAuthConfig = {
  readonly issuer: string;
  /** The audience tokens must name; absent only with --trust-proxy, where it is `<forwarded public base>/mcp` per request. */
  readonly resource?: string;
  readonly vendorSlug: string;
};

/** Asymmetric only: an HS* token would let anyone holding a public key forge one. */
export const OAUTH_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;

/** `https:`, or `http:` on a loopback host (local tests and development only). */
export function urlProblem(input: { readonly flag: string; readonly value: string }): string | undefined {
  let url: URL;
  try {
    url = new URL(input.value);
  } catch {
    return `${input.flag} must be an absolute URL (got ${JSON.stringify(input.value)}).`;
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) return `${input.flag} must be an https URL (http only on a loopback host; got ${JSON.stringify(input.value)}).`;
  if (url.hash !== '' || url.search !== '') return `${input.flag} must not carry a query or fragment (got ${JSON.stringify(input.value)}).`;
  return undefined;
}

/** The scopes this server understands: one per method class, e.g. `malomo:read`. */
export const oauthScopes = (slug: string) => METHOD_CLASSES.map((methodClass) => `${slug}:${methodClass}`);

/** The method classes the token's `scope` (RFC 9068) or `scp` grants; undefined when none of ours. */
export function scopeFromClaims(input: { readonly payload: JWTPayload; readonly slug: string }): ToolScope | undefined {
  const raw = input.payload['scope'] ?? input.payload['scp'];
  const granted = typeof raw === 'string' ? raw.split(' ') : Array.isArray(raw) ? raw.filter((s): s is string => typeof s === 'string') : [];
  const methods = METHOD_CLASSES.filter((methodClass) => granted.includes(`${input.slug}:${methodClass}`));
  return methods.length === 0 ? undefined : { methods };
}

/** RFC 9728 §3.1: the metadata URL is the resource's with the well-known segment before its path. */
export function resourceMetadataUrl(resource: string): string {
  const url = new URL(resource);
  const path = url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '');
  return `${url.origin}/.well-known/oauth-protected-resource${path}`;
}

export function protectedResourceMetadata(input: { readonly config: OAuthConfig; readonly resource: string; readonly scopes: readonly string[] }): Record<string, unknown> {
  return { resource: input.resource, authorization_servers: [input.config.issuer], scopes_supported: input.scopes, bearer_methods_supported: ['header'] };
}

/** RFC 8414 puts the well-known segment before the issuer's path; OpenID Connect Discovery after it. */
function metadataUrls(issuer: string): readonly string[] {
  const url = new URL(issuer);
  const path = url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '');
  return [`${url.origin}/.well-known/oauth-authorization-server${path}`, `${url.origin}${path}/.well-known/openid-configuration`];
}

/**
 * How long one request to the issuer (a metadata document or the key set) may take, body included:
 * jose's own default for the key set. Without it an issuer that accepts and never answers held every
 * MCP request for Node's 300 s, and all of them waited on the one stuck lookup.
 */
const ISSUER_TIMEOUT_MS = 5_000;

const isTimeout = (error: unknown) => error instanceof Error && error.name === 'TimeoutError';

/** The metadata document at `url`, or what went wrong, worded as jose words a key set that timed out. */
async function fetchMetadata(input: { readonly url: string; readonly fetch: typeof fetch; readonly timeoutMs: number }): Promise<{ readonly metadata: Record<string, unknown> } | { readonly problem: string }> {
  try {
    const response = await input.fetch(input.url, { headers: { accept: 'application/json' }, redirect: 'error', signal: AbortSignal.timeout(input.timeoutMs) });
    if (!response.ok) return { problem: `HTTP ${response.status}` };
    // A body that is no JSON names no issuer, and is refused as such below; a body cut off by the timeout is a timeout.
    const metadata = await response.json().catch((error: unknown) => {
      if (isTimeout(error)) throw error;
      return {};
    });
    return { metadata: metadata as Record<string, unknown> };
  } catch (error) {
    return { problem: isTimeout(error) ? 'request timed out' : (error as Error).message };
  }
}

async function discoverJwksUri(input: { readonly issuer: string; readonly fetch: typeof fetch; readonly timeoutMs: number }): Promise<string> {
  const problems: string[] = [];
  for (const url of metadataUrls(input.issuer)) {
    const fetched = await fetchMetadata({ url, fetch: input.fetch, timeoutMs: input.timeoutMs });
    if ('problem' in fetched) {
      problems.push(`${url}: ${fetched.problem}`);
      continue;
    }
    const { metadata } = fetched;
    // RFC 8414 §3.3: metadata naming another issuer must not be used.
    if (metadata['issuer'] !== input.issuer) throw new Error(`${url} names the issuer ${JSON.stringify(metadata['issuer'])}, not ${input.issuer}.`);
    const jwksUri = metadata['jwks_uri'];
    const problem = typeof jwksUri === 'string' ? urlProblem({ flag: 'jwks_uri', value: jwksUri }) : 'it has no jwks_uri';
    if (problem !== undefined) throw new Error(`${url}: ${problem}`);
    return jwksUri as string;
  }
  throw new Error(`no authorization server metadata: ${problems.join('; ')}`);
}

/**
 * How long a failed lookup (discovery or key set) stands for the issuer: every request meanwhile
 * gets its 503 without asking again, so a failing issuer is asked once per hold, not twice per
 * request (50 requests made 100 metadata fetches), and a client is told when to come back.
 */
export const ISSUER_FAILURE_HOLD_MS = 5_000;

type HeldFailure = { readonly reason: string; readonly until: number };

function heldOutcome(input: { readonly failure: HeldFailure; readonly at: number }): JwtOutcome {
  return { unavailable: input.failure.reason, retryAfterSeconds: Math.max(1, Math.ceil((input.failure.until - input.at) / 1000)) };
}

/** `audience`: the resource this request reached, which the token must name (RFC 8707). */
export type OAuthVerifier = { verify(input: { readonly token: string; readonly audience: string; readonly now: number }): Promise<JwtOutcome> };

/**
 * Discovers the JWKS once (tried again once a failure's hold has passed, a timeout included) and
 * lets `jose` cache it: an unknown `kid` refetches the set, so a key rotation at the issuer needs no
 * restart. A token that is no JWT is refused before either is looked up.
 */
export function createOAuthVerifier(input: {
  readonly config: OAuthConfig;
  readonly fetch?: typeof fetch;
  /** How soon an unknown `kid` may refetch the set again (jose's default, 30 s): a flood of bad tokens cannot hammer the issuer. */
  readonly jwksCooldownMs?: number;
  /** `ISSUER_TIMEOUT_MS` unless a test shortens it. */
  readonly issuerTimeoutMs?: number;
  /** When a failure is seen and when it has been held long enough: a lookup that timed out ends seconds after the request's `now`. */
  readonly clock?: () => number;
}): OAuthVerifier {
  const clock = input.clock ?? Date.now;
  const fetchImpl = input.fetch ?? fetch;
  const timeoutMs = input.issuerTimeoutMs ?? ISSUER_TIMEOUT_MS;
  const jwksOptions = { timeoutDuration: timeoutMs, ...(input.jwksCooldownMs === undefined ? {} : { cooldownDuration: input.jwksCooldownMs }) };
  let jwks: Promise<JWTVerifyGetKey> | undefined;
  const keys = () => {
    jwks ??= discoverJwksUri({ issuer: input.config.issuer, fetch: fetchImpl, timeoutMs }).then((uri) => createRemoteJWKSet(new URL(uri), jwksOptions));
    jwks.catch(() => (jwks = undefined));
    return jwks;
  };
  const checked = async (request: { readonly token: string; readonly audience: string; readonly now: number }): Promise<JwtOutcome> => {
    let getKey: JWTVerifyGetKey;
    try {
      getKey = await keys();
    } catch (error) {
      return { unavailable: `The authorization server could not be discovered (${(error as Error).message}).` };
    }
    const signatureReason = `The token's signature is invalid: it was not signed by a key of ${input.config.issuer}, or it was altered.`;
    return verifyJwt({ token: request.token, keys: [getKey], expect: { issuer: input.config.issuer, audience: request.audience, algorithms: OAUTH_ALGORITHMS, signatureReason }, now: request.now });
  };
  let failure: HeldFailure | undefined;
  return {
    async verify(request) {
      const malformed = malformedJwt(request.token);
      if (malformed !== undefined) return malformed;
      if (failure !== undefined && clock() < failure.until) return heldOutcome({ failure, at: clock() });
      const outcome = await checked(request);
      // Any other answer means the issuer was reached: nothing is held any longer.
      failure = 'unavailable' in outcome ? { reason: outcome.unavailable, until: clock() + ISSUER_FAILURE_HOLD_MS } : undefined;
      return failure === undefined ? outcome : heldOutcome({ failure, at: clock() });
    },
  };
}
