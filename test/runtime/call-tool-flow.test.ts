import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { callTool } from '../../templates/runtime/call-tool.ts';
import type { TokenSource } from '../../templates/runtime/oauth-client-credentials.ts';
import type { FullArrayGuard } from '../../templates/runtime/safeguards.ts';
import type { Pagination, ToolDefinition } from '../../templates/runtime/tool-definition.ts';
import type { Credentials } from '../../templates/runtime/vendor-credentials.ts';
import { ACME, config, recordingFetch, tool } from './support.ts';

/**
 * callTool's own decisions, one behaviour per block: dry runs of requests without a body or refused
 * by a guard, a carried list that fails or comes with notes, variants fixed by the tool, paging
 * through callTool (cursor keys per credential), the 2xx boundary and the check after a write.
 */
const json = (body: unknown, status = 200): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const texts = (result: { content: unknown[] }) => (result.content as { text: string }[]).map((part) => part.text);

const SHIPMENTS: FullArrayGuard = { kind: 'full-array', arg: 'shipments', identity: ['carrier'], readPath: '/orders/{id}', currentPointer: '/shipments', confirmArg: 'confirm_removed_shipments', carryOver: true };
const TAGS: FullArrayGuard = { kind: 'full-array', arg: 'tags', identity: [], readPath: '/orders/{id}', currentPointer: '/tags', confirmArg: 'confirm_removed_tags', carryOver: true };

function writeTool(input: { readonly guards: readonly FullArrayGuard[]; readonly method?: string }): ToolDefinition {
  const args = Object.fromEntries([['id', { in: 'path' as const, name: 'id' }], ['note', { in: 'body' as const, name: 'note' }], ...input.guards.map((g) => [g.arg, { in: 'body' as const, name: g.arg }] as const)]);
  const base = tool({ name: 'update_order', http: { method: input.method ?? 'PUT', path: '/orders/{id}', args, body: { mediaType: 'application/json', encoding: 'json', mode: 'fields' } } });
  return { ...base, safeguards: input.guards, dryRun: true };
}

/** GETs answer `read` (or fail with `readStatus`); every write answers `write()`. */
function vendor(input: { readonly read: unknown; readonly readStatus?: number; readonly write?: () => Response }) {
  return recordingFetch((init) => (init.method === 'GET' ? json(input.read, input.readStatus ?? 200) : (input.write ?? (() => json({ ok: true })))()));
}

describe('dry runs', () => {
  it('a request without a body shows no body field at all', async () => {
    const remove = { ...tool({ name: 'delete_order', http: { method: 'DELETE', path: '/orders/{id}', args: { id: { in: 'path', name: 'id' } } } }), dryRun: true };
    const { fetch, sent } = recordingFetch(() => json({}));
    const result = await callTool({ tool: remove, args: { id: '7', dry_run: true }, config: config({ fetch }) });
    expect(result.structuredContent).toStrictEqual({ dry_run: true, request: { method: 'DELETE', url: 'https://api.acme.test/v1/orders/7', headers: { Accept: 'application/json', 'User-Agent': '@vendor-mcp/acme/1.2.3', Authorization: 'Bearer [redacted]' } } });
    expect(Object.keys((result.structuredContent as { request: object }).request)).toStrictEqual(['method', 'url', 'headers']);
    expect(sent).toStrictEqual([]);
  });

  it('a carried list that cannot be read: the dry run says the real call would be refused', async () => {
    const { fetch, sent } = vendor({ read: {}, readStatus: 404 });
    const result = await callTool({ tool: writeTool({ guards: [SHIPMENTS] }), args: { id: 'o1', note: 'n', dry_run: true }, config: config({ fetch }) });
    expect(sent.map((r) => r.method)).toStrictEqual(['GET']);
    expect(result).toStrictEqual({
      isError: true,
      content: [{ type: 'text', text: 'Dry run: the real call would be refused, and nothing was sent. Could not read the current state before the write (HTTP 404), so nothing was sent. Check the id and try again.' }],
      structuredContent: {
        dry_run: true,
        would_refuse: true,
        request: { method: 'PUT', url: 'https://api.acme.test/v1/orders/o1', headers: { Accept: 'application/json', 'User-Agent': '@vendor-mcp/acme/1.2.3', Authorization: 'Bearer [redacted]', 'Content-Type': 'application/json' }, body: { note: 'n' } },
      },
    });
  });

  it('the same unreadable list without dry_run is the plain refusal', async () => {
    const { fetch } = vendor({ read: {}, readStatus: 404 });
    const result = await callTool({ tool: writeTool({ guards: [SHIPMENTS] }), args: { id: 'o1', note: 'n' }, config: config({ fetch }) });
    expect(result).toStrictEqual({ isError: true, content: [{ type: 'text', text: 'Could not read the current state before the write (HTTP 404), so nothing was sent. Check the id and try again.' }] });
  });

  it('a dry run with a carried list shows the list it would send, the note last', async () => {
    const { fetch, sent } = vendor({ read: { shipments: [{ carrier: 'usps', label: 'x' }] } });
    const result = await callTool({ tool: writeTool({ guards: [SHIPMENTS] }), args: { id: 'o1', note: 'n', dry_run: true }, config: config({ fetch }) });
    expect(sent.map((r) => r.method)).toStrictEqual(['GET']);
    expect((result.structuredContent as { request: { body: unknown } }).request.body).toStrictEqual({ note: 'n', shipments: [{ carrier: 'usps' }] });
    expect(texts(result)[1]).toBe('Note: "shipments" was not given, so its 1 current entry was read first and would be sent back unchanged: [{"carrier":"usps"}].');
  });
});

describe('notes of carried lists', () => {
  it('two carried lists: one note part, the sentences joined by a space, after the result and the checks', async () => {
    const { fetch, sent } = vendor({ read: { shipments: [{ carrier: 'usps' }], tags: ['a'] } });
    const result = await callTool({ tool: writeTool({ guards: [SHIPMENTS, TAGS] }), args: { id: 'o1', note: 'n' }, config: config({ fetch }) });
    expect(sent.map((r) => r.method)).toStrictEqual(['GET', 'GET', 'PUT', 'GET', 'GET']);
    expect(texts(result)).toStrictEqual([
      '{"ok":true}',
      'Checked after the write: "shipments" holds every entry sent.',
      'Checked after the write: "tags" holds every entry sent.',
      'Note: "shipments" was not given, so its 1 current entry was read first and sent back unchanged: [{"carrier":"usps"}]. "tags" was not given, so its 1 current entry was read first and sent back unchanged: ["a"].',
    ]);
  });

  it('a write the vendor refuses carries no note: the error stays the only text', async () => {
    const { fetch, sent } = vendor({ read: { shipments: [] }, write: () => json({ message: 'Boom' }, 500) });
    const result = await callTool({ tool: writeTool({ guards: [SHIPMENTS] }), args: { id: 'o1', note: 'n' }, config: config({ fetch }) });
    expect(sent.map((r) => r.method)).toStrictEqual(['GET', 'PUT']);
    expect(result.isError).toBe(true);
    expect(texts(result)).toHaveLength(1);
    expect(texts(result)[0]).toMatch(/^The vendor answered HTTP 500/);
  });
});

describe('the 2xx boundary and the check after a write', () => {
  const getOrder = tool({ name: 'get_order', http: { method: 'GET', path: '/orders/{id}', args: { id: { in: 'path', name: 'id' } } } });

  it.each([
    { status: 200, isError: undefined },
    { status: 299, isError: undefined },
    { status: 300, isError: true },
    { status: 399, isError: true },
  ])('HTTP $status → isError $isError', async ({ status, isError }) => {
    const { fetch } = recordingFetch(() => new Response('{"id":"1"}', { status, statusText: 'S', headers: { 'content-type': 'application/json' } }));
    expect((await callTool({ tool: getOrder, args: { id: '1' }, config: config({ fetch }) })).isError).toBe(isError);
  });

  it('a write answered 2xx with an unusable body is not read back: the error stays the result', async () => {
    const guard: FullArrayGuard = { ...SHIPMENTS, carryOver: false };
    const { fetch, sent } = vendor({ read: { shipments: [] }, write: () => new Response('not json', { status: 200, headers: { 'content-type': 'application/json' } }) });
    const result = await callTool({ tool: writeTool({ guards: [guard] }), args: { id: 'o1', shipments: [{ carrier: 'ups' }] }, config: config({ fetch }) });
    expect(sent.map((r) => r.method)).toStrictEqual(['GET', 'PUT']);
    expect(result.isError).toBe(true);
    expect(texts(result)).toHaveLength(1);
  });
});

describe('a variant fixed by the tool', () => {
  const family = { discriminator: 'object_key', fixed: 'order', variants: { order: { schema: () => z.object({}), fields: [], required: [] } } };
  const split: ToolDefinition = { ...tool({ name: 'get_order_object', http: { method: 'GET', path: '/objects/{object_key}/{id}', args: { object_key: { in: 'path', name: 'object_key' }, id: { in: 'path', name: 'id' } } } }), variants: family };

  it('fills the discriminator the model does not pass, and the request names it', async () => {
    const { fetch, sent } = recordingFetch(() => json({ id: '1' }));
    const result = await callTool({ tool: split, args: { id: '1' }, config: config({ fetch }) });
    expect({ isError: result.isError, urls: sent.map((r) => r.url) }).toStrictEqual({ isError: undefined, urls: ['https://api.acme.test/v1/objects/order/1'] });
  });

  it('overrides a discriminator smuggled into the arguments', async () => {
    const { fetch, sent } = recordingFetch(() => json({ id: '1' }));
    await callTool({ tool: split, args: { id: '1', object_key: 'invoice' }, config: config({ fetch }) });
    expect(sent.map((r) => r.url)).toStrictEqual(['https://api.acme.test/v1/objects/order/1']);
  });
});

describe('paging through callTool: cursors signed with the credential key', () => {
  const RECORDS = Array.from({ length: 7 }, (_, i) => ({ id: `r${i}` }));
  const pagination: Pagination = { style: 'offset', limitArg: 'limit', offsetArg: 'offset', itemsPointer: '/results', totalPointer: '/total', defaultLimit: 5, maxLimit: 50 };
  const list = tool({ name: 'list_records', http: { method: 'GET', path: '/records', args: { limit: { in: 'query', name: 'limit' }, offset: { in: 'query', name: 'offset' } } }, pagination });
  const records = () =>
    recordingFetch(() => json({ total: RECORDS.length, results: RECORDS.slice(0, 5) }));
  const fixed = (secret: string): Credentials => ({ headers: { Authorization: `Bearer ${secret}` }, query: [], secrets: [secret] });
  const source: TokenSource = { token: async () => ({ token: 'rotating-token-1' }), invalidate: () => undefined };
  const granted = (secret: string): Credentials => ({ headers: {}, query: [], secrets: [secret], tokenSource: source });

  async function firstCursor(credentials: Credentials): Promise<string> {
    const { fetch, sent } = records();
    const result = await callTool({ tool: list, args: {}, config: config({ fetch, credentials }) });
    expect(sent.map((r) => r.url)).toStrictEqual(['https://api.acme.test/v1/records?limit=5&offset=0']);
    expect((result.structuredContent as { items: unknown[] }).items).toStrictEqual(RECORDS.slice(0, 5));
    return (result.structuredContent as { next_cursor: string }).next_cursor;
  }

  async function follow(input: { readonly cursor: string; readonly credentials: Credentials }) {
    const { fetch, sent } = records();
    const result = await callTool({ tool: list, args: { cursor: input.cursor }, config: config({ fetch, credentials: input.credentials }) });
    return { urls: sent.map((r) => r.url), isError: result.isError };
  }

  const NEXT = { urls: ['https://api.acme.test/v1/records?limit=5&offset=5'], isError: undefined };
  const REFUSED = { urls: [], isError: true };

  it.each([
    { name: 'the same fixed secret (a restarted server) follows the cursor', made: () => fixed('secret-one-abcdef'), used: () => fixed('secret-one-abcdef'), want: NEXT },
    { name: 'another fixed secret refuses it', made: () => fixed('secret-one-abcdef'), used: () => fixed('secret-two-abcdef'), want: REFUSED },
    { name: 'a grant (rotating tokens) keys with the process key, whatever its secrets', made: () => granted('secret-one-abcdef'), used: () => granted('secret-two-abcdef'), want: NEXT },
    { name: 'a grant cursor is not valid under a fixed secret equal to its first secret', made: () => granted('secret-one-abcdef'), used: () => fixed('secret-one-abcdef'), want: REFUSED },
    { name: 'a fixed-secret cursor is not valid under a grant', made: () => fixed('secret-one-abcdef'), used: () => granted('secret-one-abcdef'), want: REFUSED },
  ])('$name', async ({ made, used, want }) => {
    const cursor = await firstCursor(made());
    expect(await follow({ cursor, credentials: used() })).toStrictEqual(want);
  });
});

describe('vendor errors name the credential variable the operator must renew', () => {
  const getOrder = tool({ name: 'get_order', http: { method: 'GET', path: '/orders/{id}', args: { id: { in: 'path', name: 'id' } } } });

  it.each([
    { name: 'a vendor with a bearer token names its variable', vendor: ACME, credentials: undefined, want: "The vendor rejected the server's credentials (ACME_TOKEN); the operator must renew them. Retrying will not help." },
    { name: 'a vendor without auth names none', vendor: { ...ACME, auth: { kind: 'none' } } as const, credentials: { headers: {}, query: [], secrets: [] }, want: "The vendor rejected the server's credentials; the operator must renew them. Retrying will not help." },
  ])('$name', async ({ vendor, credentials, want }) => {
    const { fetch } = recordingFetch(() => json({ message: 'No' }, 401));
    const result = await callTool({ tool: getOrder, args: { id: '1' }, config: config({ fetch, vendor, ...(credentials ? { credentials } : {}) }) });
    expect(texts(result)).toStrictEqual([`The vendor answered HTTP 401: No. ${want}`]);
  });
});
