import { describe, expect, it } from 'vitest';
import { callTool } from '../../templates/runtime/call-tool.ts';
import type { ErrorEnvelope } from '../../templates/runtime/error-envelope.ts';
import type { HttpBinding } from '../../templates/runtime/tool-definition.ts';
import { ACME, TOKEN, config, recordingFetch, tool } from './support.ts';

const getOrder = tool({ name: 'get_order', http: { method: 'GET', path: '/orders/{id}', args: { id: { in: 'path', name: 'id' } } } satisfies HttpBinding });
const ENVELOPE: ErrorEnvelope = {
  message: ['/message'],
  code: '/code',
  requestId: '/request_id',
  fields: { at: '/errors', code: '/errorCode', codes: { '4001': 'is required but missing' } },
  hints: {},
};

async function call(body: unknown, status: number) {
  const { fetch } = recordingFetch(() => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
  return callTool({ tool: getOrder, args: { id: '1' }, config: config({ fetch, vendor: { ...ACME, errors: ENVELOPE } }) });
}

describe('no secret leaves in any part of a result', () => {
  it.each([
    { name: 'echoed as the request id', body: { message: 'bad', request_id: `req-${TOKEN}` } },
    { name: 'echoed as an error field name (a JSON object key) and its code', body: { message: 'bad', errors: { [TOKEN]: { errorCode: TOKEN } } } },
    { name: 'echoed as the error code', body: { message: 'bad', code: `E-${TOKEN}` } },
  ])('a vendor error: $name', async ({ body }) => {
    const result = await call(body, 400);
    expect(result.isError).toBe(true);
    const serialized = JSON.stringify(result);
    expect(serialized).not.toContain(TOKEN);
    expect(serialized).not.toContain(TOKEN.slice(0, 6));
    expect(serialized).toContain('[reda'); // the 1,000-character cut may fall inside the marker, never inside the secret
  });

  // Each place the 1,000-character cut can fall inside the secret: it is redacted before the cut, so not even its start is left.
  it.each([986, 990, 994, 997])('a vendor error whose message has the secret after %i characters, across the cut', async (pad) => {
    const result = await call({ message: `${'x'.repeat(pad)}${TOKEN} more` }, 400);
    expect(JSON.stringify(result)).not.toContain(TOKEN.slice(0, 1000 - pad));
    expect((result.structuredContent as { message: string }).message).toStrictEqual(`${'x'.repeat(pad)}[redacted] more`.slice(0, 1000));
  });

  // A body is redacted as it is parsed; a status line is not a body, and is cut to 1,000 characters the same way.
  it.each([986, 994])('a vendor error with no message whose status text has the secret after %i characters, across the cut', async (pad) => {
    const statusText = `${'x'.repeat(pad)}${TOKEN} more`;
    const { fetch } = recordingFetch(() => new Response('', { status: 400, statusText }));
    const result = await callTool({ tool: getOrder, args: { id: '1' }, config: config({ fetch }) });
    expect(JSON.stringify(result)).not.toContain(TOKEN.slice(0, 1000 - pad));
    expect((result.structuredContent as { message: string }).message).toStrictEqual(`${'x'.repeat(pad)}[redacted] more`.slice(0, 1000));
  });

  it('a success body with the secret in arrays, nested', async () => {
    const result = await call({ id: '1', tags: [TOKEN, [`x ${TOKEN}`]], lines: [{ notes: [TOKEN] }] }, 200);
    expect(JSON.stringify(result)).not.toContain(TOKEN);
    expect(result.structuredContent).toStrictEqual({ id: '1', tags: ['[redacted]', ['x [redacted]']], lines: [{ notes: ['[redacted]'] }] });
  });

  it('a success body cut to the size limit is redacted first: no cut leaves the start of the secret', async () => {
    const { fetch } = recordingFetch(() => new Response(JSON.stringify({ id: '1', note: `${'x'.repeat(400)}${TOKEN}${'y'.repeat(400)}` }), { status: 200, headers: { 'content-type': 'application/json' } }));
    for (let maxResultChars = 420; maxResultChars <= 560; maxResultChars += 1) {
      const result = await callTool({ tool: getOrder, args: { id: '1' }, config: config({ fetch, maxResultChars }) });
      expect(JSON.stringify(result.structuredContent)).not.toContain(TOKEN.slice(0, 4));
    }
  });

  it('a success body with the secret as an object key, nested', async () => {
    const result = await call({ id: '1', meta: { [TOKEN]: { note: `Bearer ${TOKEN}` } } }, 200);
    expect(JSON.stringify(result)).not.toContain(TOKEN);
    expect(result.structuredContent).toStrictEqual({ id: '1', meta: { '[redacted]': { note: 'Bearer [redacted]' } } });
  });

  it('an HTML error page glimpse', async () => {
    const { fetch } = recordingFetch(() => new Response(`<html><body>${'y'.repeat(190)}${TOKEN}</body></html>`, { status: 502, headers: { 'content-type': 'text/html' } }));
    const result = await callTool({ tool: getOrder, args: { id: '1' }, config: config({ fetch }) });
    expect(JSON.stringify(result)).not.toContain(TOKEN.slice(0, 6));
  });
});
