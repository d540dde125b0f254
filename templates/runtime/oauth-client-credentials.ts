import { redact } from './redaction.ts';
import type { Env } from './env.ts';
import { readLimitedText, ResponseTooLarge } from './response-limit.ts';

/** An OAuth 2.0 client-credentials grant, declared in the vendor doc; every field comes from the environment. */
export type ClientCredentialsGrant = {
  readonly tokenUrl: string;
  /** Environment variable that overrides `tokenUrl` (a sandbox, a simulator). */
  readonly urlEnv: string;
  readonly body: 'json' | 'form';
  /** Request field → environment variable. */
  readonly fields: Readonly<Record<string, string>>;
  /** Fixed request fields (Rose Rocket's `audience`). */
  readonly constants: Readonly<Record<string, string>>;
  /** Request fields whose values must never be printed. */
  readonly secrets: readonly string[];
};

export type TokenResult = { readonly token: string } | { readonly error: string };

/** Hands out a cached access token, fetching one when there is none or it is about to expire. */
export type TokenSource = {
  token(): Promise<TokenResult>;
  /** After a 401: forget this token so the next `token()` fetches a fresh one. */
  invalidate(token: string): void;
};

/** A token answer is a few hundred bytes; anything past this is not a token answer and is not read. */
export const MAX_TOKEN_RESPONSE_BYTES = 64 * 1024;

/** Tokens are renewed this long before they expire, so a request never leaves with a dying one. */
const EXPIRY_MARGIN_MS = 60_000;

export function missingGrantVariables(input: { readonly grant: ClientCredentialsGrant; readonly env: Env }): string[] {
  return Object.values(input.grant.fields).filter((name) => (input.env[name]?.trim() ?? '') === '');
}

function requestBody(input: { readonly grant: ClientCredentialsGrant; readonly env: Env }): { body: string; contentType: string } {
  const fields: Record<string, string> = { grant_type: 'client_credentials', ...input.grant.constants };
  for (const [field, name] of Object.entries(input.grant.fields)) fields[field] = input.env[name]!.trim();
  if (input.grant.body === 'json') return { body: JSON.stringify(fields), contentType: 'application/json' };
  return { body: new URLSearchParams(fields).toString(), contentType: 'application/x-www-form-urlencoded' };
}

function describeRefusal(input: { readonly status: number; readonly text: string }): string {
  try {
    const body = JSON.parse(input.text) as Record<string, unknown>;
    const parts = [body['error'], body['error_description']].filter((part) => typeof part === 'string');
    if (parts.length > 0) return `HTTP ${input.status} ${parts.join(': ')}`;
  } catch {
    // not JSON: the status alone is the message
  }
  return `HTTP ${input.status}`;
}

/**
 * `secrets` is the live list every log line and error text is redacted with: the grant's own
 * secrets and each access token are added to it as soon as they are known.
 */
export function createTokenSource(input: {
  readonly grant: ClientCredentialsGrant;
  readonly env: Env;
  readonly secrets: string[];
  readonly fetch: typeof fetch;
  readonly timeoutMs: number;
  readonly now?: () => number;
}): TokenSource {
  const { grant, env } = input;
  const now = input.now ?? Date.now;
  const url = env[grant.urlEnv]?.trim() || grant.tokenUrl;
  for (const field of grant.secrets) {
    const value = env[grant.fields[field] ?? '']?.trim();
    if (value) input.secrets.push(value);
  }
  let cached: { token: string; expiresAt: number } | undefined;
  let inFlight: Promise<TokenResult> | undefined;
  const names = Object.values(grant.fields).join(', ');

  const fetchToken = async (): Promise<TokenResult> => {
    const { body, contentType } = requestBody({ grant, env });
    let response: Response;
    try {
      response = await input.fetch(url, { method: 'POST', headers: { 'Content-Type': contentType, Accept: 'application/json' }, body, signal: AbortSignal.timeout(input.timeoutMs), redirect: 'manual' });
    } catch (error) {
      const reason = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError') ? `no answer within ${input.timeoutMs} ms` : 'connection failed';
      return { error: `Could not get an access token from ${new URL(url).host} (${reason}), so nothing was sent to the vendor.` };
    }
    let text: string;
    try {
      text = await readLimitedText({ response, limitBytes: MAX_TOKEN_RESPONSE_BYTES });
    } catch (error) {
      const reason = error instanceof ResponseTooLarge ? `an answer over ${MAX_TOKEN_RESPONSE_BYTES} bytes` : 'the answer broke off';
      return { error: `Could not get an access token from ${new URL(url).host} (${reason}), so nothing was sent to the vendor.` };
    }
    if (!response.ok) {
      return { error: redact({ text: `The token endpoint refused the client credentials (${describeRefusal({ status: response.status, text })}), so nothing was sent to the vendor. Check ${names}.`, secrets: input.secrets }) };
    }
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return { error: 'The token endpoint answered without JSON, so nothing was sent to the vendor.' };
    }
    const token = parsed['access_token'];
    if (typeof token !== 'string' || token === '') return { error: 'The token endpoint answered without an access_token, so nothing was sent to the vendor.' };
    input.secrets.push(token);
    const lifetime = typeof parsed['expires_in'] === 'number' ? parsed['expires_in'] * 1000 : Number.POSITIVE_INFINITY;
    cached = { token, expiresAt: now() + lifetime - EXPIRY_MARGIN_MS };
    return { token };
  };

  return {
    token() {
      if (cached !== undefined && now() < cached.expiresAt) return Promise.resolve({ token: cached.token });
      // Concurrent calls share one token request instead of stampeding the endpoint.
      inFlight ??= fetchToken().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
    invalidate(token) {
      if (cached?.token === token) cached = undefined;
    },
  };
}
