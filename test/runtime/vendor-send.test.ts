import { describe, expect, it } from 'vitest';
import type { HttpRequest } from '../../templates/runtime/http-request.ts';
import type { TokenSource } from '../../templates/runtime/oauth-client-credentials.ts';
import { networkFailure, send } from '../../templates/runtime/vendor-send.ts';
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
