import { describe, expect, it } from 'vitest';
import { describeFields, nextStep, readVendorError, type ErrorEnvelope } from '../../templates/runtime/error-envelope.ts';

describe('nextStep: what to do by status, unless the vendor says it better', () => {
  const step = (status: number, hints: Record<string, string> = {}, credentialNames: readonly string[] = ['ACME_TOKEN']) => nextStep({ status, method: 'GET', hints, credentialNames });
  it.each([
    { status: 400, want: 'Fix the arguments named above and call again.' },
    { status: 422, want: 'Fix the arguments named above and call again.' },
    { status: 401, want: "The vendor rejected the server's credentials (ACME_TOKEN); the operator must renew them. Retrying will not help." },
    { status: 403, want: 'The credentials are valid but lack permission for this; retrying will not help.' },
    { status: 404, want: 'Nothing exists there: check the id, or list or search to find the right one.' },
    { status: 409, want: 'It conflicts with the current state: read the resource, then decide.' },
    { status: 429, want: 'The vendor is rate limiting: wait before calling again.' },
    { status: 499, want: 'Check the arguments and the vendor message above.' },
    { status: 500, want: 'The vendor failed. A write may or may not have taken effect: read the resource before retrying.' },
    { status: 503, want: 'The vendor failed. A write may or may not have taken effect: read the resource before retrying.' },
    { status: 418, want: 'Check the arguments and the vendor message above.' },
  ])('$status', ({ status, want }) => expect(step(status)).toBe(want));

  it('a declared hint for the status wins; another status keeps the default', () => {
    expect(step(404, { '404': 'Orders older than a year are archived.' })).toBe('Orders older than a year are archived.');
    expect(step(409, { '404': 'Orders older than a year are archived.' })).toBe('It conflicts with the current state: read the resource, then decide.');
  });

  it.each([
    { method: 'POST', status: 303 },
    { method: 'POST', status: 302 },
    { method: 'POST', status: 300 },
    { method: 'POST', status: 399 },
    { method: 'PUT', status: 301 },
    { method: 'PATCH', status: 307 },
    { method: 'DELETE', status: 308 },
    { method: 'POST', status: 100 },
    { method: 'POST', status: 199 },
  ])('a write ($method) answered $status may have taken effect: read before retrying', ({ method, status }) => {
    expect(nextStep({ status, method, hints: {}, credentialNames: [] })).toBe('No final answer came back (redirects are not followed). A write may or may not have taken effect: read the resource before retrying.');
  });

  it.each([
    { method: 'GET', status: 302, want: 'Check the arguments and the vendor message above.' },
    { method: 'HEAD', status: 303, want: 'Check the arguments and the vendor message above.' },
    { method: 'GET', status: 199, want: 'Check the arguments and the vendor message above.' },
    { method: 'POST', status: 400, want: 'Fix the arguments named above and call again.' },
    { method: 'POST', status: 418, want: 'Check the arguments and the vendor message above.' },
    { method: 'POST', status: 500, want: 'The vendor failed. A write may or may not have taken effect: read the resource before retrying.' },
  ])('$method answered $status keeps its step', ({ method, status, want }) => {
    expect(nextStep({ status, method, hints: {}, credentialNames: [] })).toBe(want);
  });

  it('a 401 without credential variables names none', () => {
    expect(step(401, {}, [])).toBe("The vendor rejected the server's credentials; the operator must renew them. Retrying will not help.");
    expect(step(401, {}, ['A_ID', 'A_SECRET'])).toBe("The vendor rejected the server's credentials (A_ID, A_SECRET); the operator must renew them. Retrying will not help.");
  });
});

describe('readVendorError: what counts as a message', () => {
  const read = (body: unknown, envelope?: ErrorEnvelope) => readVendorError({ body, ...(envelope ? { envelope } : {}), argFor: (wire) => wire });
  it.each([
    { name: 'a blank message is none: the next place is tried', body: { message: '  ', error: 'Bad Request' }, want: { message: 'Bad Request', fields: [] } },
    { name: 'a message is trimmed', body: { message: '  spaced  ' }, want: { message: 'spaced', fields: [] } },
    { name: 'a number is a message', body: { error: 42 }, want: { message: '42', fields: [] } },
    { name: 'an empty list is none', body: { message: [], detail: 'the detail' }, want: { message: 'the detail', fields: [] } },
    { name: 'a list with a non-string is none', body: { message: ['a', 1], title: 'the title' }, want: { message: 'the title', fields: [] } },
    { name: 'the nested error message comes before the error itself', body: { error: { message: 'inner' } }, want: { message: 'inner', fields: [] } },
    { name: 'a boolean is none', body: { message: true }, want: { fields: [] } },
  ])('$name', ({ body, want }) => expect(read(body)).toStrictEqual(want));

  it('field entries without a code are named as rejected, and codes may be strings', () => {
    const envelope: ErrorEnvelope = { message: ['/message'], fields: { at: '/errors', code: '/code', codes: { taken: 'is already in use' } }, hints: {} };
    expect(read({ message: 'Invalid', errors: { email: { code: 'taken' }, phone: {}, name: 'too long' } }, envelope)).toStrictEqual({
      message: 'Invalid',
      fields: [
        { field: 'email', code: 'taken', problem: 'is already in use' },
        { field: 'phone', problem: 'was rejected' },
        { field: 'name', code: 'too long', problem: 'was rejected (code too long)' },
      ],
    });
    expect(read({ message: 'Invalid', errors: [{ code: 'taken' }] }, envelope)).toStrictEqual({ message: 'Invalid', fields: [] });
    expect(read({ message: 'Invalid', errors: null }, envelope)).toStrictEqual({ message: 'Invalid', fields: [] });
  });
});

describe('describeFields', () => {
  it('joins each field, its problem and any code', () => {
    expect(describeFields([{ field: 'email', code: 'taken', problem: 'is already in use' }, { field: 'phone', problem: 'was rejected' }])).toBe('email is already in use (taken); phone was rejected');
    expect(describeFields([])).toBe('');
  });
});
