import { matchStaticToken, secretProblem, TOKEN_PREFIX, verifyToken } from './access-token.ts';
import type { ToolScope } from './tool-scope.ts';
import type { Env } from './env.ts';

export const MIN_STATIC_TOKEN_LENGTH = 16;

export type AuthSettings =
  | { readonly mode: 'none' }
  | { readonly mode: 'bearer'; readonly audience: string; readonly secret?: string; readonly staticTokens: readonly string[] };

/** Who is calling, as far as this server is concerned; the key of the invocation limit. */
export type Principal = { readonly id: string; readonly name: string; readonly scope: ToolScope };

export const ANONYMOUS: Principal = { id: 'anonymous', name: 'anonymous', scope: {} };

/** HTTP needs at least one way to check a bearer token, or an explicit `--no-auth`. */
export function authSettingsFrom(input: { readonly env: Env; readonly noAuth: boolean; readonly audience: string }): AuthSettings | { readonly errors: readonly string[] } {
  if (input.noAuth) return { mode: 'none' };
  const secret = input.env['MCP_TOKEN_SECRET'];
  const staticTokens = (input.env['MCP_AUTH_TOKENS'] ?? '').split(',').map((t) => t.trim()).filter((t) => t !== '');
  const errors: string[] = [];
  const problem = secret === undefined || secret === '' ? undefined : secretProblem(secret);
  if (problem !== undefined) errors.push(problem);
  if (staticTokens.some((t) => t.length < MIN_STATIC_TOKEN_LENGTH)) errors.push(`Every token in MCP_AUTH_TOKENS must be at least ${MIN_STATIC_TOKEN_LENGTH} characters.`);
  if (staticTokens.some((t) => t.startsWith(TOKEN_PREFIX))) errors.push(`MCP_AUTH_TOKENS holds static tokens; signed ${TOKEN_PREFIX}… tokens need only MCP_TOKEN_SECRET.`);
  if ((secret === undefined || secret === '') && staticTokens.length === 0) {
    errors.push('HTTP serving needs a bearer token check: set MCP_TOKEN_SECRET (for tokens made with `token create`) and/or MCP_AUTH_TOKENS, or pass --no-auth to serve without one.');
  }
  if (errors.length > 0) return { errors };
  return { mode: 'bearer', audience: input.audience, staticTokens, ...(secret ? { secret } : {}) };
}

export type AuthOutcome = { readonly principal: Principal } | { readonly reason: string };

/** Checks the `Authorization` header of one request; the reason goes back to the client with the 401. */
export function authenticate(input: { readonly settings: AuthSettings; readonly authorization: string | undefined; readonly now: number }): AuthOutcome {
  const { settings } = input;
  if (settings.mode === 'none') return { principal: ANONYMOUS };
  if (input.authorization === undefined || input.authorization.trim() === '') return { reason: 'Missing bearer token: send Authorization: Bearer <token>.' };
  const match = /^Bearer +(\S+) *$/i.exec(input.authorization);
  if (match === null) return { reason: 'The Authorization header must be "Bearer <token>".' };
  const token = match[1]!;
  if (token.startsWith(TOKEN_PREFIX)) {
    if (settings.secret === undefined) return { reason: 'This server accepts no signed tokens (MCP_TOKEN_SECRET is not set).' };
    const verified = verifyToken({ token, secret: settings.secret, audience: settings.audience, now: input.now });
    if ('reason' in verified) return verified;
    const { claims } = verified;
    return { principal: { id: `token:${claims.jti}`, name: claims.name, scope: claims.scope } };
  }
  const index = matchStaticToken({ token, tokens: settings.staticTokens });
  if (index === undefined) return { reason: 'Unknown bearer token.' };
  return { principal: { id: `static:${index + 1}`, name: `MCP_AUTH_TOKENS #${index + 1}`, scope: {} } };
}
