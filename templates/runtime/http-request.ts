import { formPairs, queryPairs } from './query-string.ts';
import type { HttpBinding } from './tool-definition.ts';

export type HttpRequest = {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
};

export type BuiltRequest = { readonly request: HttpRequest } | { readonly error: string };

/**
 * Dot segments survive percent-encoding (URL parsers decode `%2e`), so `..` as a path value
 * would climb out of the intended resource. It is refused instead of sent.
 */
function pathSegment(input: { readonly name: string; readonly value: unknown }): { value: string } | { error: string } {
  const { name, value } = input;
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    return { error: `Argument "${name}" must be a string or number to go into the URL path.` };
  }
  const text = String(value);
  if (text === '' || /^(\.|%2e){1,2}$/i.test(text)) return { error: `Argument "${name}" cannot be ${JSON.stringify(text)}: it would change the URL path.` };
  return { value: encodeURIComponent(text) };
}

function fillPath(input: { readonly binding: HttpBinding; readonly args: Readonly<Record<string, unknown>> }): { value: string } | { error: string } {
  const byWireName = new Map(Object.entries(input.binding.args).filter(([, b]) => b.in === 'path').map(([arg, b]) => [b.name, arg]));
  let error: string | undefined;
  const value = input.binding.path.replace(/\{([^}]+)\}/g, (_match, wireName: string) => {
    const arg = byWireName.get(wireName) ?? wireName;
    const segment = pathSegment({ name: arg, value: input.args[arg] });
    if ('error' in segment) error ??= segment.error;
    return 'value' in segment ? segment.value : '';
  });
  return error === undefined ? { value } : { error };
}

function bodyValue(input: { readonly binding: HttpBinding; readonly args: Readonly<Record<string, unknown>> }): unknown {
  const { binding, args } = input;
  const bodyArgs = Object.entries(binding.args).filter(([, b]) => b.in === 'body');
  if (binding.body?.mode === 'whole') return bodyArgs.length > 0 ? args[bodyArgs[0]![0]] : undefined;
  const mirrored = Object.entries(binding.args).flatMap(([arg, b]) => (b.mirrors ?? []).map((m) => [arg, m] as const));
  const fields = [...bodyArgs, ...mirrored].filter(([arg]) => args[arg] !== undefined).map(([arg, b]) => [b.name, args[arg]] as const);
  if (fields.length === 0) return binding.body?.required === true ? {} : undefined;
  return Object.fromEntries(fields);
}

function encodeBody(input: { readonly binding: HttpBinding; readonly value: unknown }): { body: string; contentType: string } | undefined {
  const { binding, value } = input;
  if (value === undefined || binding.body === undefined) return undefined;
  if (binding.body.encoding === 'json') return { body: JSON.stringify(value), contentType: binding.body.mediaType };
  const pairs = typeof value === 'object' && value !== null
    ? Object.entries(value as Record<string, unknown>).flatMap(([key, item]) => formPairs({ prefix: key, value: item }))
    : [];
  return { body: pairs.join('&'), contentType: 'application/x-www-form-urlencoded' };
}

/**
 * RFC 9110 field-value: visible ASCII, space, tab and obs-text. A CR or LF would split the header
 * (request smuggling) and Node refuses it with a raw TypeError, so it is refused here as bad input.
 */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

type RequestInput = {
  readonly binding: HttpBinding;
  readonly args: Readonly<Record<string, unknown>>;
  readonly baseUrl: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly query?: readonly string[];
};

/**
 * Flat, validated tool arguments → the exact HTTP request the vendor receives. Text with an unpaired
 * UTF-16 surrogate passes a string schema but has no UTF-8 form, so percent-encoding it throws: that
 * is the model's input to fix, said plainly, not an internal error.
 */
export function buildHttpRequest(input: RequestInput): BuiltRequest {
  try {
    return assembleRequest(input);
  } catch (error) {
    if (!(error instanceof URIError)) throw error;
    return { error: 'An argument that goes into the URL or a form body contains an unpaired surrogate (broken Unicode text), which cannot be encoded. Nothing was sent; fix the text and call again.' };
  }
}

function assembleRequest(input: RequestInput): BuiltRequest {
  const { binding, args } = input;
  const path = fillPath({ binding, args });
  if ('error' in path) return { error: path.error };
  const query = [...(input.query ?? [])];
  const headers: Record<string, string> = { ...input.headers };
  for (const [arg, b] of Object.entries(binding.args)) {
    const value = args[arg];
    if (b.in === 'query') query.push(...queryPairs({ binding: b, value }));
    if (b.in === 'header' && value !== undefined && value !== null) {
      const text = String(value);
      if (!HEADER_VALUE.test(text)) return { error: `Argument "${arg}" goes into the HTTP header ${b.name}, which cannot carry line breaks, control characters or characters beyond Latin-1. Nothing was sent; fix the value and call again.` };
      headers[b.name] = text;
    }
  }
  const encoded = encodeBody({ binding, value: bodyValue({ binding, args }) });
  if (encoded !== undefined) headers['Content-Type'] = encoded.contentType;
  const base = input.baseUrl.replace(/\/+$/, '');
  const url = `${base}${path.value}${query.length > 0 ? `?${query.join('&')}` : ''}`;
  return { request: { method: binding.method, url, headers, ...(encoded ? { body: encoded.body } : {}) } };
}
