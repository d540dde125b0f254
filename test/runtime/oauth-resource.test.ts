import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOAuthVerifier, oauthScopes, protectedResourceMetadata, resourceMetadataUrl, scopeFromClaims, urlProblem } from '../../templates/runtime/oauth-resource.ts';

const RESOURCE = 'https://mcp.example.com/mcp';

type Key = { readonly jwk: JWK; readonly privateKey: CryptoKey };
async function key(kid: string): Promise<Key> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const { d: _, ...publicJwk } = await exportJWK(privateKey);
  return { jwk: { ...publicJwk, kid, alg: 'ES256' }, privateKey };
}

/** A stand-in issuer: its metadata and JWKS can change under the verifier, and every request is counted. */
let issuerServer: Server;
let issuer: string;
let published: Key[] = [];
let metadataIssuer: string | undefined;
/** When set, what the JWKS endpoint answers instead of the keys (an outage). */
let jwksFault: { readonly status: number; readonly type: string; readonly body: string } | undefined;
/** Paths the issuer accepts and never answers (it hangs), and those it starts to answer and never finishes. */
let silent: readonly string[] = [];
let stalled: readonly string[] = [];
const hits: string[] = [];

beforeAll(async () => {
  issuerServer = createServer((req, res) => {
    hits.push(req.url ?? '');
    if (silent.includes(req.url ?? '')) return;
    if (stalled.includes(req.url ?? '')) {
      res.writeHead(200, { 'content-type': 'application/json' }).flushHeaders();
      return void res.write('{"issuer":');
    }
    if (req.url === '/.well-known/openid-configuration') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ issuer: metadataIssuer ?? issuer, jwks_uri: `${issuer}/jwks` }));
    }
    if (req.url === '/jwks' && jwksFault !== undefined) {
      res.writeHead(jwksFault.status, { 'content-type': jwksFault.type });
      return res.end(jwksFault.body);
    }
    if (req.url === '/jwks') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ keys: published.map((k) => k.jwk) }));
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => issuerServer.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(issuerServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  const closed = new Promise<void>((resolve) => issuerServer.close(() => resolve()));
  issuerServer.closeAllConnections();
  await closed;
});

/** Long enough for a loopback answer on a loaded machine, short enough that a test waits for no real timeout. */
const SHORT_TIMEOUT_MS = 300;

const sign = (k: Key, over: Record<string, unknown> = {}) =>
  new SignJWT({ scope: 'acme:read', ...over }).setProtectedHeader({ alg: 'ES256', kid: k.jwk.kid! }).setIssuer(issuer).setAudience(RESOURCE).setIssuedAt().setExpirationTime('5m').sign(k.privateKey);

describe('createOAuthVerifier', () => {
  it('discovers the JWKS once (RFC 8414 first, then OpenID discovery), and a rotated key with a new kid is fetched without a restart', async () => {
    const [first, second] = await Promise.all([key('k1'), key('k2')]);
    published = [first];
    hits.length = 0;
    // No cooldown here; in service an unknown kid refetches at most every 30 s.
    const verifier = createOAuthVerifier({ config: { issuer, resource: RESOURCE, vendorSlug: 'acme' }, jwksCooldownMs: 0 });
    const now = Date.now();
    expect(await verifier.verify({ token: await sign(first), audience: RESOURCE, now })).toMatchObject({ payload: { iss: issuer, aud: RESOURCE } });
    expect(await verifier.verify({ token: await sign(first), audience: RESOURCE, now })).toMatchObject({ payload: { iss: issuer } });
    expect(hits).toStrictEqual(['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration', '/jwks']);
    published = [second];
    expect(await verifier.verify({ token: await sign(second), audience: RESOURCE, now })).toMatchObject({ payload: { iss: issuer } });
    expect(hits.filter((h) => h === '/jwks')).toHaveLength(2);
  });

  it('an unreachable or lying issuer makes a 503-style "unavailable", retried on the next request', async () => {
    const k = await key('k3');
    published = [k];
    metadataIssuer = 'https://impostor.example';
    const verifier = createOAuthVerifier({ config: { issuer, resource: RESOURCE, vendorSlug: 'acme' } });
    expect(await verifier.verify({ token: await sign(k), audience: RESOURCE, now: Date.now() })).toStrictEqual({
      unavailable: `The authorization server could not be discovered (${issuer}/.well-known/openid-configuration names the issuer "https://impostor.example", not ${issuer}.).`,
    });
    metadataIssuer = undefined;
    expect(await verifier.verify({ token: await sign(k), audience: RESOURCE, now: Date.now() })).toMatchObject({ payload: { iss: issuer } });
  });

  it.each([
    { name: 'HTTP 500', fault: { status: 500, type: 'text/plain', body: 'boom' }, problem: 'Expected 200 OK from the JSON Web Key Set HTTP response' },
    { name: 'an HTML page', fault: { status: 200, type: 'text/html', body: '<html>login</html>' }, problem: 'Failed to parse the JSON Web Key Set HTTP response as JSON' },
  ])('a key set answering $name is an outage (503), not a malformed token: the client must not sign in again', async ({ fault, problem }) => {
    const k = await key('k5');
    published = [k];
    jwksFault = fault;
    try {
      const verifier = createOAuthVerifier({ config: { issuer, resource: RESOURCE, vendorSlug: 'acme' } });
      expect(await verifier.verify({ token: await sign(k), audience: RESOURCE, now: Date.now() })).toStrictEqual({ unavailable: `The authorization server's keys could not be read (${problem}).` });
    } finally {
      jwksFault = undefined;
    }
  });

  it('an issuer that never answers its metadata: 503 "request timed out" once the timeout passes, and the next request after it recovers succeeds', async () => {
    const k = await key('k6');
    published = [k];
    silent = ['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration'];
    try {
      const verifier = createOAuthVerifier({ config: { issuer, resource: RESOURCE, vendorSlug: 'acme' }, issuerTimeoutMs: SHORT_TIMEOUT_MS });
      expect(await verifier.verify({ token: await sign(k), audience: RESOURCE, now: Date.now() })).toStrictEqual({
        unavailable: `The authorization server could not be discovered (no authorization server metadata: ${issuer}/.well-known/oauth-authorization-server: request timed out; ${issuer}/.well-known/openid-configuration: request timed out).`,
      });
      silent = [];
      expect(await verifier.verify({ token: await sign(k), audience: RESOURCE, now: Date.now() })).toMatchObject({ payload: { iss: issuer } });
    } finally {
      silent = [];
    }
  });

  it('metadata that stops halfway through its body is a timeout too, not a document naming no issuer', async () => {
    stalled = ['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration'];
    try {
      const verifier = createOAuthVerifier({ config: { issuer, resource: RESOURCE, vendorSlug: 'acme' }, issuerTimeoutMs: SHORT_TIMEOUT_MS });
      expect(await verifier.verify({ token: await sign(await key('k8')), audience: RESOURCE, now: Date.now() })).toStrictEqual({
        unavailable: `The authorization server could not be discovered (no authorization server metadata: ${issuer}/.well-known/oauth-authorization-server: request timed out; ${issuer}/.well-known/openid-configuration: request timed out).`,
      });
    } finally {
      stalled = [];
    }
  });

  it('a key set that never answers times out after the same configured time as discovery', async () => {
    const k = await key('k7');
    published = [k];
    silent = ['/jwks'];
    try {
      const verifier = createOAuthVerifier({ config: { issuer, resource: RESOURCE, vendorSlug: 'acme' }, issuerTimeoutMs: SHORT_TIMEOUT_MS });
      expect(await verifier.verify({ token: await sign(k), audience: RESOURCE, now: Date.now() })).toStrictEqual({ unavailable: "The authorization server's keys could not be read (request timed out)." });
    } finally {
      silent = [];
    }
  });

  it('a token signed by a key the issuer never published: refused as a bad signature', async () => {
    const [published1, stranger] = await Promise.all([key('k4'), key('k4')]);
    published = [published1];
    const verifier = createOAuthVerifier({ config: { issuer, resource: RESOURCE, vendorSlug: 'acme' } });
    expect(await verifier.verify({ token: await sign(stranger), audience: RESOURCE, now: Date.now() })).toStrictEqual({ reason: `The token's signature is invalid: it was not signed by a key of ${issuer}, or it was altered.` });
  });
});

describe('createOAuthVerifier: symmetric keys', () => {
  it('an HS256 token signed with a shared (oct) key the JWKS publishes is refused: anyone who can read the set could forge one', async () => {
    const secret = new TextEncoder().encode('a shared secret of at least 32 bytes!!');
    const oct: Key = { jwk: { kty: 'oct', k: Buffer.from(secret).toString('base64url'), kid: 'hs', alg: 'HS256' }, privateKey: undefined as unknown as CryptoKey };
    published = [oct];
    const verifier = createOAuthVerifier({ config: { issuer, resource: RESOURCE, vendorSlug: 'acme' }, jwksCooldownMs: 0 });
    const token = await new SignJWT({ scope: 'acme:read' }).setProtectedHeader({ alg: 'HS256', kid: 'hs' }).setIssuer(issuer).setAudience(RESOURCE).setIssuedAt().setExpirationTime('5m').sign(secret);
    expect(await verifier.verify({ token, audience: RESOURCE, now: Date.now() })).toStrictEqual({
      reason: 'The token is signed with an algorithm this server does not accept (accepted: RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA).',
    });
  });
});

describe('scopes and metadata', () => {
  it.each([
    { scope: 'acme:read', want: { methods: ['read'] } },
    { scope: 'acme:write acme:read openid', want: { methods: ['read', 'write'] } },
    { scope: 'acme:custom', want: { methods: ['custom'] } },
    { scope: 'other:read acme', want: undefined },
    { scope: '', want: undefined },
    { scp: ['acme:write'], want: { methods: ['write'] } },
  ])('$scope$scp → $want', ({ want, ...claims }) => expect(scopeFromClaims({ payload: claims, slug: 'acme' })).toStrictEqual(want));

  it('scope names, metadata URL (RFC 9728 §3.1) and document', () => {
    expect(oauthScopes('acme')).toStrictEqual(['acme:read', 'acme:write', 'acme:custom']);
    expect(resourceMetadataUrl('https://mcp.example.com/mcp')).toBe('https://mcp.example.com/.well-known/oauth-protected-resource/mcp');
    expect(resourceMetadataUrl('https://mcp.example.com/acme/mcp/')).toBe('https://mcp.example.com/.well-known/oauth-protected-resource/acme/mcp');
    expect(resourceMetadataUrl('https://mcp.example.com/')).toBe('https://mcp.example.com/.well-known/oauth-protected-resource');
    expect(protectedResourceMetadata({ config: { issuer: 'https://as.example', resource: RESOURCE, vendorSlug: 'acme' }, resource: RESOURCE, scopes: ['acme:read'] })).toStrictEqual({
      resource: RESOURCE,
      authorization_servers: ['https://as.example'],
      scopes_supported: ['acme:read'],
      bearer_methods_supported: ['header'],
    });
  });

  it.each([
    { value: 'https://as.example', want: undefined },
    { value: 'http://127.0.0.1:8080', want: undefined },
    { value: 'http://localhost:8080/realms/x', want: undefined },
    { value: 'http://as.example', want: '--x must be an https URL (http only on a loopback host; got "http://as.example").' },
    { value: 'https://as.example/?a=1', want: '--x must not carry a query or fragment (got "https://as.example/?a=1").' },
    { value: 'as.example', want: '--x must be an absolute URL (got "as.example").' },
  ])('urlProblem $value', ({ value, want }) => expect(urlProblem({ flag: '--x', value })).toStrictEqual(want));
});

describe('discovery, with the issuer answering through a recorded fetch', () => {
  type Seen = { readonly url: string; readonly init: RequestInit | undefined };
  /** Answers each metadata URL from `answers` (a Response, or an Error to throw); anything else is a 404. */
  const fetchFrom = (answers: Record<string, Response | Error>) => {
    const seen: Seen[] = [];
    const fetch = (async (url: string | URL, init?: RequestInit) => {
      seen.push({ url: String(url), init });
      const answer = answers[String(url)];
      if (answer instanceof Error) throw answer;
      return answer ?? new Response('{}', { status: 404 });
    }) as typeof globalThis.fetch;
    return { fetch, seen };
  };
  const ISSUER = 'https://as.example/realms/acme/';
  const RFC8414 = 'https://as.example/.well-known/oauth-authorization-server/realms/acme';
  const OIDC = 'https://as.example/realms/acme/.well-known/openid-configuration';
  const verify = async (fetch: typeof globalThis.fetch, issuer = ISSUER) =>
    createOAuthVerifier({ config: { issuer, resource: RESOURCE, vendorSlug: 'acme' }, fetch }).verify({ token: 'a.b.c', audience: RESOURCE, now: Date.now() });
  const metadata = (body: Record<string, unknown>) => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });

  it('an issuer with a path: the well-known segment before it (RFC 8414), then after it (OpenID), JSON asked for, no redirects', async () => {
    const { fetch, seen } = fetchFrom({ [OIDC]: new Error('connect ECONNREFUSED') });
    expect(await verify(fetch)).toStrictEqual({ unavailable: `The authorization server could not be discovered (no authorization server metadata: ${RFC8414}: HTTP 404; ${OIDC}: connect ECONNREFUSED).` });
    const init = { headers: { accept: 'application/json' }, redirect: 'error', signal: expect.any(AbortSignal) };
    expect(seen).toStrictEqual([
      { url: RFC8414, init },
      { url: OIDC, init },
    ]);
  });

  it.each([
    { name: 'no jwks_uri', body: { issuer: ISSUER }, problem: 'it has no jwks_uri' },
    { name: 'a jwks_uri over plain http', body: { issuer: ISSUER, jwks_uri: 'http://as.example/jwks' }, problem: 'jwks_uri must be an https URL (http only on a loopback host; got "http://as.example/jwks").' },
  ])('metadata with $name is refused, naming where it came from', async ({ body, problem }) => {
    const { fetch } = fetchFrom({ [RFC8414]: metadata(body) });
    expect(await verify(fetch)).toStrictEqual({ unavailable: `The authorization server could not be discovered (${RFC8414}: ${problem}).` });
  });

  it('metadata that is not JSON names no issuer', async () => {
    const { fetch } = fetchFrom({ [RFC8414]: new Response('<html>', { status: 200 }) });
    expect(await verify(fetch)).toStrictEqual({ unavailable: `The authorization server could not be discovered (${RFC8414} names the issuer undefined, not ${ISSUER}.).` });
  });
});

describe('urlProblem and scopes: the edges', () => {
  it.each([
    { value: 'http://[::1]:8080', want: undefined },
    { value: 'ftp://localhost/x', want: '--x must be an https URL (http only on a loopback host; got "ftp://localhost/x").' },
    { value: 'https://as.example/#frag', want: '--x must not carry a query or fragment (got "https://as.example/#frag").' },
  ])('urlProblem $value', ({ value, want }) => expect(urlProblem({ flag: '--x', value })).toStrictEqual(want));

  it.each([
    { name: 'a scope that only starts with ours', payload: { scope: 'acme:readers' }, want: undefined },
    { name: 'a scope claim that is neither text nor a list', payload: { scope: 5 }, want: undefined },
    { name: 'a list with other entries', payload: { scp: [7, 'acme:custom'] }, want: { methods: ['custom'] } },
  ])('$name', ({ payload, want }) => expect(scopeFromClaims({ payload, slug: 'acme' })).toStrictEqual(want));
});
