import { looksLikeJwt, matchStaticToken, maxLifetimeDaysFrom, secretProblem, verifyToken, type TokenSecrets } from './access-token.ts';
import { createOAuthVerifier, oauthScopes, scopeFromClaims, urlProblem, type OAuthConfig, type OAuthVerifier } from './oauth-resource.ts';
import type { AuthFlags } from './server-options.ts';
import type { ToolScope } from './tool-scope.ts';
import type { Env } from './env.ts';

export const MIN_STATIC_TOKEN_LENGTH = 16;

export type TokenAuth = {
  readonly mode: 'bearer';
  readonly audience: string;
  readonly secrets?: TokenSecrets;
  readonly staticTokens: readonly string[];
  readonly maxLifetimeDays: number;
  /** `POST /mcp/<token>` is accepted (a signed token only). */
  readonly tokenInUrl: boolean;
  /** Besides the URL token, `Authorization: Bearer` must hold one of `staticTokens`. */
  readonly requireApiTokenAuth: boolean;
};

export type OAuthAuth = { readonly mode: 'oauth'; readonly config: OAuthConfig; readonly verifier: OAuthVerifier };

export type AuthSettings = { readonly mode: 'none' } | TokenAuth | OAuthAuth;

/** Who is calling, as far as this server is concerned; the key of the invocation limit. */
export type Principal = { readonly id: string; readonly name: string; readonly scope: ToolScope };

export const ANONYMOUS: Principal = { id: 'anonymous', name: 'anonymous', scope: {} };

type Errors = { readonly errors: readonly string[] };

function staticTokensFrom(env: Env): readonly string[] {
  return (env['MCP_AUTH_TOKENS'] ?? '').split(',').map((t) => t.trim()).filter((t) => t !== '');
}

function tokenAuthFrom(input: { readonly env: Env; readonly flags: AuthFlags; readonly audience: string }): TokenAuth | Errors {
  const { env, flags } = input;
  const secret = env['MCP_TOKEN_SECRET'];
  const previous = env['MCP_TOKEN_SECRET_PREVIOUS'];
  const staticTokens = staticTokensFrom(env);
  const maxLifetimeDays = maxLifetimeDaysFrom(env['MCP_TOKEN_MAX_LIFETIME_DAYS']);
  const hasSecret = secret !== undefined && secret !== '';
  const errors = [
    ...(hasSecret ? [secretProblem(secret)] : []),
    ...(previous !== undefined && previous !== '' ? [hasSecret ? secretProblem(previous, 'MCP_TOKEN_SECRET_PREVIOUS') : 'MCP_TOKEN_SECRET_PREVIOUS needs MCP_TOKEN_SECRET (the new secret) beside it.'] : []),
    ...(typeof maxLifetimeDays === 'number' ? [] : [maxLifetimeDays.error]),
    ...(staticTokens.some((t) => t.length < MIN_STATIC_TOKEN_LENGTH) ? [`Every token in MCP_AUTH_TOKENS must be at least ${MIN_STATIC_TOKEN_LENGTH} characters.`] : []),
    ...(staticTokens.some(looksLikeJwt) ? ['MCP_AUTH_TOKENS holds static tokens; signed tokens from `token create` need only MCP_TOKEN_SECRET.'] : []),
    ...(!hasSecret && staticTokens.length === 0
      ? ['HTTP serving needs a bearer token check: set MCP_TOKEN_SECRET (for tokens made with `token create`) and/or MCP_AUTH_TOKENS, or pass --no-auth to serve without one.']
      : []),
    ...(flags.tokenInUrl && !hasSecret ? ['--token-in-url needs MCP_TOKEN_SECRET: the URL carries a token made with `token create`.'] : []),
    ...(flags.requireApiTokenAuth && !flags.tokenInUrl ? ['--require-api-token-auth is the second layer of --token-in-url; pass both.'] : []),
    ...(flags.requireApiTokenAuth && staticTokens.length === 0 ? ['--require-api-token-auth needs MCP_AUTH_TOKENS: the keys clients send in Authorization: Bearer.'] : []),
  ].filter((e): e is string => e !== undefined);
  if (errors.length > 0) return { errors };
  return {
    mode: 'bearer',
    audience: input.audience,
    staticTokens,
    maxLifetimeDays: maxLifetimeDays as number,
    tokenInUrl: flags.tokenInUrl,
    requireApiTokenAuth: flags.requireApiTokenAuth,
    ...(hasSecret ? { secrets: { current: secret, ...(previous ? { previous } : {}) } } : {}),
  };
}

function oauthAuthFrom(input: { readonly flags: AuthFlags; readonly vendorSlug: string; readonly trustProxy: boolean }): OAuthAuth | Errors {
  const { issuer, resource } = input.flags;
  const errors = [
    issuer === undefined ? '--auth oauth needs --authorization-server <issuer URL>.' : urlProblem({ flag: '--authorization-server', value: issuer }),
    resource === undefined
      ? input.trustProxy
        ? undefined
        : '--auth oauth needs --resource <public URL of the MCP endpoint> (or --public-url, or --trust-proxy behind a proxy that sets X-Forwarded-Proto/Host).'
      : urlProblem({ flag: '--resource', value: resource }),
    input.flags.tokenInUrl ? '--token-in-url is for tokens from `token create`, not --auth oauth.' : undefined,
  ].filter((e): e is string => e !== undefined);
  if (errors.length > 0) return { errors };
  const config = { issuer: issuer!, ...(resource === undefined ? {} : { resource }), vendorSlug: input.vendorSlug };
  return { mode: 'oauth', config, verifier: createOAuthVerifier({ config }) };
}

/** HTTP needs a way to check every caller, or an explicit `--no-auth`. */
export function authSettingsFrom(input: { readonly env: Env; readonly flags: AuthFlags; readonly audience: string; readonly vendorSlug: string; readonly trustProxy?: boolean }): AuthSettings | Errors {
  if (input.flags.noAuth) return input.flags.mode === 'oauth' || input.flags.tokenInUrl ? { errors: ['--no-auth cannot be combined with --auth oauth or --token-in-url.'] } : { mode: 'none' };
  return input.flags.mode === 'oauth' ? oauthAuthFrom({ ...input, trustProxy: input.trustProxy === true }) : tokenAuthFrom(input);
}

/** A refusal: 401 (who are you?), 403 (not allowed) or 503 (cannot tell right now); `scope` names what is missing, `retryAfterSeconds` when a 503 may be over. */
export type AuthRefusal = { readonly reason: string; readonly status: 401 | 403 | 503; readonly scope?: string; readonly retryAfterSeconds?: number };

export type AuthOutcome = { readonly principal: Principal } | AuthRefusal;

/** `Bearer <token>`, or the reason it is not one. */
function bearerFrom(authorization: string | undefined): { readonly token: string } | AuthRefusal {
  if (authorization === undefined || authorization.trim() === '') return { reason: 'Missing bearer token: send Authorization: Bearer <token>.', status: 401 };
  const match = /^Bearer +(\S+) *$/i.exec(authorization);
  return match === null ? { reason: 'The Authorization header must be "Bearer <token>".', status: 401 } : { token: match[1]! };
}

async function signedPrincipal(input: { readonly settings: TokenAuth; readonly token: string; readonly now: number }): Promise<AuthOutcome> {
  const { settings } = input;
  if (settings.secrets === undefined) return { reason: 'This server accepts no signed tokens (MCP_TOKEN_SECRET is not set).', status: 401 };
  const verified = await verifyToken({ token: input.token, secrets: settings.secrets, audience: settings.audience, now: input.now, maxLifetimeDays: settings.maxLifetimeDays });
  if ('reason' in verified) return { reason: verified.reason, status: 401 };
  const { claims } = verified;
  return { principal: { id: `token:${claims.jti}`, name: claims.name, scope: claims.scope } };
}

function staticPrincipal(input: { readonly settings: TokenAuth; readonly token: string }): AuthOutcome {
  const index = matchStaticToken({ token: input.token, tokens: input.settings.staticTokens });
  if (index === undefined) return { reason: 'Unknown bearer token.', status: 401 };
  return { principal: { id: `static:${index + 1}`, name: `MCP_AUTH_TOKENS #${index + 1}`, scope: {} } };
}

/** The URL token names the caller; with `--require-api-token-auth` the header must hold a static key as well. */
async function urlTokenPrincipal(input: { readonly settings: TokenAuth; readonly pathToken: string; readonly authorization: string | undefined; readonly now: number }): Promise<AuthOutcome> {
  const { settings } = input;
  if (!settings.tokenInUrl) return { reason: 'This server takes no token in the URL (start it with --token-in-url).', status: 401 };
  if (settings.requireApiTokenAuth) {
    const bearer = bearerFrom(input.authorization);
    if ('reason' in bearer) return { reason: `${bearer.reason} This server needs an API key from MCP_AUTH_TOKENS besides the URL token.`, status: 401 };
    const key = staticPrincipal({ settings, token: bearer.token });
    if ('reason' in key) return { reason: 'Unknown API key in Authorization: Bearer (expected one of MCP_AUTH_TOKENS).', status: 401 };
  }
  return signedPrincipal({ settings, token: input.pathToken, now: input.now });
}

async function oauthPrincipal(input: { readonly settings: OAuthAuth; readonly token: string; readonly resource: string | undefined; readonly now: number }): Promise<AuthOutcome> {
  const { config } = input.settings;
  const audience = config.resource ?? input.resource;
  if (audience === undefined) return { reason: 'This server cannot tell which resource the request reached, so no token can be checked for it.', status: 503 };
  const outcome = await input.settings.verifier.verify({ token: input.token, audience, now: input.now });
  if ('unavailable' in outcome) return { reason: outcome.unavailable, status: 503, ...(outcome.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: outcome.retryAfterSeconds }) };
  if ('reason' in outcome) return { reason: outcome.reason, status: 401 };
  const scope = scopeFromClaims({ payload: outcome.payload, slug: config.vendorSlug });
  const readScope = oauthScopes(config.vendorSlug)[0]!;
  if (scope === undefined) return { reason: `The token grants none of this server's scopes (${oauthScopes(config.vendorSlug).join(', ')}).`, status: 403, scope: readScope };
  const who = String(outcome.payload.sub ?? outcome.payload['client_id'] ?? outcome.payload.jti ?? 'unknown');
  return { principal: { id: `oauth:${who}`, name: who, scope } };
}

/** Checks one request's credentials: the `Authorization` header, or the token in the URL path. */
/** `resource`: in OAuth mode without a configured one, the resource this request reached (from the trusted proxy). */
export async function authenticate(input: { readonly settings: AuthSettings; readonly authorization: string | undefined; readonly pathToken?: string; readonly resource?: string; readonly now: number }): Promise<AuthOutcome> {
  const { settings } = input;
  if (settings.mode === 'none') return { principal: ANONYMOUS };
  if (input.pathToken !== undefined) {
    if (settings.mode === 'bearer') return urlTokenPrincipal({ settings, pathToken: input.pathToken, authorization: input.authorization, now: input.now });
    return { reason: 'This server takes no token in the URL (start it with --token-in-url).', status: 401 };
  }
  if (settings.mode === 'bearer' && settings.requireApiTokenAuth) return { reason: 'This server takes its token in the URL: POST /mcp/<token>, with the API key in Authorization: Bearer.', status: 401 };
  const bearer = bearerFrom(input.authorization);
  if ('reason' in bearer) return bearer;
  if (settings.mode === 'oauth') return oauthPrincipal({ settings, token: bearer.token, resource: input.resource, now: input.now });
  return looksLikeJwt(bearer.token) ? signedPrincipal({ settings, token: bearer.token, now: input.now }) : staticPrincipal({ settings, token: bearer.token });
}
