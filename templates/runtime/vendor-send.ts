import type { CallToolResult } from '@modelcontextprotocol/server';
import type { RuntimeConfig } from './runtime-config.ts';
import type { HttpRequest } from './http-request.ts';
import { isWrite, UNCERTAIN_WRITE } from './error-envelope.ts';
import { redact } from './redaction.ts';
import { readLimitedText, ResponseTooLarge } from './response-limit.ts';
import { sanitizeText } from './text-sanitizer.ts';
import { failureResult, type VendorResponse } from './vendor-response.ts';

class TokenUnavailable extends Error {}

/** The status line arrived and then the body failed (a reset, a gzip stream that does not decode): the vendor did answer. */
class AnswerBrokeOff extends Error {
  readonly status: number;
  constructor(input: { readonly status: number; readonly cause: unknown }) {
    super(`the HTTP ${input.status} answer broke off`, { cause: input.cause });
    this.name = 'AnswerBrokeOff';
    this.status = input.status;
  }
}

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
      if (signal.aborted) throw signal.reason;
      if (error instanceof ResponseTooLarge) throw error;
      throw new AnswerBrokeOff({ status: response.status, cause: error });
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

function tooLarge(input: { readonly error: ResponseTooLarge; readonly request: HttpRequest; readonly config: RuntimeConfig }): string {
  const variable = `${input.config.vendor.envPrefix}_MAX_RESPONSE_BYTES`;
  const effect = isWrite(input.request.method) ? ' The request was sent and may have taken effect; read the resource before repeating it.' : '';
  return `The vendor's answer was larger than ${input.error.limitBytes} bytes, the server's limit, so it was not read.${effect} Ask for less (a smaller limit, a narrower filter), or have the operator raise ${variable}.`;
}

/**
 * Failures raised before a byte of the request leaves: no connection (refused, unreachable), no
 * address (DNS), or a certificate refused during the TLS handshake, which comes before the request.
 * Only these may say nothing was sent; any other code, or none, leaves a write's fate unknown.
 */
const NOTHING_SENT = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH',
  'ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID', 'CERT_REVOKED', 'CERT_UNTRUSTED', 'CERT_REJECTED', 'CERT_SIGNATURE_FAILURE', 'CERT_CHAIN_TOO_LONG', 'INVALID_CA',
]);

function codeOf(value: unknown): string | undefined {
  const code = typeof value === 'object' && value !== null ? (value as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/** undici's fetch wraps the real error ("fetch failed", "terminated") and keeps it as the cause; node:http throws it as it is. */
function innermost(error: unknown): unknown {
  return error instanceof Error && error.cause instanceof Error ? error.cause : error;
}

/** The failure in a word: its code, else its message. */
function failureReason(error: unknown): string {
  const inner = innermost(error);
  return inner instanceof Error ? (codeOf(inner) ?? inner.message) : String(inner);
}

/** True only when the request certainly never left: a write that failed so can be sent again as it is. */
export function nothingSent(error: unknown): boolean {
  if (error instanceof TokenUnavailable) return true;
  if (error instanceof AnswerBrokeOff) return false;
  const code = codeOf(innermost(error)) ?? codeOf(error);
  return code !== undefined && NOTHING_SENT.has(code);
}

/** What to do about a write whose fate is unknown: a model that simply retries may send it twice. */
const CHECK_FIRST = 'Read the resource to check before retrying; sending it again may do it twice.';

/** The status arrived, so the vendor got the request: for a write, a 2xx almost certainly means it was done. */
function brokeOff(input: { readonly error: AnswerBrokeOff; readonly method: string }): string {
  const { error } = input;
  const said = `The vendor answered HTTP ${error.status} but the answer broke off (${failureReason(error.cause)})`;
  if (!isWrite(input.method)) return `${said}, so it could not be read.`;
  if (error.status >= 200 && error.status < 300) return `${said}; it most likely took effect. ${CHECK_FIRST}`;
  return `${said}. ${UNCERTAIN_WRITE}`;
}

/** No status arrived. A write that may have left may have been done: only a failure before sending says it was not. */
function unanswered(input: { readonly error: unknown; readonly request: HttpRequest }): string {
  const { error, request } = input;
  const host = new URL(request.url).host;
  const reason = failureReason(error);
  if (!isWrite(request.method)) return `Could not reach the vendor at ${host}: ${reason}.`;
  if (nothingSent(error)) return `Could not reach the vendor at ${host}: ${reason}. Nothing was sent.`;
  return `The connection to the vendor at ${host} broke before it answered (${reason}). The write may have taken effect: the request may have reached the vendor first. ${CHECK_FIRST}`;
}

function failureText(input: { readonly error: unknown; readonly request: HttpRequest; readonly config: RuntimeConfig }): string {
  const { error, config } = input;
  if (error instanceof TokenUnavailable) return error.message;
  if (error instanceof ResponseTooLarge) return tooLarge({ ...input, error });
  if (error instanceof AnswerBrokeOff) return brokeOff({ error, method: input.request.method });
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return `The vendor did not answer within ${config.timeoutMs} ms (${new URL(input.request.url).host}). Nothing is known about whether the request took effect; read the resource before retrying a write.`;
  }
  return unanswered(input);
}

/**
 * A request that got no usable answer, in words a model can act on: above all, whether a write
 * may have been done, so that a lost answer is not taken for a request that never left. Error
 * messages can quote vendor text (a token endpoint's refusal, a certificate's names), so they are
 * sanitized and redacted like any vendor text.
 */
export function networkFailure(input: { readonly error: unknown; readonly request: HttpRequest; readonly config: RuntimeConfig }): CallToolResult {
  return failureResult(redact({ text: sanitizeText(failureText(input)), secrets: input.config.credentials.secrets }));
}
