import { guardBlindViolations, responseBoundViolations } from '../../scripts/fuzz/guard-invariants.ts';
import { describe, expect, it } from 'vitest';
import { ANSWERED_LOCALLY, cutPathMismatch, pathMismatch, violationsOf, type Observation } from '../../scripts/fuzz/invariants.ts';
import type { RecordedRequest } from '../../scripts/simulator/index.ts';

describe('pathMismatch: a value may fill its segment and nothing else', () => {
  const template = '/orders/{id}/events';
  const cases: { given: string; received: string; value: unknown; want: string | undefined }[] = [
    { given: 'a plain id', received: '/orders/abc/events', value: 'abc', want: undefined },
    { given: 'an encoded slash', received: '/orders/..%2Fadmin/events', value: '../admin', want: undefined },
    { given: 'an encoded query and fragment', received: '/orders/a%3Fx%3D1%23f/events', value: 'a?x=1#f', want: undefined },
    { given: 'a raw slash that adds a segment', received: '/orders/../admin/events', value: '../admin', want: 'segment count 5 ≠ 4' },
    { given: 'a value that replaced a literal', received: '/orders/abc/admin', value: 'abc', want: 'segment 3 is "admin", want "events"' },
    { given: 'a segment decoding to another value', received: '/orders/ab%63/events', value: 'abd', want: 'segment 2 decodes to "abc", want "abd"' },
    { given: 'a number', received: '/orders/42/events', value: 42, want: undefined },
    { given: 'bad percent-encoding', received: '/orders/%E0%A4%A/events', value: 'x', want: 'segment 2 does not decode' },
  ];
  it.each(cases)('$given', ({ received, value, want }) => {
    expect(pathMismatch({ received, template, values: { id: value } })).toBe(want);
  });
});

describe('cutPathMismatch: a path cut to fit must still start as the right one', () => {
  const template = '/orders/{id}/events';
  const emoji = encodeURIComponent('😀'); // %F0%9F%98%80
  const cases: { given: string; received: string; value: string; want: string | undefined }[] = [
    { given: 'cut inside the value', received: '/orders/abc', value: 'abcdef', want: undefined },
    { given: 'cut right after the value (a whole segment kept)', received: '/orders/abcdef', value: 'abcdef', want: undefined },
    { given: 'cut inside the last literal', received: '/orders/abcdef/eve', value: 'abcdef', want: undefined },
    { given: 'cut inside an escape', received: `/orders/a${emoji}${emoji.slice(0, 5)}`, value: 'a😀😀', want: undefined },
    { given: 'cut after one byte of a four-byte character', received: `/orders/a${emoji.slice(0, 3)}`, value: 'a😀', want: undefined },
    { given: 'cut after three bytes of a four-byte character', received: `/orders/a${emoji.slice(0, 9)}`, value: 'a😀', want: undefined },
    { given: 'a kept part that is not the value’s start', received: '/orders/abd', value: 'abcdef', want: 'cut segment 2 "abd" does not start "abcdef"' },
    { given: 'a kept literal that is not the template’s', received: '/orders/abcdef/adm', value: 'abcdef', want: 'cut segment 3 "adm" does not start "events"' },
    { given: 'a whole segment before the cut that is wrong', received: '/orders/abd/ev', value: 'abcdef', want: 'segment 2 decodes to "abd", want "abcdef"' },
    { given: 'more segments than the template', received: '/orders/abcdef/events/x', value: 'abcdef', want: 'segment count 5 > 4' },
    { given: 'an escape that no dropped character makes decodable', received: '/orders/%FF%FF%FF%FF%FF', value: 'x', want: 'segment 2 does not decode' },
  ];
  it.each(cases)('$given', ({ received, value, want }) => {
    expect(cutPathMismatch({ received, template, values: { id: value } })).toBe(want);
  });
});

const request = (overrides: Partial<RecordedRequest>): RecordedRequest => ({
  method: 'GET', path: '/orders/abc', rawUrl: '/v1/orders/abc', query: {}, headers: { host: '127.0.0.1:4010' }, body: undefined, rawBody: '', valid: true, errors: [], status: 200, ...overrides,
});

const base: Observation = {
  args: { id: 'abc' },
  validInput: true,
  reply: { kind: 'result', result: { content: [{ type: 'text', text: 'ok' }] } },
  requests: [request({})],
  http: { method: 'GET', path: '/orders/{id}', args: { id: { in: 'path', name: 'id' } } },
  vendor: { origin: 'http://127.0.0.1:4010', basePath: '/v1' },
  secrets: ['sk_test_secret_123', '/work/repo'],
};

describe('violationsOf: each invariant catches what it is for', () => {
  const cases: { given: string; observation: Partial<Observation>; want: string[] }[] = [
    { given: 'a clean success', observation: {}, want: [] },
    { given: 'a tool answered locally that sends nothing', observation: { requests: [], http: { method: ANSWERED_LOCALLY, path: '', args: {} } }, want: [] },
    { given: 'a tool answered locally that reaches the vendor', observation: { http: { method: ANSWERED_LOCALLY, path: '', args: {} } }, want: ['local-tool-sends-nothing'] },
    { given: 'a refusal of invalid input with nothing sent', observation: { validInput: false, requests: [], reply: { kind: 'result', result: { isError: true, content: [{ type: 'text', text: 'Input validation error' }] } } }, want: [] },
    { given: 'a JSON-RPC error for invalid input', observation: { validInput: false, requests: [], reply: { kind: 'rpc-error', code: -32602, message: 'Invalid params' } }, want: [] },
    { given: 'invalid input that was sent', observation: { validInput: false, reply: { kind: 'result', result: { isError: true, content: [] } } }, want: ['invalid-input-sends-nothing'] },
    { given: 'invalid input answered as a success', observation: { validInput: false, requests: [] }, want: ['invalid-input-refused'] },
    { given: 'a request the doc rejects', observation: { requests: [request({ valid: false, errors: ['body is required'] })] }, want: ['requests-validate'] },
    { given: 'a request to another host', observation: { requests: [request({ headers: { host: 'evil.host' } })] }, want: ['host-unchanged'] },
    { given: 'a value that climbed out of its segment', observation: { args: { id: '../admin' }, requests: [request({ path: '/orders/../admin' })] }, want: ['path-unchanged'] },
    { given: 'a hang', observation: { reply: { kind: 'hang' } }, want: ['no-hang'] },
    { given: 'a crash', observation: { reply: { kind: 'crash', detail: 'exit code 1' } }, want: ['no-crash'] },
    { given: 'a reply that is not a CallToolResult', observation: { reply: { kind: 'result', result: { content: 'text' } } }, want: ['valid-reply'] },
    { given: 'a stack trace', observation: { reply: { kind: 'result', result: { isError: true, content: [{ type: 'text', text: 'TypeError: x\n    at callTool (file:///srv/dist/bin.js:10:5)' }] } } }, want: ['no-leak'] },
    { given: 'a secret', observation: { reply: { kind: 'rpc-error', code: -32603, message: 'bad key sk_test_secret_123' } }, want: ['no-leak'] },
    { given: 'the repository path (a file path and a listed secret)', observation: { reply: { kind: 'rpc-error', code: -32603, message: 'cannot open /work/repo/x' } }, want: ['no-leak', 'no-leak'] },
    { given: 'an absolute file path', observation: { reply: { kind: 'rpc-error', code: -32603, message: 'ENOENT: open "/srv/app/config.json"' } }, want: ['no-leak'] },
    { given: 'a URL path is not a file path', observation: { reply: { kind: 'result', result: { content: [{ type: 'text', text: 'GET https://api.acme.test/v1/tmp/x failed' }] } } }, want: [] },
    { given: 'a raw exception message', observation: { requests: [], reply: { kind: 'result', result: { isError: true, content: [{ type: 'text', text: 'URI malformed' }] } } }, want: ['no-internal-error'] },
    { given: 'an exception-like text the model itself sent', observation: { args: { id: 'is not a function' }, requests: [], reply: { kind: 'result', result: { isError: true, content: [{ type: 'text', text: 'No order "is not a function"' }] } } }, want: [] },
    { given: 'a dry run URL on another host', observation: { requests: [], reply: { kind: 'result', result: { content: [], structuredContent: { dry_run: true, request: { url: 'http://evil.host/v1/orders/abc' } } } } }, want: ['host-unchanged'] },
    { given: 'a dry run URL with an extra segment', observation: { requests: [], reply: { kind: 'result', result: { content: [], structuredContent: { dry_run: true, request: { url: 'http://127.0.0.1:4010/v1/orders/abc/x' } } } } }, want: ['path-unchanged'] },
    { given: 'a dry run URL cut to fit, as its text says', observation: { args: { id: 'abcdef' }, requests: [], reply: { kind: 'result', result: { content: [{ type: 'text', text: 'The request shown was cut to fit the size limit (/request/url: kept 34 of 37 characters).' }], structuredContent: { dry_run: true, request: { url: 'http://127.0.0.1:4010/v1/orders/abc…' } } } } }, want: [] },
    { given: 'a dry run URL cut to the wrong start', observation: { args: { id: 'abcdef' }, requests: [], reply: { kind: 'result', result: { content: [{ type: 'text', text: 'The request shown was cut to fit the size limit (/request/url: kept 34 of 37 characters).' }], structuredContent: { dry_run: true, request: { url: 'http://127.0.0.1:4010/v1/orders/abd…' } } } } }, want: ['path-unchanged'] },
    { given: 'a dry run URL ending in … its text does not call cut', observation: { args: { id: 'abcdef' }, requests: [], reply: { kind: 'result', result: { content: [{ type: 'text', text: 'The request shown was cut to fit the size limit (/request/body: kept 100 of 900 characters).' }], structuredContent: { dry_run: true, request: { url: 'http://127.0.0.1:4010/v1/orders/abc…' } } } } }, want: ['path-unchanged'] },
  ];
  it.each(cases)('$given', ({ observation, want }) => {
    expect(violationsOf({ ...base, ...observation }).map((v) => v.invariant)).toEqual(want);
  });
});

describe('the guard and response-limit invariants catch what they are for', () => {
  it.each([
    { given: { readable: false, methods: ['GET'], refused: true }, want: [] },
    { given: { readable: true, methods: ['GET', 'PUT'], refused: false }, want: [] },
    { given: { readable: false, methods: ['GET', 'PUT'], refused: true }, want: ['no-request-when-guard-blind'] },
    { given: { readable: false, methods: ['GET'], refused: false }, want: ['no-request-when-guard-blind'] },
  ])('guardBlindViolations %#', ({ given, want }) => expect(guardBlindViolations(given).map((v) => v.invariant)).toStrictEqual(want));

  it.each([
    { given: { bodyBytes: 10, wireBytes: 10, limitBytes: 10, refused: false, finished: true }, want: [] },
    { given: { bodyBytes: 11, wireBytes: 11, limitBytes: 10, refused: true, finished: true }, want: [] },
    { given: { bodyBytes: 11, wireBytes: 11, limitBytes: 10, refused: false, finished: true }, want: ['memory-bounded'] },
    { given: { bodyBytes: 10, wireBytes: 10, limitBytes: 10, refused: true, finished: true }, want: ['memory-bounded'] },
    { given: { bodyBytes: 64 * 2 ** 20, wireBytes: 64 * 2 ** 20, limitBytes: 10, refused: true, finished: true }, want: ['memory-bounded'] },
  ])('responseBoundViolations %#', ({ given, want }) => expect(responseBoundViolations(given).map((v) => v.invariant)).toStrictEqual(want));
});
