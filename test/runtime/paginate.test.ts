import { describe, expect, it } from 'vitest';
import { pageRequest, shapePage, type PageRequest } from '../../templates/runtime/paginate.ts';
import { cursorKey, encodeCursor } from '../../templates/runtime/paging-cursor.ts';
import type { Pagination, ToolDefinition } from '../../templates/runtime/tool-definition.ts';
import { tool } from './support.ts';

const RECORDS = Array.from({ length: 23 }, (_, i) => ({ id: `r${String(i).padStart(2, '0')}`, note: `record ${i}` }));

/** The three vendors' strategies as their docs declare them, and a fake vendor for each. */
const STYLES: readonly { readonly name: string; readonly pagination: Pagination; readonly vendor: (args: Readonly<Record<string, unknown>>) => unknown; readonly calls: number }[] = [
  {
    name: 'offset (Rose Rocket events: {total, results})',
    pagination: { style: 'offset', limitArg: 'limit', offsetArg: 'offset', itemsPointer: '/results', totalPointer: '/total', defaultLimit: 5, maxLimit: 200 },
    calls: 5,
    vendor: (args) => ({ total: RECORDS.length, results: RECORDS.slice(args['offset'] as number, (args['offset'] as number) + (args['limit'] as number)) }),
  },
  {
    name: 'page (eDesk: {data, paginator})',
    pagination: { style: 'page', pageArg: 'page', limitArg: 'items_per_page', firstPage: 1, itemsPointer: '/data', totalPointer: '/paginator/totalItemsCount', defaultLimit: 5, maxLimit: 100 },
    calls: 5,
    vendor: (args) => {
      const size = args['items_per_page'] as number;
      const page = args['page'] as number;
      return { data: RECORDS.slice((page - 1) * size, page * size), paginator: { currentPage: page, itemsPerPage: size, totalItemsCount: RECORDS.length } };
    },
  },
  {
    name: 'cursor (Malomo: bare array, next = last id, 5 per page)',
    pagination: { style: 'cursor', cursorArg: 'next', itemsPointer: '', nextFromItem: '/id', pageSize: 5, defaultLimit: 5, maxLimit: 5 },
    // The short fifth page is not trusted as the end (5 per page is a guess): an empty sixth page is.
    calls: 6,
    vendor: (args) => {
      const start = args['next'] === undefined ? 0 : RECORDS.findIndex((r) => r.id === args['next']) + 1;
      return RECORDS.slice(start, start + 5);
    },
  },
];

function listTool(pagination: Pagination): ToolDefinition {
  return tool({ name: 'list_records', http: { method: 'GET', path: '/records', args: {} }, pagination });
}

/** Follows next_cursor until null, as a model would, and returns every item seen plus the call count. */
function walk(input: { readonly pagination: Pagination; readonly vendor: (args: Readonly<Record<string, unknown>>) => unknown; readonly args: Record<string, unknown>; readonly maxChars: number }) {
  const definition = listTool(input.pagination);
  const seen: unknown[] = [];
  let cursor: string | null | undefined;
  let calls = 0;
  do {
    const request = pageRequest({ tool: definition, pagination: input.pagination, args: { ...input.args, ...(cursor ? { cursor } : {}) } });
    if ('error' in request) throw new Error(request.error);
    const shaped = shapePage({ tool: definition, pagination: input.pagination, request, body: input.vendor(request.args), maxChars: input.maxChars });
    if ('error' in shaped) throw new Error(shaped.error);
    seen.push(...(shaped.structured['items'] as unknown[]));
    cursor = shaped.structured['next_cursor'] as string | null;
    calls += 1;
  } while (cursor !== null && calls < 100);
  return { seen, calls };
}

describe('a walk over every page returns each item once, in order', () => {
  it.each(STYLES)('$name', ({ pagination, vendor, calls: want }) => {
    const { seen, calls } = walk({ pagination, vendor, args: { filter: 'x' }, maxChars: 100_000 });
    expect(seen).toStrictEqual(RECORDS);
    expect(calls).toBe(want);
  });

  it.each(STYLES)('$name, with pages cut by a tiny size cap: still no gap and no duplicate', ({ pagination, vendor }) => {
    const { seen, calls } = walk({ pagination, vendor, args: {}, maxChars: 350 });
    expect(seen).toStrictEqual(RECORDS);
    expect(calls).toBeGreaterThan(5);
  });
});

describe('pageRequest: limit and cursor become the vendor\'s own paging arguments', () => {
  it.each<{ readonly name: string; readonly pagination: Pagination; readonly args: Record<string, unknown>; readonly want: Record<string, unknown> }>([
    { name: 'offset, first page, default limit', pagination: STYLES[0]!.pagination, args: { record_id: 'a' }, want: { record_id: 'a', offset: 0, limit: 5 } },
    { name: 'offset, explicit limit', pagination: STYLES[0]!.pagination, args: { limit: 50 }, want: { limit: 50, offset: 0 } },
    { name: 'page, first page', pagination: STYLES[1]!.pagination, args: { limit: 10 }, want: { limit: 10, page: 1, items_per_page: 10 } },
    { name: 'cursor, first page: no vendor cursor sent', pagination: STYLES[2]!.pagination, args: {}, want: {} },
    { name: 'single page, default limit under the vendor\'s own name', pagination: { style: 'single', limitArg: 'max_results', itemsPointer: '/results', defaultLimit: 3, maxLimit: 10 }, args: { q: 'x' }, want: { q: 'x', max_results: 3 } },
  ])('$name', ({ pagination, args, want }) => {
    const request = pageRequest({ tool: listTool(pagination), pagination, args });
    expect('args' in request ? request.args : request).toStrictEqual(want);
  });

  it('a page cursor keeps the page size it was counted with, whatever limit comes with it', () => {
    const pagination = STYLES[1]!.pagination;
    const cursor = encodeCursor({ tool: 'list_records', query: (pageRequest({ tool: listTool(pagination), pagination, args: {} }) as PageRequest).query, position: { page: 3, size: 10 } });
    const request = pageRequest({ tool: listTool(pagination), pagination, args: { cursor, limit: 99 } });
    expect('args' in request && request.args).toStrictEqual({ limit: 99, page: 3, items_per_page: 10 });
  });
});

describe('a bad cursor is refused before any request', () => {
  const pagination = STYLES[0]!.pagination;
  const definition = listTool(pagination);
  const query = (args: Record<string, unknown>) => (pageRequest({ tool: definition, pagination, args }) as { query: string }).query;
  it.each<{ readonly name: string; readonly args: Record<string, unknown>; readonly want: RegExp }>([
    { name: 'not ours', args: { cursor: 'eyJvZmZzZXQiOjEwfQ' }, want: /not one this server issued/ },
    { name: 'our prefix, no signature', args: { cursor: 'vmc2.!!!' }, want: /not one this server issued, or it was changed/ },
    { name: 'an unsigned cursor of the old format', args: { cursor: `vmc1.${Buffer.from(JSON.stringify({ v: 1, tool: 'list_records', query: query({}), offset: 5 })).toString('base64url')}` }, want: /not one this server issued/ },
    { name: 'a fractional page', args: { cursor: encodeCursor({ tool: 'list_records', query: query({}), position: { page: 1.5 } }) }, want: /damaged/ },
    { name: 'a bookmark that is not text', args: { cursor: encodeCursor({ tool: 'list_records', query: query({}), position: { after: 5 as unknown as string } }) }, want: /damaged/ },
    { name: 'a page fingerprint that is not text', args: { cursor: encodeCursor({ tool: 'list_records', query: query({}), position: { seen: 1 as unknown as string } }) }, want: /damaged/ },
    { name: 'a signature cut short', args: { cursor: encodeCursor({ tool: 'list_records', query: query({}), position: { offset: 5 } }).slice(0, -1) }, want: /not one this server issued/ },
    { name: 'a negative offset smuggled in', args: { cursor: encodeCursor({ tool: 'list_records', query: query({}), position: { offset: -5 } }) }, want: /damaged/ },
    { name: 'another tool\'s cursor', args: { cursor: encodeCursor({ tool: 'list_other', query: query({}), position: { offset: 5 } }) }, want: /belongs to another tool \(list_other\)/ },
    { name: 'the same tool with other filters', args: { status: 'open', cursor: encodeCursor({ tool: 'list_records', query: query({ status: 'closed' }), position: { offset: 5 } }) }, want: /issued for different arguments/ },
  ])('$name', ({ args, want }) => {
    const request = pageRequest({ tool: definition, pagination, args });
    expect('error' in request && request.error).toMatch(want);
  });

  it('an edited cursor (a page size past the maximum) fails its signature and is refused', () => {
    const real = encodeCursor({ tool: 'list_records', query: query({}), position: { page: 2, size: 5 } });
    const payload = JSON.parse(Buffer.from(real.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = ['vmc2', Buffer.from(JSON.stringify({ ...payload, size: 1_000_000 })).toString('base64url'), real.split('.')[2]].join('.');
    expect(pageRequest({ tool: definition, pagination, args: { cursor: forged } })).toStrictEqual({ error: expect.stringMatching(/^The cursor is not one this server issued, or it was changed/) });
    expect(pageRequest({ tool: definition, pagination, args: { cursor: real } })).toMatchObject({ position: { page: 2, size: 5 } });
    expect(pageRequest({ tool: definition, pagination, args: { cursor: `${real}.extra` } })).toMatchObject({ error: expect.stringMatching(/not one this server issued/) });
  });

  it.each([
    { name: 'the same credential after a restart: accepted', issuer: cursorKey({ fixedSecret: 'sk_one' }), reader: cursorKey({ fixedSecret: 'sk_one' }), ok: true },
    { name: 'another credential: refused', issuer: cursorKey({ fixedSecret: 'sk_one' }), reader: cursorKey({ fixedSecret: 'sk_two' }), ok: false },
    { name: 'no fixed credential: the process key, not a key from an empty secret', issuer: cursorKey({}), reader: cursorKey({ fixedSecret: '' }), ok: true },
    { name: 'the process key does not read a credential\'s cursor', issuer: cursorKey({ fixedSecret: 'sk_one' }), reader: cursorKey({}), ok: false },
  ])('signing key: $name', ({ issuer, reader, ok }) => {
    const cursor = encodeCursor({ tool: 'list_records', query: query({}), position: { offset: 5 }, key: issuer });
    const request = pageRequest({ tool: definition, pagination, args: { cursor }, key: reader });
    expect('error' in request ? request.error : request.position).toStrictEqual(ok ? { offset: 5 } : expect.stringMatching(/not one this server issued/));
  });

  it('the next cursor is signed with the request\'s key', () => {
    const key = cursorKey({ fixedSecret: 'sk_one' });
    const request = pageRequest({ tool: definition, pagination, args: {}, key });
    if ('error' in request) throw new Error(request.error);
    const shaped = shapePage({ tool: definition, pagination, request, body: { total: 23, results: RECORDS.slice(0, 5) }, maxChars: 100_000 });
    const next = 'structured' in shaped ? (shaped.structured['next_cursor'] as string) : '';
    expect(pageRequest({ tool: definition, pagination, args: { cursor: next }, key })).toMatchObject({ position: { offset: 5 } });
    expect(pageRequest({ tool: definition, pagination, args: { cursor: next } })).toMatchObject({ error: expect.stringMatching(/not one this server issued/) });
  });

  it('the same filters in another key order are the same query', () => {
    const cursor = encodeCursor({ tool: 'list_records', query: query({ status: 'open', owner: 'me' }), position: { offset: 5 } });
    expect(pageRequest({ tool: definition, pagination, args: { owner: 'me', status: 'open', cursor } })).toMatchObject({ position: { offset: 5 } });
    expect(pageRequest({ tool: definition, pagination, args: { owner: 'you', status: 'open', cursor } })).toMatchObject({ error: expect.stringMatching(/issued for different arguments/) });
  });

  it('a changed limit is not a different query', () => {
    const cursor = encodeCursor({ tool: 'list_records', query: query({ status: 'open' }), position: { offset: 5 } });
    expect(pageRequest({ tool: definition, pagination, args: { status: 'open', limit: 9, cursor } })).toMatchObject({ args: { status: 'open', limit: 9, offset: 5 } });
  });
});

describe('shapePage: single-page endpoints and odd vendor answers', () => {
  const single: Pagination = { style: 'single', limitArg: 'limit', itemsPointer: '/results', totalPointer: '/total', defaultLimit: 3, maxLimit: 200 };
  const definition = listTool(single);
  const request = pageRequest({ tool: definition, pagination: single, args: {} });
  it.each<{ readonly name: string; readonly body: unknown; readonly want: unknown }>([
    { name: 'total above what came back: truncated', body: { total: 40, results: RECORDS.slice(0, 3) }, want: { items: RECORDS.slice(0, 3), next_cursor: null, total: 40, truncated: true } },
    { name: 'everything came back', body: { total: 2, results: RECORDS.slice(0, 2) }, want: { items: RECORDS.slice(0, 2), next_cursor: null, total: 2, truncated: false } },
    { name: 'a non-numeric total is left out', body: { total: 'many', results: [] }, want: { items: [], next_cursor: null, truncated: false } },
  ])('$name', ({ body, want }) => {
    const shaped = shapePage({ tool: definition, pagination: single, request: request as never, body, maxChars: 100_000 });
    expect('structured' in shaped && shaped.structured).toStrictEqual(want);
  });

  it('no list where the doc says: a clear error', () => {
    expect(shapePage({ tool: definition, pagination: single, request: request as never, body: { result: [] }, maxChars: 100_000 })).toStrictEqual({ error: "The vendor's answer has no list at /results, so no items could be read." });
  });

  it('no list at the root: the error says so in words, not with an empty pointer', () => {
    const bare: Pagination = { ...single, itemsPointer: '' };
    expect(shapePage({ tool: definition, pagination: bare, request: request as never, body: { results: [] }, maxChars: 100_000 })).toStrictEqual({ error: "The vendor's answer has no list at its root, so no items could be read." });
  });

  it('one item larger than the cap alone is shortened, not dropped, and the cut is reported', () => {
    const huge = { id: 'big', text: 'y'.repeat(5_000) };
    const shaped = shapePage({ tool: definition, pagination: single, request: request as never, body: { total: 1, results: [huge] }, maxChars: 1_000 });
    if ('error' in shaped) throw new Error(shaped.error);
    // Shortened to fit, and only as much as needed: the item keeps most of the room.
    expect(JSON.stringify(shaped.structured).length).toBeLessThanOrEqual(1_000);
    expect(JSON.stringify(shaped.structured).length).toBeGreaterThan(800);
    expect(shaped.cuts).toStrictEqual([expect.objectContaining({ pointer: '/items/0/text', of: 5_000, unit: 'characters' })]);
    expect((shaped.structured['items'] as { id: string }[])[0]!.id).toBe('big');
  });
});
