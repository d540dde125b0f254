import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { callTool } from '../../templates/runtime/call-tool.ts';
import { createTokenSource, MAX_TOKEN_RESPONSE_BYTES, type ClientCredentialsGrant } from '../../templates/runtime/oauth-client-credentials.ts';
import { runtimeConfigFrom } from '../../templates/runtime/runtime-config.ts';
import type { VendorDefinition } from '../../templates/runtime/vendor-definition.ts';
import { ACME, tool } from './support.ts';

/** Rose Rocket's grant as its doc declares it. */
const GRANT: ClientCredentialsGrant = {
  tokenUrl: 'https://auth.acme.test/oauth/token',
  urlEnv: 'ACME_AUTH_URL',
  body: 'json',
  fields: { client_id: 'ACME_CLIENT_ID', client_secret: 'ACME_CLIENT_SECRET', org_id: 'ACME_ORG_ID' },
  constants: { audience: 'https://acme.test' },
  secrets: ['client_secret'],
};
const ENV = { ACME_CLIENT_ID: 'cid', ACME_CLIENT_SECRET: 'shh-client-secret', ACME_ORG_ID: 'org-1' };
const VENDOR: VendorDefinition = { ...ACME, auth: { kind: 'bearer', env: 'ACME_TOKEN', clientCredentials: GRANT } };

type Exchange = { url: string; body?: string; authorization?: string };

/** A token endpoint issuing tok-1, tok-2, … and an API that answers 401 to any token it was told to reject. */
function fakeVendor(input: { readonly rejectTokens?: Set<string>; readonly tokenStatus?: number; readonly expiresIn?: number }) {
  const exchanges: Exchange[] = [];
  let issued = 0;
  const fetchFn = (async (url: string | URL, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    exchanges.push({ url: String(url), ...(typeof init.body === 'string' ? { body: init.body } : {}), ...(headers.get('authorization') ? { authorization: headers.get('authorization')! } : {}) });
    if (String(url).endsWith('/oauth/token')) {
      if (input.tokenStatus !== undefined) return new Response(JSON.stringify({ error: 'access_denied', error_description: 'Unauthorized' }), { status: input.tokenStatus });
      issued += 1;
      return new Response(JSON.stringify({ access_token: `tok-${issued}`, token_type: 'Bearer', ...(input.expiresIn !== undefined ? { expires_in: input.expiresIn } : {}) }));
    }
    const token = headers.get('authorization')?.replace('Bearer ', '') ?? '';
    if (input.rejectTokens?.has(token)) return new Response(JSON.stringify({ statusCode: 401, message: 'Unauthorized' }), { status: 401 });
    return new Response(JSON.stringify({ ok: token }), { headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { fetch: fetchFn, exchanges };
}

const readTool = tool({ name: 'get_thing', http: { method: 'GET', path: '/things', args: {} }, input: () => z.strictObject({}) });

function configFor(input: { readonly env: Record<string, string>; readonly fetch: typeof fetch }) {
  const config = runtimeConfigFrom({ vendor: VENDOR, env: input.env, fetch: input.fetch });
  if ('errors' in config) throw new Error(config.errors.join('\n'));
  return config;
}

describe('client-credentials grant', () => {
  it('fetches one token with the declared fields, then reuses it', async () => {
    const vendor = fakeVendor({ expiresIn: 3600 });
    const config = configFor({ env: ENV, fetch: vendor.fetch });
    await callTool({ tool: readTool, args: {}, config });
    await callTool({ tool: readTool, args: {}, config });
    expect(vendor.exchanges).toStrictEqual([
      { url: 'https://auth.acme.test/oauth/token', body: JSON.stringify({ grant_type: 'client_credentials', audience: 'https://acme.test', client_id: 'cid', client_secret: 'shh-client-secret', org_id: 'org-1' }) },
      { url: 'https://api.acme.test/v1/things', authorization: 'Bearer tok-1' },
      { url: 'https://api.acme.test/v1/things', authorization: 'Bearer tok-1' },
    ]);
  });

  it('a 401 renews the token once and resends once', async () => {
    const vendor = fakeVendor({ rejectTokens: new Set(['tok-1']) });
    const config = configFor({ env: ENV, fetch: vendor.fetch });
    const result = await callTool({ tool: readTool, args: {}, config });
    expect(result.isError).toBeUndefined();
    expect(vendor.exchanges.map((e) => `${e.url.endsWith('/oauth/token') ? 'token' : 'api'} ${e.authorization ?? ''}`.trim())).toStrictEqual(['token', 'api Bearer tok-1', 'token', 'api Bearer tok-2']);
  });

  it('a second 401 is returned, not retried again', async () => {
    const vendor = fakeVendor({ rejectTokens: new Set(['tok-1', 'tok-2']) });
    const config = configFor({ env: ENV, fetch: vendor.fetch });
    const result = await callTool({ tool: readTool, args: {}, config });
    expect(result.isError).toBe(true);
    expect(vendor.exchanges.filter((e) => !e.url.endsWith('/oauth/token'))).toHaveLength(2);
  });

  it('a refused grant is an error naming the variables, never the secret, and nothing reaches the API', async () => {
    const vendor = fakeVendor({ tokenStatus: 401 });
    const config = configFor({ env: ENV, fetch: vendor.fetch });
    const result = await callTool({ tool: readTool, args: {}, config });
    const text = JSON.stringify(result);
    expect(result.isError).toBe(true);
    expect(text).toContain('HTTP 401 access_denied: Unauthorized');
    expect(text).toContain('ACME_CLIENT_SECRET');
    expect(text).not.toContain('shh-client-secret');
    expect(vendor.exchanges.every((e) => e.url.endsWith('/oauth/token'))).toBe(true);
  });

  it('the token URL can be pointed elsewhere (a sandbox, the simulator)', async () => {
    const vendor = fakeVendor({});
    const config = configFor({ env: { ...ENV, ACME_AUTH_URL: 'http://127.0.0.1:9/oauth/token' }, fetch: vendor.fetch });
    await callTool({ tool: readTool, args: {}, config });
    expect(vendor.exchanges[0]!.url).toBe('http://127.0.0.1:9/oauth/token');
  });

  it('a static token wins: no grant runs', async () => {
    const vendor = fakeVendor({});
    const config = configFor({ env: { ...ENV, ACME_TOKEN: 'static-token-1' }, fetch: vendor.fetch });
    await callTool({ tool: readTool, args: {}, config });
    expect(vendor.exchanges).toStrictEqual([{ url: 'https://api.acme.test/v1/things', authorization: 'Bearer static-token-1' }]);
  });

  it('missing variables fail at start-up, naming both ways to configure', () => {
    expect(runtimeConfigFrom({ vendor: VENDOR, env: { ACME_CLIENT_ID: 'cid' } })).toStrictEqual({
      errors: ['Missing vendor credentials: set ACME_TOKEN, or all of ACME_CLIENT_ID, ACME_CLIENT_SECRET, ACME_ORG_ID (missing: ACME_CLIENT_SECRET, ACME_ORG_ID).'],
    });
  });

  it('a blank variable is a missing one', () => {
    expect(runtimeConfigFrom({ vendor: VENDOR, env: { ...ENV, ACME_ORG_ID: ' \n' } })).toStrictEqual({
      errors: ['Missing vendor credentials: set ACME_TOKEN, or all of ACME_CLIENT_ID, ACME_CLIENT_SECRET, ACME_ORG_ID (missing: ACME_ORG_ID).'],
    });
  });

  it('concurrent calls share one token request; an expired token is renewed before use', async () => {
    let now = 0;
    const vendor = fakeVendor({ expiresIn: 120 });
    const secrets: string[] = [];
    const source = createTokenSource({ grant: GRANT, env: ENV, secrets, fetch: vendor.fetch, timeoutMs: 1_000, now: () => now });
    const [a, b] = await Promise.all([source.token(), source.token()]);
    expect([a, b]).toStrictEqual([{ token: 'tok-1' }, { token: 'tok-1' }]);
    now = 59_000;
    expect(await source.token()).toStrictEqual({ token: 'tok-1' });
    now = 61_000;
    expect(await source.token()).toStrictEqual({ token: 'tok-2' });
    expect(secrets).toStrictEqual(['shh-client-secret', 'tok-1', 'tok-2']);
  });
});

describe('the token endpoint answer is read under a small fixed limit', () => {
  const answer = (size: number) => {
    const padding = 'p'.repeat(Math.max(0, size - JSON.stringify({ access_token: 'tok-1', pad: '' }).length));
    return JSON.stringify({ access_token: 'tok-1', pad: padding });
  };
  const source = (body: string) =>
    createTokenSource({ grant: GRANT, env: ENV, secrets: [], timeoutMs: 1000, fetch: (async () => new Response(body, { headers: { 'content-type': 'application/json' } })) as typeof fetch });

  it('an answer exactly at the limit is read', async () => {
    expect(await source(answer(MAX_TOKEN_RESPONSE_BYTES)).token()).toStrictEqual({ token: 'tok-1' });
  });

  it('one byte more is not: the call fails with a clear error and nothing reaches the vendor', async () => {
    expect(await source(answer(MAX_TOKEN_RESPONSE_BYTES + 1)).token()).toStrictEqual({
      error: `Could not get an access token from auth.acme.test (an answer over ${MAX_TOKEN_RESPONSE_BYTES} bytes), so nothing was sent to the vendor.`,
    });
  });
});

describe('createTokenSource: the request, each way the endpoint can fail, and the cache', () => {
  type Sent = { readonly url: string; readonly init: RequestInit };
  const endpoint = (answer: () => Response | Promise<Response>) => {
    const sent: Sent[] = [];
    const fetchFn = (async (url: string | URL, init: RequestInit = {}) => {
      sent.push({ url: String(url), init });
      return answer();
    }) as typeof fetch;
    return { fetch: fetchFn, sent };
  };
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const sourceWith = (input: { readonly fetch: typeof fetch; readonly grant?: ClientCredentialsGrant; readonly env?: Record<string, string>; readonly secrets?: string[]; readonly now?: () => number }) =>
    createTokenSource({ grant: input.grant ?? GRANT, env: input.env ?? ENV, secrets: input.secrets ?? [], fetch: input.fetch, timeoutMs: 1_000, ...(input.now ? { now: input.now } : {}) });

  it('a form grant: a POST of the form-encoded fields (trimmed), asking for JSON, never following a redirect', async () => {
    const { fetch: fetchFn, sent } = endpoint(() => json({ access_token: 'tok-1' }));
    const env = { ACME_CLIENT_ID: ' cid\n', ACME_CLIENT_SECRET: 'shh secret&', ACME_ORG_ID: 'org-1' };
    expect(await sourceWith({ fetch: fetchFn, grant: { ...GRANT, body: 'form' }, env }).token()).toStrictEqual({ token: 'tok-1' });
    expect(sent).toHaveLength(1);
    const { init } = sent[0]!;
    expect({ method: init.method, headers: init.headers, body: init.body, redirect: init.redirect, signal: init.signal instanceof AbortSignal }).toStrictEqual({
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: 'grant_type=client_credentials&audience=https%3A%2F%2Facme.test&client_id=cid&client_secret=shh+secret%26&org_id=org-1',
      redirect: 'manual',
      signal: true,
    });
  });

  it('a JSON grant says so in its Content-Type', async () => {
    const { fetch: fetchFn, sent } = endpoint(() => json({ access_token: 'tok-1' }));
    await sourceWith({ fetch: fetchFn }).token();
    expect(sent[0]!.init.headers).toStrictEqual({ 'Content-Type': 'application/json', Accept: 'application/json' });
  });

  it('the grant secrets (trimmed) are redacted from the start; unset ones are not added', () => {
    const { fetch: fetchFn } = endpoint(() => json({}));
    const secrets: string[] = [];
    sourceWith({ fetch: fetchFn, grant: { ...GRANT, secrets: ['client_secret', 'org_id', 'not_a_field'] }, env: { ...ENV, ACME_CLIENT_SECRET: ' shh \n', ACME_ORG_ID: '' }, secrets });
    expect(secrets).toStrictEqual(['shh']);
  });

  it('a blank URL override falls back to the declared token URL', async () => {
    const { fetch: fetchFn, sent } = endpoint(() => json({ access_token: 'tok-1' }));
    await sourceWith({ fetch: fetchFn, env: { ...ENV, ACME_AUTH_URL: '  ' } }).token();
    expect(sent[0]!.url).toBe('https://auth.acme.test/oauth/token');
  });

  const failing = (error: Error) => (async () => Promise.reject(error)) as typeof fetch;
  const named = (name: string) => Object.assign(new Error('gone'), { name });
  it.each([
    { name: 'no answer in time', fetch: failing(named('TimeoutError')), reason: 'no answer within 1000 ms' },
    { name: 'aborted', fetch: failing(named('AbortError')), reason: 'no answer within 1000 ms' },
    { name: 'refused connection', fetch: failing(new TypeError('fetch failed')), reason: 'connection failed' },
    {
      name: 'an answer that breaks off',
      fetch: (async () => new Response(new ReadableStream({ start: (controller) => controller.error(new Error('reset')) }))) as typeof fetch,
      reason: 'the answer broke off',
    },
  ])('$name: the reason, and nothing was sent', async ({ fetch: fetchFn, reason }) => {
    expect(await sourceWith({ fetch: fetchFn }).token()).toStrictEqual({ error: `Could not get an access token from auth.acme.test (${reason}), so nothing was sent to the vendor.` });
  });

  const names = 'ACME_CLIENT_ID, ACME_CLIENT_SECRET, ACME_ORG_ID';
  it.each([
    { name: 'an error and its description', answer: () => json({ error: 'invalid_client', error_description: 'bad secret shh-client-secret' }, 401), says: 'HTTP 401 invalid_client: bad secret [redacted]' },
    { name: 'an error alone', answer: () => json({ error: 'invalid_client', error_description: 7 }, 400), says: 'HTTP 400 invalid_client' },
    { name: 'JSON without an error', answer: () => json({ message: 'no' }, 403), says: 'HTTP 403' },
    { name: 'not JSON', answer: () => new Response('<html>down</html>', { status: 503 }), says: 'HTTP 503' },
  ])('a refusal with $name', async ({ answer, says }) => {
    const { fetch: fetchFn } = endpoint(answer);
    expect(await sourceWith({ fetch: fetchFn, secrets: [] }).token()).toStrictEqual({ error: `The token endpoint refused the client credentials (${says}), so nothing was sent to the vendor. Check ${names}.` });
  });

  it.each([
    { name: 'not JSON', answer: () => new Response('token=abc'), error: 'The token endpoint answered without JSON, so nothing was sent to the vendor.' },
    { name: 'no access_token', answer: () => json({ token: 'abc' }), error: 'The token endpoint answered without an access_token, so nothing was sent to the vendor.' },
    { name: 'an empty access_token', answer: () => json({ access_token: '' }), error: 'The token endpoint answered without an access_token, so nothing was sent to the vendor.' },
    { name: 'an access_token that is not a string', answer: () => json({ access_token: 12345 }), error: 'The token endpoint answered without an access_token, so nothing was sent to the vendor.' },
  ])('a 200 answer with $name', async ({ answer, error }) => {
    const { fetch: fetchFn } = endpoint(answer);
    expect(await sourceWith({ fetch: fetchFn }).token()).toStrictEqual({ error });
  });

  const issuing = (expiresIn?: unknown) => {
    let issued = 0;
    return endpoint(() => {
      issued += 1;
      return json({ access_token: `tok-${issued}`, ...(expiresIn === undefined ? {} : { expires_in: expiresIn }) });
    });
  };

  it('renewed a minute before it expires: kept until 1 ms before, renewed at that instant', async () => {
    let now = 1_000;
    const { fetch: fetchFn, sent } = issuing(120);
    const source = sourceWith({ fetch: fetchFn, now: () => now });
    expect(await source.token()).toStrictEqual({ token: 'tok-1' });
    now = 1_000 + 60_000 - 1;
    expect(await source.token()).toStrictEqual({ token: 'tok-1' });
    now = 1_000 + 60_000;
    expect(await source.token()).toStrictEqual({ token: 'tok-2' });
    expect(sent).toHaveLength(2);
  });

  it.each([{ name: 'no expires_in', expiresIn: undefined }, { name: 'an expires_in that is not a number', expiresIn: '3600' }])('$name: the token is kept', async ({ expiresIn }) => {
    let now = 0;
    const { fetch: fetchFn, sent } = issuing(expiresIn);
    const source = sourceWith({ fetch: fetchFn, now: () => now });
    await source.token();
    now = 10 * 365 * 86_400_000;
    expect(await source.token()).toStrictEqual({ token: 'tok-1' });
    expect(sent).toHaveLength(1);
  });

  it('invalidate forgets only the token it names', async () => {
    const { fetch: fetchFn } = issuing(3600);
    const source = sourceWith({ fetch: fetchFn });
    await source.token();
    source.invalidate('tok-0');
    expect(await source.token()).toStrictEqual({ token: 'tok-1' });
    source.invalidate('tok-1');
    expect(await source.token()).toStrictEqual({ token: 'tok-2' });
  });

  it('a failed request is not shared with later calls: the next call asks again', async () => {
    let calls = 0;
    const { fetch: fetchFn } = endpoint(() => {
      calls += 1;
      return calls === 1 ? new Response('busy', { status: 503 }) : json({ access_token: 'tok-ok' });
    });
    const source = sourceWith({ fetch: fetchFn });
    expect(await source.token()).toMatchObject({ error: expect.stringContaining('HTTP 503') });
    expect(await source.token()).toStrictEqual({ token: 'tok-ok' });
  });
});
