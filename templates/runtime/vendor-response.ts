import type { CallToolResult } from '@modelcontextprotocol/server';
import { redact } from './redaction.ts';
import { sanitizeText, sanitizeValue } from './text-sanitizer.ts';

export type VendorResponse = { readonly status: number; readonly statusText: string; readonly contentType: string; readonly text: string };

function parseJson(text: string): { value: unknown } | undefined {
  if (text.trim() === '') return { value: null };
  try {
    return { value: sanitizeValue(JSON.parse(text) as unknown) };
  } catch {
    return undefined;
  }
}

/** structuredContent must be an object: arrays are wrapped as `{items}`, scalars as `{value}`. */
export function toStructured(value: unknown): Record<string, unknown> {
  if (Array.isArray(value)) return { items: value };
  if (typeof value === 'object' && value !== null) return value as Record<string, unknown>;
  return { value };
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) return value.join('; ');
  return undefined;
}

/** The common places vendors put a human message, tried in order. */
export function vendorMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  const nested = typeof record['error'] === 'object' && record['error'] !== null ? (record['error'] as Record<string, unknown>) : {};
  return textOf(record['message']) ?? textOf(nested['message']) ?? textOf(record['error']) ?? textOf(record['detail']) ?? textOf(record['title']);
}

export function successResult(response: VendorResponse): CallToolResult {
  const parsed = parseJson(response.text);
  if (parsed === undefined) {
    const text = sanitizeText(response.text);
    return { content: [{ type: 'text', text }], structuredContent: { status: response.status, text } };
  }
  const structured = toStructured(parsed.value === null ? { status: response.status } : parsed.value);
  return { content: [{ type: 'text', text: JSON.stringify(structured) }], structuredContent: structured };
}

export function errorResult(input: { readonly response: VendorResponse; readonly secrets: readonly string[] }): CallToolResult {
  const { response } = input;
  const parsed = parseJson(response.text);
  // Redact before cutting: a secret straddling the cut would otherwise leak its first half.
  const raw = (parsed && vendorMessage(parsed.value)) ?? (redact({ text: sanitizeText(response.text.trim()), secrets: input.secrets }).slice(0, 300) || response.statusText);
  const message = redact({ text: raw, secrets: input.secrets });
  const text = `The vendor answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}: ${message}`;
  return { isError: true, content: [{ type: 'text', text }], structuredContent: { status: response.status, message } };
}

export function failureResult(text: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text }] };
}
