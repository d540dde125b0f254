import { describe, expect, it } from 'vitest';
import type { ErrorEnvelope } from '../../templates/runtime/error-envelope.ts';
import { readVendorError } from '../../templates/runtime/error-envelope.ts';
import { bodyGlimpse, errorResult, failureResult, parseBody, toStructured } from '../../templates/runtime/vendor-response.ts';
import { vendorResponse } from './support.ts';

describe('toStructured: structuredContent is always an object', () => {
  it.each<{ readonly name: string; readonly given: unknown; readonly want: Record<string, unknown> }>([
    { name: 'object as is', given: { id: 1, tags: ['a'] }, want: { id: 1, tags: ['a'] } },
    { name: 'array → {items}', given: [{ id: 1 }, { id: 2 }], want: { items: [{ id: 1 }, { id: 2 }] } },
    { name: 'empty array → {items: []}', given: [], want: { items: [] } },
    { name: 'string → {value}', given: 'ok', want: { value: 'ok' } },
    { name: 'null → {value: null}', given: null, want: { value: null } },
  ])('$name', ({ given, want }) => expect(toStructured(given)).toStrictEqual(want));
});

/** The three vendors' envelopes exactly as their docs declare them (x-mcp.errors). */
const ROSE_ROCKET: ErrorEnvelope = { message: ['/message'], code: '/error', hints: {} };
const MALOMO: ErrorEnvelope = { message: ['/message'], code: '/code', requestId: '/request_id', hints: {} };
const EDESK: ErrorEnvelope = {
  message: ['/error/message'],
  fields: { at: '/error/details', code: '/errorCode', codes: { '4001': 'is required but missing', '4007': 'is not one of the allowed values' } },
  hints: { '401': 'Create a new token at https://dashboard.edesk.com/api-token.' },
};

describe('readVendorError: each declared envelope, and the guesses without one', () => {
  it.each<{ readonly name: string; readonly body: unknown; readonly envelope?: ErrorEnvelope; readonly want: unknown }>([
    { name: 'Rose Rocket list message', body: { statusCode: 400, message: ['name should not be empty', 'boardId must be a UUID'], error: 'Bad Request' }, envelope: ROSE_ROCKET, want: { message: 'name should not be empty; boardId must be a UUID', code: 'Bad Request', fields: [] } },
    { name: 'Rose Rocket string message', body: { statusCode: 404, message: 'Record not found', error: 'Not Found' }, envelope: ROSE_ROCKET, want: { message: 'Record not found', code: 'Not Found', fields: [] } },
    { name: 'Malomo envelope with request id', body: { code: 'not_found', message: 'Order not found', request_id: 'req_1', status: 404 }, envelope: MALOMO, want: { message: 'Order not found', code: 'not_found', requestId: 'req_1', fields: [] } },
    {
      name: 'eDesk field codes in words, under the tool argument names',
      body: { error: { httpCode: 400, message: 'Validation failed', details: { subject: { errorCode: 4001 }, status: { errorCode: 4007 }, other: { errorCode: 4999 } } } },
      envelope: EDESK,
      want: { message: 'Validation failed', fields: [{ field: 'arg:subject', code: '4001', problem: 'is required but missing' }, { field: 'arg:status', code: '4007', problem: 'is not one of the allowed values' }, { field: 'arg:other', code: '4999', problem: 'was rejected (code 4999)' }] },
    },
    { name: 'eDesk details as a plain string: no field list', body: { error: { httpCode: 500, message: 'Oops', details: 'trace id 9' } }, envelope: EDESK, want: { message: 'Oops', fields: [] } },
    { name: 'no envelope: {message}', body: { message: 'm' }, want: { message: 'm', fields: [] } },
    { name: 'no envelope: problem+json detail', body: { type: 'about:blank', title: 'Bad Request', detail: 'Quantity must be positive' }, want: { message: 'Quantity must be positive', fields: [] } },
    { name: 'no envelope: OAuth error_description', body: { error_description: 'bad secret' }, want: { message: 'bad secret', fields: [] } },
    { name: 'nothing readable', body: { unrelated: true }, envelope: MALOMO, want: { fields: [] } },
  ])('$name', ({ body, envelope, want }) => expect(readVendorError({ body, ...(envelope ? { envelope } : {}), argFor: (wire) => `arg:${wire}` })).toStrictEqual(want));
});

const SECRET = 'tok_live_123456';

describe('errorResult: what failed, which field, what to do', () => {
  it.each<{ readonly name: string; readonly response: ReturnType<typeof vendorResponse>; readonly envelope?: ErrorEnvelope; readonly text: string; readonly structured: Record<string, unknown> }>([
    {
      name: 'eDesk 400 names the fields and their problems',
      response: vendorResponse({ status: 400, statusText: 'Bad Request', text: JSON.stringify({ error: { httpCode: 400, message: 'Validation failed', details: { subject: { errorCode: 4001 } } } }) }),
      envelope: EDESK,
      text: 'The vendor answered HTTP 400 Bad Request: Validation failed. Fields: subject is required but missing (4001). Fix the arguments named above and call again.',
      structured: { status: 400, message: 'Validation failed', fields: [{ field: 'subject', code: '4001', problem: 'is required but missing' }] },
    },
    {
      name: 'eDesk 401 carries the vendor-declared renewal hint',
      response: vendorResponse({ status: 401, statusText: 'Unauthorized', text: JSON.stringify({ error: { httpCode: 401, message: 'Unauthorized' } }) }),
      envelope: EDESK,
      text: 'The vendor answered HTTP 401 Unauthorized. Create a new token at https://dashboard.edesk.com/api-token.',
      structured: { status: 401, message: 'Unauthorized' },
    },
    {
      name: 'Malomo 404 with its request id',
      response: vendorResponse({ status: 404, statusText: 'Not Found', text: JSON.stringify({ code: 'not_found', message: 'Order not found.', request_id: 'req_9', status: 404 }) }),
      envelope: MALOMO,
      text: 'The vendor answered HTTP 404 Not Found: Order not found. Nothing exists there: check the id, or list or search to find the right one.',
      structured: { status: 404, message: 'Order not found.', code: 'not_found', request_id: 'req_9' },
    },
    {
      name: 'a 401 without a declared hint names the credential variable',
      response: vendorResponse({ status: 401, text: JSON.stringify({ statusCode: 401, message: 'Unauthorized', error: 'Unauthorized' }) }),
      envelope: ROSE_ROCKET,
      text: "The vendor answered HTTP 401: Unauthorized. The vendor rejected the server's credentials (ACME_TOKEN); the operator must renew them. Retrying will not help.",
      structured: { status: 401, message: 'Unauthorized', code: 'Unauthorized' },
    },
    {
      name: 'an HTML error page is named by its title, never dumped',
      response: vendorResponse({ status: 502, statusText: 'Bad Gateway', contentType: 'text/html', text: `<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>${'A'.repeat(4000)}</body></html>` }),
      text: 'The vendor answered HTTP 502 Bad Gateway: an HTML page titled "502 Bad Gateway". The vendor failed. A write may or may not have taken effect: read the resource before retrying.',
      structured: { status: 502, message: 'an HTML page titled "502 Bad Gateway"' },
    },
    {
      name: '503 with Retry-After: when to come back',
      response: vendorResponse({ status: 503, statusText: 'Service Unavailable', contentType: '', text: '', headers: { 'retry-after': '120' } }),
      text: 'The vendor answered HTTP 503 Service Unavailable. The vendor failed. A write may or may not have taken effect: read the resource before retrying. Retry after 120 s.',
      structured: { status: 503, message: 'Service Unavailable', retry_after_seconds: 120 },
    },
    {
      name: '429 always names retry_after_seconds and ratelimit, null when unknown',
      response: vendorResponse({ status: 429, statusText: 'Too Many Requests', text: JSON.stringify({ error: { httpCode: 429, message: 'Out of quota' } }) }),
      envelope: EDESK,
      text: 'The vendor answered HTTP 429 Too Many Requests: Out of quota. The vendor is rate limiting: wait before calling again.',
      structured: { status: 429, message: 'Out of quota', retry_after_seconds: null, ratelimit: { limit: null, remaining: null, reset: null } },
    },
    {
      name: 'the secret is redacted from the message, in the text and the structure',
      response: vendorResponse({ status: 401, statusText: 'Unauthorized', text: JSON.stringify({ message: `Token ${SECRET} is revoked` }) }),
      text: "The vendor answered HTTP 401 Unauthorized: Token [redacted] is revoked. The vendor rejected the server's credentials (ACME_TOKEN); the operator must renew them. Retrying will not help.",
      structured: { status: 401, message: 'Token [redacted] is revoked' },
    },
    {
      name: 'the secret in a non-JSON body is redacted too',
      response: vendorResponse({ status: 400, statusText: 'Bad Request', contentType: 'text/plain', text: `bad request: Authorization: Bearer ${SECRET}` }),
      text: 'The vendor answered HTTP 400 Bad Request: "bad request: Authorization: Bearer [redacted]". Fix the arguments named above and call again.',
      structured: { status: 400, message: '"bad request: Authorization: Bearer [redacted]"' },
    },
  ])('$name', ({ response, envelope, text, structured }) => {
    const result = errorResult({ response, method: 'GET', secrets: [SECRET], ...(envelope ? { envelope } : {}), argFor: (wire) => wire, credentialNames: ['ACME_TOKEN'] });
    expect(result).toStrictEqual({ isError: true, content: [{ type: 'text', text }], structuredContent: structured });
  });
});

describe('failureResult', () => {
  it('is an error with the text and no structuredContent', () =>
    expect(failureResult('Argument "id" cannot be "..": it would change the URL path.')).toStrictEqual({
      isError: true,
      content: [{ type: 'text', text: 'Argument "id" cannot be "..": it would change the URL path.' }],
    }));
});

describe('parseBody', () => {
  it.each([
    { name: 'a body of whitespace is empty, like a 204', contentType: 'application/json', text: ' \n ', want: { value: null } },
    { name: 'malformed JSON that says it is JSON', contentType: 'application/json; charset=utf-8', text: '{"a":', want: { malformed: 'malformed JSON' } },
    { name: 'another type, parameters and spacing left out', contentType: 'text/html ; charset=utf-8', text: '<html>', want: { malformed: 'text/html instead of JSON' } },
    { name: 'no content type', contentType: '', text: 'oops', want: { malformed: 'no content type instead of JSON' } },
  ])('$name', ({ contentType, text, want }) => expect(parseBody({ response: vendorResponse({ status: 200, contentType, text }), secrets: [] })).toStrictEqual(want));
});

describe('bodyGlimpse', () => {
  const glimpse = (text: string) => bodyGlimpse({ response: vendorResponse({ status: 502, contentType: 'text/html', text }), secrets: ['s3cret'] });
  it.each([
    { name: 'an HTML title with attributes, trimmed', text: '<html><title lang="en">  Bad gateway </title></html>', want: 'an HTML page titled "Bad gateway"' },
    { name: 'text without a title: whitespace runs become one space', text: '  oops \n\n  here  ', want: '"oops here"' },
    { name: 'a secret in the text is redacted', text: 'token s3cret leaked', want: '"token [redacted] leaked"' },
    { name: 'long text is cut to 200 characters', text: 'x'.repeat(250), want: JSON.stringify('x'.repeat(200)) },
  ])('$name', ({ text, want }) => expect(glimpse(text)).toBe(want));
});

describe('errorResult: edges of the message and the rate-limit fields', () => {
  const result = (response: ReturnType<typeof vendorResponse>, method = 'GET') => errorResult({ response, method, secrets: [], argFor: (wire) => wire, credentialNames: ['ACME_TOKEN'] });
  const text = (response: ReturnType<typeof vendorResponse>) => (result(response).content[0] as { text: string }).text;

  it('no body and no status text: "no message"', () => {
    expect(text(vendorResponse({ status: 500, text: '' }))).toMatch(/^The vendor answered HTTP 500: no message\. /);
  });

  it('trailing full stops and spaces are replaced by one full stop', () => {
    expect(text(vendorResponse({ status: 400, text: JSON.stringify({ message: 'Bad input.. ' }) }))).toMatch(/^The vendor answered HTTP 400: Bad input\. [A-Z]/);
  });

  it('the message is cut at 1,000 characters', () => {
    expect(result(vendorResponse({ status: 400, text: JSON.stringify({ message: 'm'.repeat(1500) }) })).structuredContent).toMatchObject({ message: 'm'.repeat(1000) });
  });

  it('a 503 without Retry-After still says when to retry: unknown (null)', () => {
    expect(result(vendorResponse({ status: 503, text: '' })).structuredContent).toStrictEqual({ status: 503, message: 'no message', retry_after_seconds: null });
  });

  it('any status with Retry-After says when to retry', () => {
    expect(result(vendorResponse({ status: 400, text: '', headers: { 'retry-after': '10' } })).structuredContent).toStrictEqual({ status: 400, message: 'no message', retry_after_seconds: 10 });
  });

  it('a 429 whose Retry-After is malformed says unknown (null), never "retry after 0 s"', () => {
    const answer = result(vendorResponse({ status: 429, statusText: 'Too Many Requests', text: '', headers: { 'retry-after': '-1' } }));
    expect(answer.structuredContent).toMatchObject({ retry_after_seconds: null });
    expect(answer.content).toStrictEqual([{ type: 'text', text: 'The vendor answered HTTP 429 Too Many Requests. The vendor is rate limiting: wait before calling again.' }]);
  });

  it('a write answered by a redirect HTML page may have taken effect', () => {
    const page = vendorResponse({ status: 302, statusText: 'Found', contentType: 'text/html', text: '<html><title>Moved</title></html>', headers: { location: 'https://acme.test/orders/abc' } });
    expect(result(page, 'POST').content).toStrictEqual([
      { type: 'text', text: 'The vendor answered HTTP 302 Found: an HTML page titled "Moved". No final answer came back (redirects are not followed). A write may or may not have taken effect: read the resource before retrying.' },
    ]);
  });

  it('a 429 without rate-limit headers carries empty rate-limit fields', () => {
    expect(result(vendorResponse({ status: 429, text: '' })).structuredContent).toStrictEqual({ status: 429, message: 'no message', retry_after_seconds: null, ratelimit: { limit: null, remaining: null, reset: null } });
  });

  it.each<{ name: string; headers: Record<string, string>; want: Record<string, number | null> }>([
    { name: 'all three', headers: { 'ratelimit-limit': '100', 'ratelimit-remaining': '0', 'ratelimit-reset': '30' }, want: { limit: 100, remaining: 0, reset: 30 } },
    { name: 'only the remaining count', headers: { 'ratelimit-remaining': '7' }, want: { limit: null, remaining: 7, reset: null } },
  ])('a 400 with rate-limit headers reports them: $name', ({ headers, want }) => {
    expect(result(vendorResponse({ status: 400, text: '', headers })).structuredContent).toMatchObject({ ratelimit: want });
  });
});

describe('errorResult: the reason phrase is vendor text', () => {
  const answer = (input: { readonly status: number; readonly statusText: string; readonly text?: string }) =>
    errorResult({ response: vendorResponse({ status: input.status, statusText: input.statusText, text: input.text ?? '' }), method: 'GET', secrets: [], argFor: (wire) => wire, credentialNames: [] });
  const said = (result: ReturnType<typeof answer>) => (result.content[0] as { text: string }).text;

  it.each([
    { name: 'a C1 CSI escape and a C1 control', statusText: 'Bad\u0080\u009b31mGateway', want: 'BadGateway' },
    { name: 'an ANSI escape and a right-to-left override', statusText: '\u001b[2JBad \u202EGateway', want: 'Bad Gateway' },
  ])('$name are stripped from the heading and the message', ({ statusText, want }) => {
    const result = answer({ status: 502, statusText });
    expect({ text: said(result), message: (result.structuredContent as { message: string }).message }).toStrictEqual({
      text: `The vendor answered HTTP 502 ${want}. The vendor failed. A write may or may not have taken effect: read the resource before retrying.`,
      message: want,
    });
  });

  it.each([
    { name: 'no message of its own', statusText: 'Moved Permanently', body: '', want: 'The vendor answered HTTP 301 Moved Permanently. Check' },
    { name: 'a message that is the reason phrase, in other letter case with a full stop', statusText: 'Moved Permanently', body: JSON.stringify({ message: 'moved permanently.' }), want: 'The vendor answered HTTP 301 Moved Permanently. Check' },
    { name: 'a message of its own', statusText: 'Moved Permanently', body: JSON.stringify({ message: 'Use /v2/orders' }), want: 'The vendor answered HTTP 301 Moved Permanently: Use /v2/orders. Check' },
    { name: 'neither a reason phrase nor a message', statusText: '', body: '', want: 'The vendor answered HTTP 301: no message. Check' },
  ])('the reason phrase is said once: $name', ({ statusText, body, want }) => {
    expect(said(answer({ status: 301, statusText, text: body })).startsWith(want)).toBe(true);
  });
});
