import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOAuthVerifier, ISSUER_FAILURE_HOLD_MS, oauthScopes, protectedResourceMetadata, resourceMetadataUrl, scopeFromClaims, urlProblem } from '../../templates/runtime/oauth-resource.ts';

const RESOURCE = 'https://mcp.example.com/mcp';

type Key = { readonly jwk: JWK; readonly privateKey: CryptoKey };
async function key(kid: string): Promise<Key> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const { d: _, ...publicJwk } = await exportJWK(privateKey);
  return { jwk: { ...publicJwk, kid, alg: 'ES256' }, privateKey };
}

/** What the issuer does on a path instead of answering it: nothing (it hangs), half an answer (it stalls), or this answer. */
type Fault = 'hang' | 'stall' | { readonly status: number; readonly type: string; readonly body: string };

/** A stand-in issuer: its metadata and JWKS can change or fail under the verifier, and every request is counted. */
let issuerServer: Server;
let issuer: string;
let published: Key[] = [];
let metadataIssuer: string | undefined;
let faults: Readonly<Record<string, Fault>> = {};
const hits: string[] = [];

function answerFault(input: { readonly res: ServerResponse; readonly fault: Fault }): void {
  const { res, fault } = input;
  if (fault === 'hang') return;
  if (fault === 'stall') return void res.writeHead(200, { 'content-type': 'application/json' }).write('{"issuer":');
  res.writeHead(fault.status, { 'content-type': fault.type }).end(fault.body);
}

beforeAll(async () => {
  issuerServer = createServer((req, res) => {
    hits.push(req.url ?? '');
    const fault = faults[req.url ?? ''];
    if (fault !== undefined) return answerFault({ res, fault });
    if (req.url === '/.well-known/openid-configuration') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ issuer: metadataIssuer ?? issuer, jwks_uri: `${issuer}/jwks` }));
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
  // A hanging answer holds its connection open.
  issuerServer.closeAllConnections();
  await closed;
});

/** Runs `check` with the issuer failing on the paths given, and puts it right afterwards. */
async function withFaults(input: { readonly faults: Readonly<Record<string, Fault>>; readonly check: () => Promise<void> }): Promise<void> {
  faults = input.faults;
  try {
    await input.check();
  } finally {
    faults = {};
  }
}

const METADATA_PATHS = ['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration'];
const onMetadata = (fault: Fault) => Object.fromEntries(METADATA_PATHS.map((path) => [path, fault]));

/** Long enough for a loopback answer on a loaded machine, short enough that a test waits for no real timeout. */
const SHORT_TIMEOUT_MS = 300;

/** A verifier whose clock the test moves: the hold of a failure is counted on it. */
function clockedVerifier(extra: { readonly issuerTimeoutMs?: number } = {}) {
  const clock = { now: Date.parse('2026-12-01T12:00:00Z') };
  const verifier = createOAuthVerifier({ config: { issuer, resource: RESOURCE, vendorSlug: 'acme' }, clock: () => clock.now, ...extra });
  return { clock, verifier };
}

const sign = (k: Key, over: Record<string, unknown> = {}) =>
  new SignJWT({ scope: 'acme:read', ...over }).setProtectedHeader({ alg: 'ES256', kid: k.jwk.kid! }).setIssuer(issuer).setAudience(RESOURCE).setIssuedAt().setExpirationTime('5m').sign(k.privateKey);

const timedOut = () =>
  `The authorization server could not be discovered (no authorization server metadata: ${issuer}${METADATA_PATHS[0]}: request timed out; ${issuer}${METADATA_PATHS[1]}: request timed out).`;

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

  it('an unreachable or lying issuer makes a 503-style "unavailable", tried again once its hold has passed', async () => {
    const k = await key('k3');
    published = [k];
    metadataIssuer = 'https://impostor.example';
    const { clock, verifier } = clockedVerifier();
    expect(await verifier.verify({ token: await sign(k), audience: RESOURCE, now: Date.now() })).toStrictEqual({
      unavailable: `The authorization server could not be discovered (${issuer}/.well-known/openid-configuration names the issuer "https://impostor.example", not ${issuer}.).`,
      retryAfterSeconds: 5,
    });
    metadataIssuer = undefined;
    clock.now += ISSUER_FAILURE_HOLD_MS;
    expect(await verifier.verify({ token: await sign(k), audience: RESOURCE, now: Date.now() })).toMatchObject({ payload: { iss: issuer } });
  });

  it.each([
    { name: 'HTTP 500', fault: { status: 500, type: 'text/plain', body: 'boom' }, problem: 'Expected 200 OK from the JSON Web Key Set HTTP response' },
    { name: 'an HTML page', fault: { status: 200, type: 'text/html', body: '<html>login</html>' }, problem: 'Failed to parse the JSON Web Key Set HTTP response as JSON' },
  ])('a key set answering $name is an outage (503), not a malformed token: the client must not sign in again', async ({ fault, problem }) => {
    const k = await key('k5');
    published = [k];
    await withFaults({
      faults: { '/jwks': fault },
      check: async () => {
        const verifier = createOAuthVerifier({ config: { issuer, resource: RESOURCE, vendorSlug: 'acme' } });
        expect(await verifier.verify({ token: await sign(k), audience: RESOURCE, now: Date.now() })).toMatchObject({ unavailable: `The authorization server's keys could not be read (${problem}).` });
      },
    });
  });

  it('an issuer that never answers its metadata: 503 "request timed out" once the timeout passes, and the first request after it recovers (and the hold) succeeds', async () => {
    const k = await key('k6');
    published = [k];
    const { clock, verifier } = clockedVerifier({ issuerTimeoutMs: SHORT_TIMEOUT_MS });
    await withFaults({
      faults: onMetadata('hang'),
      check: async () => expect(await verifier.verify({ token: await sign(k), audience: RESOURCE, now: Date.now() })).toStrictEqual({ unavailable: timedOut(), retryAfterSeconds: 5 }),
    });
    clock.now += ISSUER_FAILURE_HOLD_MS;
    expect(await verifier.verify({ token: await sign(k), audience: RESOURCE, now: Date.now() })).toMatchObject({ payload: { iss: issuer } });
  });

  it('metadata that stops halfway through its body is a timeout too, not a document naming no issuer', async () => {
    const { verifier } = clockedVerifier({ issuerTimeoutMs: SHORT_TIMEOUT_MS });
    await withFaults({
      faults: onMetadata('stall'),
      check: async () => expect(await verifier.verify({ token: await sign(await key('k8')), audience: RESOURCE, now: Date.now() })).toStrictEqual({ unavailable: timedOut(), retryAfterSeconds: 5 }),
    });
  });

  it('a key set that never answers times out after the same configured time as discovery', async () => {
    const k = await key('k7');
    published = [k];
    const { verifier } = clockedVerifier({ issuerTimeoutMs: SHORT_TIMEOUT_MS });
    await withFaults({
      faults: { '/jwks': 'hang' },
      check: async () =>
        expect(await verifier.verify({ token: await sign(k), audience: RESOURCE, now: Date.now() })).toStrictEqual({ unavailable: "The authorization server's keys could not be read (request timed out).", retryAfterSeconds: 5 }),
    });
  });

  it('a token signed by a key the issuer never published: refused as a bad signature', async () => {
    const [published1, stranger] = await Promise.all([key('k4'), key('k4')]);
    published = [published1];
    const verifier = createOAuthVerifier({ config: { issuer, resource: RESOURCE, vendorSlug: 'acme' } });
    expect(await verifier.verify({ token: await sign(stranger), audience: RESOURCE, now: Date.now() })).toStrictEqual({ reason: `The token's signature is invalid: it was not signed by a key of ${issuer}, or it was altered.` });
  });
});

describe('createOAuthVerifier: what a failing issuer is asked', () => {
  const MALFORMED = { reason: 'The token is malformed: expected a JWT (header.payload.signature).' };

  it.each(['x.y.z', 'not-a-jwt', 'eyJhbGciOiJFUzI1NiJ9.bm90IGpzb24.sig', 'a.b.c.d.e'])('%s is refused as malformed before the issuer is asked anything', async (token) => {
    hits.length = 0;
    const { verifier } = clockedVerifier();
    expect(await verifier.verify({ token, audience: RESOURCE, now: Date.now() })).toStrictEqual(MALFORMED);
    expect(hits).toStrictEqual([]);
  });

  it('a failed discovery is held: 50 requests meanwhile ask once (two metadata URLs), each told the seconds left; at the hold\'s end it asks again', async () => {
    const token = await sign(await key('k9'));
    const { clock, verifier } = clockedVerifier();
    const reason = `The authorization server could not be discovered (no authorization server metadata: ${issuer}${METADATA_PATHS[0]}: HTTP 500; ${issuer}${METADATA_PATHS[1]}: HTTP 500).`;
    await withFaults({
      faults: onMetadata({ status: 500, type: 'text/plain', body: 'boom' }),
      check: async () => {
        hits.length = 0;
        const first = clock.now;
        for (let i = 0; i < 50; i += 1) expect(await verifier.verify({ token, audience: RESOURCE, now: Date.now() })).toStrictEqual({ unavailable: reason, retryAfterSeconds: 5 });
        expect(hits).toStrictEqual(METADATA_PATHS);
        clock.now = first + ISSUER_FAILURE_HOLD_MS - 1001;
        expect(await verifier.verify({ token, audience: RESOURCE, now: Date.now() })).toStrictEqual({ unavailable: reason, retryAfterSeconds: 2 });
        clock.now = first + ISSUER_FAILURE_HOLD_MS - 1;
        expect(await verifier.verify({ token, audience: RESOURCE, now: Date.now() })).toStrictEqual({ unavailable: reason, retryAfterSeconds: 1 });
        expect(hits).toHaveLength(2);
        clock.now = first + ISSUER_FAILURE_HOLD_MS;
        expect(await verifier.verify({ token, audience: RESOURCE, now: Date.now() })).toStrictEqual({ unavailable: reason, retryAfterSeconds: 5 });
        expect(hits).toHaveLength(4);
      },
    });
  });

  it('a failed key set is held the same way, and a success ends the hold at once', async () => {
    const k = await key('k10');
    published = [k];
    const token = await sign(k);
    const { clock, verifier } = clockedVerifier();
    await withFaults({
      faults: { '/jwks': { status: 500, type: 'text/plain', body: 'boom' } },
      check: async () => {
        hits.length = 0;
        for (let i = 0; i < 10; i += 1) expect(await verifier.verify({ token, audience: RESOURCE, now: Date.now() })).toMatchObject({ retryAfterSeconds: 5 });
        expect(hits.filter((h) => h === '/jwks')).toHaveLength(1);
      },
    });
    clock.now += ISSUER_FAILURE_HOLD_MS;
    expect(await verifier.verify({ token, audience: RESOURCE, now: Date.now() })).toMatchObject({ payload: { iss: issuer } });
    expect(await verifier.verify({ token, audience: RESOURCE, now: Date.now() })).toMatchObject({ payload: { iss: issuer } });
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
  // Well formed, so that it is worth asking the issuer about; its signature is never reached.
  const token = `${Buffer.from('{"alg":"ES256"}').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.c2ln`;
  const verify = async (fetch: typeof globalThis.fetch, issuer = ISSUER) =>
    createOAuthVerifier({ config: { issuer, resource: RESOURCE, vendorSlug: 'acme' }, fetch }).verify({ token, audience: RESOURCE, now: Date.now() });
  const metadata = (body: Record<string, unknown>) => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });

  it('an issuer with a path: the well-known segment before it (RFC 8414), then after it (OpenID), JSON asked for, no redirects', async () => {
    const { fetch, seen } = fetchFrom({ [OIDC]: new Error('connect ECONNREFUSED') });
    expect(await verify(fetch)).toStrictEqual({ unavailable: `The authorization server could not be discovered (no authorization server metadata: ${RFC8414}: HTTP 404; ${OIDC}: connect ECONNREFUSED).`, retryAfterSeconds: 5 });
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
    expect(await verify(fetch)).toStrictEqual({ unavailable: `The authorization server could not be discovered (${RFC8414}: ${problem}).`, retryAfterSeconds: 5 });
  });

  it('metadata that is not JSON names no issuer', async () => {
    const { fetch } = fetchFrom({ [RFC8414]: new Response('<html>', { status: 200 }) });
    expect(await verify(fetch)).toStrictEqual({ unavailable: `The authorization server could not be discovered (${RFC8414} names the issuer undefined, not ${ISSUER}.).`, retryAfterSeconds: 5 });
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
