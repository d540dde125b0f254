import type { CallToolResult } from '@modelcontextprotocol/server';
import { describeFields, nextStep, readVendorError, type ErrorEnvelope } from './error-envelope.ts';
import { readRateLimit, type RateLimitInfo } from './rate-limit-headers.ts';
import { redact, redactValue } from './redaction.ts';
import { sanitizeText, sanitizeValue } from './text-sanitizer.ts';

export type VendorResponse = {
  readonly status: number;
  readonly statusText: string;
  readonly contentType: string;
  readonly text: string;
  readonly headers: { get(name: string): string | null };
  /** When the response arrived (ms since the epoch), for relative rate-limit times. */
  readonly receivedAt: number;
};

export type ParsedBody = { readonly value: unknown } | { readonly malformed: string };

/**
 * `null` for an empty body (204); otherwise JSON with hidden characters stripped and every secret
 * redacted (keys too), before any part of it is cut, shown or kept; or why it is not JSON.
 */
export function parseBody(input: { readonly response: VendorResponse; readonly secrets: readonly string[] }): ParsedBody {
  const { response } = input;
  if (response.text.trim() === '') return { value: null };
  try {
    return { value: redactValue({ value: sanitizeValue(JSON.parse(response.text) as unknown), secrets: input.secrets }) };
  } catch {
    const kind = response.contentType.split(';')[0]?.trim() || 'no content type';
    return { malformed: /json/i.test(kind) ? 'malformed JSON' : `${kind} instead of JSON` };
  }
}

/** structuredContent must be an object: arrays are wrapped as `{items}`, scalars as `{value}`. */
export function toStructured(value: unknown): Record<string, unknown> {
  if (Array.isArray(value)) return { items: value };
  if (typeof value === 'object' && value !== null) return value as Record<string, unknown>;
  return { value };
}

/** A short, safe view of a body that is not the JSON it should be: an HTML page's title, or its start. */
export function bodyGlimpse(input: { readonly response: VendorResponse; readonly secrets: readonly string[] }): string {
  const text = sanitizeText(input.response.text);
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
  const glimpse = title ? `an HTML page titled ${JSON.stringify(title)}` : JSON.stringify(redact({ text: text.trim().replace(/\s+/g, ' '), secrets: input.secrets }).slice(0, 200));
  return redact({ text: glimpse, secrets: input.secrets });
}

export function rateLimitFields(info: RateLimitInfo): Record<string, unknown> {
  const { ratelimit } = info;
  return ratelimit === undefined ? {} : { ratelimit: { limit: ratelimit.limit ?? null, remaining: ratelimit.remaining ?? null, reset: ratelimit.reset ?? null } };
}

function retryText(info: RateLimitInfo): string {
  return info.retryAfterSeconds === undefined ? '' : ` Retry after ${info.retryAfterSeconds} s.`;
}

/**
 * "The vendor answered HTTP 404 Not Found: Order not found". A message that only repeats the
 * reason phrase (no message of its own, or a body saying "Unauthorized" to a 401 Unauthorized)
 * is left out rather than said twice.
 */
function heading(input: { readonly status: number; readonly statusText: string; readonly message: string }): string {
  const said = input.message.replace(/[.\s]+$/, '');
  const answered = `The vendor answered HTTP ${input.status}${input.statusText ? ` ${input.statusText}` : ''}`;
  return input.statusText !== '' && said.toLowerCase() === input.statusText.toLowerCase() ? answered : `${answered}: ${said}`;
}

/** A vendor error (non-2xx) as a result a model can act on: what failed, which field, what to do. */
export function errorResult(input: {
  readonly response: VendorResponse;
  /** The method sent: a write answered by a redirect may have taken effect. */
  readonly method: string;
  readonly secrets: readonly string[];
  readonly envelope?: ErrorEnvelope;
  readonly argFor: (wire: string) => string;
  readonly credentialNames: readonly string[];
}): CallToolResult {
  const { response, secrets } = input;
  const parsed = parseBody({ response, secrets });
  const vendorError = 'value' in parsed && parsed.value !== null ? readVendorError({ body: parsed.value, envelope: input.envelope, argFor: input.argFor }) : { fields: [] };
  // The reason phrase is vendor text like any other: it may carry terminal escapes or hidden characters.
  const statusText = sanitizeText(response.statusText).trim();
  const said = vendorError.message ?? ('malformed' in parsed ? bodyGlimpse({ response, secrets }) : statusText || 'no message');
  // Redacted before the cut: a secret straddling character 1,000 must not leave its first half.
  const message = redact({ text: sanitizeText(said), secrets }).slice(0, 1000);
  const rate = readRateLimit({ headers: response.headers, nowMs: response.receivedAt });
  const fields = vendorError.fields.length > 0 ? ` Fields: ${describeFields(vendorError.fields)}.` : '';
  const step = nextStep({ status: response.status, method: input.method, hints: input.envelope?.hints ?? {}, credentialNames: input.credentialNames });
  const text = redact({ text: `${heading({ status: response.status, statusText, message })}.${fields} ${step}${retryText(rate)}`, secrets });
  const limited = response.status === 429 || response.status === 503;
  const structured: Record<string, unknown> = {
    status: response.status,
    message,
    ...(vendorError.code !== undefined ? { code: redact({ text: vendorError.code, secrets }) } : {}),
    ...(vendorError.requestId !== undefined ? { request_id: vendorError.requestId } : {}),
    ...(vendorError.fields.length > 0 ? { fields: vendorError.fields } : {}),
    ...(limited || rate.retryAfterSeconds !== undefined ? { retry_after_seconds: rate.retryAfterSeconds ?? null } : {}),
    ...(response.status === 429 ? { ratelimit: { limit: null, remaining: null, reset: null }, ...rateLimitFields(rate) } : rateLimitFields(rate)),
  };
  return { isError: true, content: [{ type: 'text', text }], structuredContent: structured };
}

export function failureResult(text: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text }] };
}
