import { describe, expect, it } from 'vitest';
import { errorResult, failureResult, successResult, toStructured, vendorMessage, type VendorResponse } from '../../templates/runtime/vendor-response.ts';

describe('toStructured: structuredContent is always an object', () => {
  it.each<{ readonly name: string; readonly given: unknown; readonly want: Record<string, unknown> }>([
    { name: 'object as is', given: { id: 1, tags: ['a'] }, want: { id: 1, tags: ['a'] } },
    { name: 'empty object as is', given: {}, want: {} },
    { name: 'array → {items}', given: [{ id: 1 }, { id: 2 }], want: { items: [{ id: 1 }, { id: 2 }] } },
    { name: 'empty array → {items: []}', given: [], want: { items: [] } },
    { name: 'string → {value}', given: 'ok', want: { value: 'ok' } },
    { name: 'number → {value}', given: 0, want: { value: 0 } },
    { name: 'boolean → {value}', given: false, want: { value: false } },
    { name: 'null → {value: null}', given: null, want: { value: null } },
  ])('$name', ({ given, want }) => expect(toStructured(given)).toStrictEqual(want));
});

describe('vendorMessage: where vendors put the human message', () => {
  it.each<{ readonly name: string; readonly given: unknown; readonly want: string | undefined }>([
    { name: '{message}', given: { message: 'Order not found' }, want: 'Order not found' },
    { name: '{message} is trimmed', given: { message: '  Order not found \n' }, want: 'Order not found' },
    { name: '{message: [..]} (Rose Rocket) joined with "; "', given: { message: ['name is required', 'email is invalid'] }, want: 'name is required; email is invalid' },
    { name: '{error: {message}} (eDesk)', given: { error: { code: 401, message: 'Invalid token' } }, want: 'Invalid token' },
    { name: '{error: "x"}', given: { error: 'invalid_grant' }, want: 'invalid_grant' },
    { name: '{detail} (problem+json)', given: { type: 'about:blank', detail: 'Quantity must be positive' }, want: 'Quantity must be positive' },
    { name: '{title} (problem+json without detail)', given: { type: 'about:blank', title: 'Bad Request' }, want: 'Bad Request' },
    { name: 'detail wins over title', given: { title: 'Bad Request', detail: 'Quantity must be positive' }, want: 'Quantity must be positive' },
    { name: 'message wins over error', given: { message: 'm', error: 'e' }, want: 'm' },
    { name: 'nested error.message wins over error string fallbacks', given: { error: { message: 'nested' }, detail: 'd' }, want: 'nested' },
    { name: 'blank message falls through', given: { message: '   ', error: 'e' }, want: 'e' },
    { name: 'non-string message falls through', given: { message: 42, detail: 'd' }, want: 'd' },
    { name: 'mixed array falls through', given: { message: ['a', 1], title: 't' }, want: 't' },
    { name: 'none of the known places', given: { code: 'E42' }, want: undefined },
    { name: 'empty object', given: {}, want: undefined },
    { name: 'string body', given: 'Not found', want: undefined },
    { name: 'null body', given: null, want: undefined },
    { name: 'array body', given: ['a'], want: undefined },
  ])('$name', ({ given, want }) => expect(vendorMessage(given)).toStrictEqual(want));
});

const ok = (text: string, status = 200): VendorResponse => ({ status, statusText: status === 204 ? 'No Content' : 'OK', contentType: 'application/json', text });

describe('successResult', () => {
  it.each<{ readonly name: string; readonly given: VendorResponse; readonly want: unknown }>([
    { name: 'JSON object', given: ok('{"id":1,"name":"A"}'), want: { content: [{ type: 'text', text: '{"id":1,"name":"A"}' }], structuredContent: { id: 1, name: 'A' } } },
    { name: 'JSON object is re-serialized compactly', given: ok('{\n  "id": 1\n}'), want: { content: [{ type: 'text', text: '{"id":1}' }], structuredContent: { id: 1 } } },
    { name: 'JSON array → {items}', given: ok('[{"id":1},{"id":2}]'), want: { content: [{ type: 'text', text: '{"items":[{"id":1},{"id":2}]}' }], structuredContent: { items: [{ id: 1 }, { id: 2 }] } } },
    { name: 'JSON scalar → {value}', given: ok('"queued"'), want: { content: [{ type: 'text', text: '{"value":"queued"}' }], structuredContent: { value: 'queued' } } },
    { name: 'empty body (204) → {status}', given: ok('', 204), want: { content: [{ type: 'text', text: '{"status":204}' }], structuredContent: { status: 204 } } },
    { name: 'whitespace-only body → {status}', given: ok(' \n', 200), want: { content: [{ type: 'text', text: '{"status":200}' }], structuredContent: { status: 200 } } },
    { name: 'JSON null → {status}', given: ok('null', 200), want: { content: [{ type: 'text', text: '{"status":200}' }], structuredContent: { status: 200 } } },
    {
      name: 'non-JSON text is kept as text',
      given: { status: 200, statusText: 'OK', contentType: 'text/csv', text: 'id,name\n1,A\n' },
      want: { content: [{ type: 'text', text: 'id,name\n1,A\n' }], structuredContent: { status: 200, text: 'id,name\n1,A\n' } },
    },
  ])('$name', ({ given, want }) => expect(successResult(given)).toStrictEqual(want));
});

const SECRET = 'tok_live_123456';
const HTML = `\n  <!DOCTYPE html><html><body>${'A'.repeat(400)}</body></html>\n`;

describe('errorResult', () => {
  it.each<{ readonly name: string; readonly given: VendorResponse; readonly want: unknown }>([
    {
      name: 'JSON envelope: the vendor message',
      given: { status: 404, statusText: 'Not Found', contentType: 'application/json', text: '{"message":"Order not found","code":"E404"}' },
      want: { isError: true, content: [{ type: 'text', text: 'The vendor answered HTTP 404 Not Found: Order not found' }], structuredContent: { status: 404, message: 'Order not found' } },
    },
    {
      name: 'Rose Rocket validation list',
      given: { status: 400, statusText: 'Bad Request', contentType: 'application/json', text: '{"message":["name is required","email is invalid"]}' },
      want: {
        isError: true,
        content: [{ type: 'text', text: 'The vendor answered HTTP 400 Bad Request: name is required; email is invalid' }],
        structuredContent: { status: 400, message: 'name is required; email is invalid' },
      },
    },
    {
      name: 'eDesk nested error',
      given: { status: 401, statusText: 'Unauthorized', contentType: 'application/json', text: '{"error":{"message":"Invalid token"}}' },
      want: { isError: true, content: [{ type: 'text', text: 'The vendor answered HTTP 401 Unauthorized: Invalid token' }], structuredContent: { status: 401, message: 'Invalid token' } },
    },
    {
      name: 'JSON without a known message field: the raw body',
      given: { status: 409, statusText: 'Conflict', contentType: 'application/json', text: '{"code":"E42"}' },
      want: { isError: true, content: [{ type: 'text', text: 'The vendor answered HTTP 409 Conflict: {"code":"E42"}' }], structuredContent: { status: 409, message: '{"code":"E42"}' } },
    },
    {
      name: 'HTML error page: trimmed, first 300 characters',
      given: { status: 502, statusText: 'Bad Gateway', contentType: 'text/html', text: HTML },
      want: {
        isError: true,
        content: [{ type: 'text', text: `The vendor answered HTTP 502 Bad Gateway: <!DOCTYPE html><html><body>${'A'.repeat(273)}` }],
        structuredContent: { status: 502, message: `<!DOCTYPE html><html><body>${'A'.repeat(273)}` },
      },
    },
    {
      name: 'empty body: the status text',
      given: { status: 503, statusText: 'Service Unavailable', contentType: '', text: '' },
      want: { isError: true, content: [{ type: 'text', text: 'The vendor answered HTTP 503 Service Unavailable: Service Unavailable' }], structuredContent: { status: 503, message: 'Service Unavailable' } },
    },
    {
      name: 'no status text (HTTP/2): no double space',
      given: { status: 429, statusText: '', contentType: 'application/json', text: '{"detail":"Slow down"}' },
      want: { isError: true, content: [{ type: 'text', text: 'The vendor answered HTTP 429: Slow down' }], structuredContent: { status: 429, message: 'Slow down' } },
    },
    {
      name: 'the secret in a JSON message is redacted in both places',
      given: { status: 401, statusText: 'Unauthorized', contentType: 'application/json', text: `{"message":"Token ${SECRET} is revoked"}` },
      want: {
        isError: true,
        content: [{ type: 'text', text: 'The vendor answered HTTP 401 Unauthorized: Token [redacted] is revoked' }],
        structuredContent: { status: 401, message: 'Token [redacted] is revoked' },
      },
    },
    {
      name: 'the secret in a non-JSON body is redacted in both places',
      given: { status: 400, statusText: 'Bad Request', contentType: 'text/plain', text: `bad request: Authorization: Bearer ${SECRET}; key=${SECRET}` },
      want: {
        isError: true,
        content: [{ type: 'text', text: 'The vendor answered HTTP 400 Bad Request: bad request: Authorization: Bearer [redacted]; key=[redacted]' }],
        structuredContent: { status: 400, message: 'bad request: Authorization: Bearer [redacted]; key=[redacted]' },
      },
    },
  ])('$name', ({ given, want }) => expect(errorResult({ response: given, secrets: [SECRET] })).toStrictEqual(want));
});

describe('failureResult', () => {
  it('is an error with the text and no structuredContent', () =>
    expect(failureResult('Argument "id" cannot be "..": it would change the URL path.')).toStrictEqual({
      isError: true,
      content: [{ type: 'text', text: 'Argument "id" cannot be "..": it would change the URL path.' }],
    }));
});
