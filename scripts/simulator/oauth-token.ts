import { isObject } from './json-pointer.ts';

/** Rose Rocket's token audience; Auth0 refuses a token request for any other API. */
const AUDIENCE = 'https://roserocket.com';
const REQUIRED_STRINGS = ['client_id', 'client_secret', 'audience', 'org_id', 'user_id'] as const;

/**
 * Rose Rocket's Auth0 client-credentials grant, served at the origin root because the real one
 * lives on another host (a.roserocket.com). It is not in the OpenAPI doc, so it is checked here.
 * Error bodies follow Auth0 (`{error, error_description}`), not the Platform Model envelope.
 */
export function handleOAuthToken(input: {
  method: string;
  headers: Record<string, string>;
  rawBody: string;
  token: string;
  clientSecret: string;
}): { status: number; body: unknown; errors: string[] } {
  const invalid = (made: { status: number; error: string; description: string }) => ({
    status: made.status,
    body: { error: made.error, error_description: made.description },
    errors: [made.description],
  });
  if (input.method !== 'POST') return invalid({ status: 405, error: 'invalid_request', description: 'The token endpoint only accepts POST' });
  const contentType = (input.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  let body: unknown;
  if (contentType === 'application/json') {
    try {
      body = JSON.parse(input.rawBody);
    } catch {
      return invalid({ status: 400, error: 'invalid_request', description: 'body is not valid JSON' });
    }
  } else {
    return invalid({ status: 400, error: 'invalid_request', description: 'Content-Type must be application/json' });
  }
  if (!isObject(body)) return invalid({ status: 400, error: 'invalid_request', description: 'body must be a JSON object' });
  if (body.grant_type !== 'client_credentials') {
    return invalid({ status: 403, error: 'unsupported_grant_type', description: 'grant_type must be client_credentials' });
  }
  const missing = REQUIRED_STRINGS.filter((key) => typeof body[key] !== 'string' || body[key] === '');
  if (missing.length > 0) return invalid({ status: 400, error: 'invalid_request', description: `missing ${missing.join(', ')}` });
  if (body.audience !== AUDIENCE) {
    return invalid({ status: 403, error: 'access_denied', description: `Service not found: ${String(body.audience)}` });
  }
  if (body.client_secret !== input.clientSecret) return invalid({ status: 401, error: 'access_denied', description: 'Unauthorized' });
  return { status: 200, body: { access_token: input.token, token_type: 'Bearer', expires_in: 86400 }, errors: [] };
}
