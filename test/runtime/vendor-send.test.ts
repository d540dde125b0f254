import { describe, expect, it } from 'vitest';
import type { HttpRequest } from '../../templates/runtime/http-request.ts';
import type { TokenSource } from '../../templates/runtime/oauth-client-credentials.ts';
import { networkFailure, nothingSent, send } from '../../templates/runtime/vendor-send.ts';
import { BEARER, TOKEN, config, recordingFetch } from './support.ts';

const REQUEST: HttpRequest = { method: 'GET', url: 'https://api.acme.test/v1/orders/1', headers: {} };

/** What a failure says; each is shown to the model as it is, so it must carry no secret itself. */
const text = (result: ReturnType<typeof networkFailure>) => (result.content[0] as { text: string }).text;

describe('networkFailure: no secret in its words', () => {
  it('a token endpoint that echoes the client secret in its refusal', async () => {
    const source: TokenSource = { token: async () => ({ error: `The token endpoint refused client_secret=${TOKEN}.` }), invalidate: () => undefined };
    const { fetch, sent } = recordingFetch(() => new Response('{}'));
    const settings = config({ fetch, credentials: { ...BEARER, tokenSource: source } });
    const error = await send({ request: REQUEST, config: settings }).then(() => undefined, (caught: unknown) => caught);
    expect(sent).toStrictEqual([]);
    expect(text(networkFailure({ error, request: REQUEST, config: settings }))).toBe('The token endpoint refused client_secret=[redacted].');
  });

  it('a connection error whose cause quotes the secret', () => {
    const error = new TypeError('fetch failed', { cause: new Error(`proxy said no to ${TOKEN}`) });
    expect(text(networkFailure({ error, request: REQUEST, config: config({ fetch: recordingFetch(() => new Response('{}')).fetch }) }))).toBe('Could not reach the vendor at api.acme.test: proxy said no to [redacted].');
  });
});

describe('networkFailure: vendor text quoted by an error is sanitized', () => {
  it('a certificate name with a right-to-left override and a terminal escape', () => {
    const error = new TypeError('fetch failed', { cause: new Error("Hostname/IP does not match certificate's altnames: DNS:evil\u202Emoc.\u001b[2Jacme.test") });
    expect(text(networkFailure({ error, request: REQUEST, config: config({ fetch: recordingFetch(() => new Response('{}')).fetch }) }))).toBe(
      "Could not reach the vendor at api.acme.test: Hostname/IP does not match certificate's altnames: DNS:evilmoc.acme.test.",
    );
  });
});

describe('send: the timeout ends with the call', () => {
  it('a call that is over leaves no timer behind: its abort signal never fires afterwards', async () => {
    let signal: AbortSignal | undefined;
    const fetch = (async (_url: string | URL | Request, init?: RequestInit) => {
      signal = init?.signal ?? undefined;
      return new Response('{"id":1}', { headers: { 'content-type': 'application/json' } });
    }) as typeof globalThis.fetch;
    const response = await send({ request: REQUEST, config: config({ fetch, timeoutMs: 20 }) });
    expect(response.status).toBe(200);
    // Past the timeout: a timer left running would abort the signal of a finished call now.
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(signal?.aborted).toBe(false);
  });

  it('a vendor that does not answer within the timeout is still cut off, as a TimeoutError', async () => {
    const fetch = ((_url: string | URL | Request, init?: RequestInit) => new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)))) as typeof globalThis.fetch;
    const error = await send({ request: REQUEST, config: config({ fetch, timeoutMs: 20 }) }).then(() => undefined, (caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'TimeoutError' });
  });
});

describe('networkFailure: only a failure before anything left says nothing was sent', () => {
  const post = (method: string): HttpRequest => ({ ...REQUEST, method });
  const settings = config({ fetch: recordingFetch(() => new Response('{}')).fetch });
  const coded = (code: string) => Object.assign(new Error(`connect ${code} 10.0.0.1:443`), { code });
  // node:http rejects with the coded error; undici's fetch wraps it as the cause of "fetch failed".
  const shapes = [
    { shape: 'node:http', wrap: (error: Error) => error },
    { shape: 'undici', wrap: (error: Error) => new TypeError('fetch failed', { cause: error }) },
  ];
  const before = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_HAS_EXPIRED', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID'];
  const after = ['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'UND_ERR_SOCKET', 'ERR_SSL_WRONG_VERSION_NUMBER'];

  describe.each(shapes)('$shape', ({ wrap }) => {
    it.each(before)('%s: a write was not sent', (code) => {
      expect(nothingSent(wrap(coded(code)))).toBe(true);
      expect(text(networkFailure({ error: wrap(coded(code)), request: post('POST'), config: settings }))).toBe(`Could not reach the vendor at api.acme.test: ${code}. Nothing was sent.`);
    });

    it.each(after)('%s: a write may have taken effect', (code) => {
      expect(nothingSent(wrap(coded(code)))).toBe(false);
      expect(text(networkFailure({ error: wrap(coded(code)), request: post('POST'), config: settings }))).toBe(
        `The connection to the vendor at api.acme.test broke before it answered (${code}). The write may have taken effect: the request may have reached the vendor first. Read the resource to check before retrying; sending it again may do it twice.`,
      );
    });
  });

  it.each([
    { name: 'an error without a code', error: new Error('socket closed') },
    { name: 'a wrapper whose cause has no code', error: new TypeError('fetch failed', { cause: new Error('other side closed') }) },
    { name: 'a rejection that is not an Error', error: 'socket hang up' },
  ])('$name is not known to have stayed unsent', ({ error }) => expect(nothingSent(error)).toBe(false));

  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])('%s is a write: a reset may have taken effect', (method) => {
    expect(text(networkFailure({ error: coded('ECONNRESET'), request: post(method), config: settings }))).toContain('The write may have taken effect');
  });

  it.each(['GET', 'HEAD'])('%s is a read: a reset is a failure to reach the vendor, nothing more', (method) => {
    expect(text(networkFailure({ error: coded('ECONNRESET'), request: post(method), config: settings }))).toBe('Could not reach the vendor at api.acme.test: ECONNRESET.');
  });
});

describe('send: a body that breaks off after the status arrived', () => {
  /** A body that yields `sent` and then fails as a reset socket does. */
  const breaking = (sent: string) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        if (sent !== '') controller.enqueue(new TextEncoder().encode(sent));
        controller.error(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
      },
    });
  const failure = async (input: { readonly status: number; readonly method: string; readonly sent?: string }) => {
    const request: HttpRequest = { ...REQUEST, method: input.method };
    const settings = config({ fetch: recordingFetch(() => new Response(breaking(input.sent ?? '{"id":'), { status: input.status })).fetch });
    const error = await send({ request, config: settings }).then(() => undefined, (caught: unknown) => caught);
    return { sent: nothingSent(error), said: text(networkFailure({ error, request, config: settings })) };
  };

  it.each([200, 201, 299])('a write answered %i most likely took effect', async (status) => {
    expect(await failure({ status, method: 'POST' })).toStrictEqual({
      sent: false,
      said: `The vendor answered HTTP ${status} but the answer broke off (ECONNRESET); it most likely took effect. Read the resource to check before retrying; sending it again may do it twice.`,
    });
  });

  it.each([300, 404, 500])('a write answered %i may or may not have taken effect', async (status) => {
    expect((await failure({ status, method: 'PUT' })).said).toBe(`The vendor answered HTTP ${status} but the answer broke off (ECONNRESET). A write may or may not have taken effect: read the resource before retrying.`);
  });

  it.each(['', '{"id":'])('after %j the same: the status is what tells', async (sent) => {
    expect((await failure({ status: 201, method: 'DELETE', sent })).said).toContain('HTTP 201 but the answer broke off (ECONNRESET); it most likely took effect.');
  });

  it('a read is a plain failure to read', async () => {
    expect((await failure({ status: 200, method: 'GET' })).said).toBe('The vendor answered HTTP 200 but the answer broke off (ECONNRESET), so it could not be read.');
  });
});
