import { describe, expect, it } from 'vitest';
import type { ErrorEnvelope } from '../../templates/runtime/error-envelope.ts';
import { readVendorError } from '../../templates/runtime/error-envelope.ts';
import { errorResult, failureResult, toStructured } from '../../templates/runtime/vendor-response.ts';
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
      text: 'The vendor answered HTTP 401 Unauthorized: Unauthorized. Create a new token at https://dashboard.edesk.com/api-token.',
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
      text: 'The vendor answered HTTP 503 Service Unavailable: Service Unavailable. The vendor failed. A write may or may not have taken effect: read the resource before retrying. Retry after 120 s.',
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
    const result = errorResult({ response, secrets: [SECRET], ...(envelope ? { envelope } : {}), argFor: (wire) => wire, credentialNames: ['ACME_TOKEN'] });
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
