import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';

/** Bodies Node can decode, keyed by `Content-Encoding`; anything else is passed on as it came. */
const DECODERS: Readonly<Record<string, () => NodeJS.ReadWriteStream>> = {
  gzip: () => zlib.createGunzip(),
  'x-gzip': () => zlib.createGunzip(),
  deflate: () => zlib.createInflate(),
  br: () => zlib.createBrotliDecompress(),
};

/** A Response may not carry a body for these statuses. */
const NULL_BODY = new Set([101, 204, 205, 304]);

function plainHeaders(init: RequestInit['headers']): Record<string, string> {
  const headers: Record<string, string> = {};
  new Headers(init).forEach((value, name) => {
    headers[name] = value;
  });
  headers['accept-encoding'] ??= 'gzip, deflate, br';
  return headers;
}

function responseHeaders(raw: readonly string[]): Headers {
  const headers = new Headers();
  for (let index = 0; index + 1 < raw.length; index += 2) headers.append(raw[index]!, raw[index + 1]!);
  return headers;
}

/** The body as the caller will count it: decompressed, so a small gzip bomb counts at its real size. */
function decodedBody(response: http.IncomingMessage): ReadableStream<Uint8Array> | null {
  if (NULL_BODY.has(response.statusCode ?? 0)) {
    response.resume();
    return null;
  }
  const decoder = DECODERS[(response.headers['content-encoding'] ?? '').trim().toLowerCase()];
  const stream: Readable = decoder === undefined ? response : (response.pipe(decoder() as unknown as NodeJS.WritableStream) as unknown as Readable);
  if (decoder !== undefined) response.on('error', (error) => stream.destroy(error));
  return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
}

/**
 * The runtime's transport, shaped like `fetch` so tests can hand in their own. Built on node:http
 * rather than `fetch` because `fetch` refuses a body on GET, and some vendors take one there
 * (Rose Rocket's `GET /boards/nav`). Like the runtime's use of `fetch` before it: redirects are
 * never followed, gzip/deflate/br bodies are decoded, and the abort signal ends the request and
 * the body. The body arrives as a stream, never buffered here: the caller reads it under a limit.
 */
export function requestVendor(url: string | URL, init: RequestInit = {}): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    const target = new URL(String(url));
    const body = typeof init.body === 'string' ? init.body : undefined;
    const headers = plainHeaders(init.headers);
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    const client = target.protocol === 'https:' ? https : http;
    const request = client.request(target, { method: init.method ?? 'GET', headers, ...(init.signal ? { signal: init.signal } : {}) }, (response) => {
      try {
        resolve(new Response(decodedBody(response), { status: response.statusCode ?? 0, statusText: response.statusMessage ?? '', headers: responseHeaders(response.rawHeaders) }));
      } catch (error) {
        response.destroy();
        reject(error);
      }
    });
    request.on('error', (error) => reject(init.signal?.aborted ? (init.signal.reason ?? error) : error));
    request.end(body);
  });
}
