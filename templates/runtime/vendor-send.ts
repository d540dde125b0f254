import type { CallToolResult } from '@modelcontextprotocol/server';
import type { RuntimeConfig } from './runtime-config.ts';
import type { HttpRequest } from './http-request.ts';
import { redact } from './redaction.ts';
import { readLimitedText, ResponseTooLarge } from './response-limit.ts';
import { failureResult, type VendorResponse } from './vendor-response.ts';

class TokenUnavailable extends Error {}

/** Header names are case-insensitive: a later `accept` replaces an earlier `Accept` instead of joining it. */
export function mergeHeaders(layers: readonly Readonly<Record<string, string>>[]): Record<string, string> {
  const merged = new Map<string, [string, string]>();
  for (const layer of layers) for (const [name, value] of Object.entries(layer)) merged.set(name.toLowerCase(), [name, value]);
  return Object.fromEntries(merged.values());
}

/**
 * An abort signal that fires after `ms` as `AbortSignal.timeout` would (a `TimeoutError`), but whose
 * timer the caller clears once the call is over: a timeout signal keeps its timer, and the signal
 * with it, alive for the whole timeout after the call ended, so every call would leave one behind.
 */
function callTimeout(ms: number): { readonly signal: AbortSignal; readonly clear: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException(`The operation was aborted due to timeout`, 'TimeoutError')), ms);
  timer.unref();
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

async function sendOnce(input: { readonly request: HttpRequest; readonly config: RuntimeConfig; readonly token?: string }): Promise<VendorResponse> {
  const { request, config } = input;
  const headers = input.token === undefined ? request.headers : mergeHeaders([request.headers, { Authorization: `Bearer ${input.token}` }]);
  const { signal, clear } = callTimeout(config.timeoutMs);
  try {
    const response = await config.fetch(request.url, { method: request.method, headers, ...(request.body !== undefined ? { body: request.body } : {}), signal, redirect: 'manual' });
    let text: string;
    try {
      text = await readLimitedText({ response, limitBytes: config.maxResponseBytes });
    } catch (error) {
      // A timeout that fires mid-body surfaces as a reset socket; it is still the timeout.
      throw signal.aborted ? signal.reason : error;
    }
    return { status: response.status, statusText: response.statusText, contentType: response.headers.get('content-type') ?? '', text, headers: response.headers, receivedAt: Date.now() };
  } finally {
    clear();
  }
}

/**
 * One request to the vendor. With an OAuth token source, a 401 means the token died early: it is
 * renewed and the request sent once more. That is the only resend; everything else is the caller's call.
 */
export async function send(input: { readonly request: HttpRequest; readonly config: RuntimeConfig }): Promise<VendorResponse> {
  const source = input.config.credentials.tokenSource;
  if (source === undefined) return sendOnce(input);
  const first = await source.token();
  if ('error' in first) throw new TokenUnavailable(first.error);
  const response = await sendOnce({ ...input, token: first.token });
  if (response.status !== 401) return response;
  source.invalidate(first.token);
  const renewed = await source.token();
  if ('error' in renewed) throw new TokenUnavailable(renewed.error);
  return sendOnce({ ...input, token: renewed.token });
}

function tooLarge(input: { readonly error: ResponseTooLarge; readonly request: HttpRequest; readonly config: RuntimeConfig }): CallToolResult {
  const variable = `${input.config.vendor.envPrefix}_MAX_RESPONSE_BYTES`;
  const effect = input.request.method === 'GET' ? '' : ' The request was sent and may have taken effect; read the resource before repeating it.';
  return failureResult(
    `The vendor's answer was larger than ${input.error.limitBytes} bytes, the server's limit, so it was not read.${effect} Ask for less (a smaller limit, a narrower filter), or have the operator raise ${variable}.`,
  );
}

/** A request that got no usable answer, in words a model can act on. */
export function networkFailure(input: { readonly error: unknown; readonly request: HttpRequest; readonly config: RuntimeConfig }): CallToolResult {
  const { error, config } = input;
  if (error instanceof TokenUnavailable) return failureResult(redact({ text: error.message, secrets: config.credentials.secrets }));
  if (error instanceof ResponseTooLarge) return tooLarge({ ...input, error });
  const host = new URL(input.request.url).host;
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return failureResult(`The vendor did not answer within ${config.timeoutMs} ms (${host}). Nothing is known about whether the request took effect; read the resource before retrying a write.`);
  }
  const cause = error instanceof Error && error.cause instanceof Error ? (error.cause as Error & { code?: string }).code ?? error.cause.message : error instanceof Error ? ((error as Error & { code?: string }).code ?? error.message) : String(error);
  return failureResult(redact({ text: `Could not reach the vendor at ${host}: ${cause}.`, secrets: config.credentials.secrets }));
}
