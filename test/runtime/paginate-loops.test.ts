import { describe, expect, it } from 'vitest';
import { pageRequest, shapePage } from '../../templates/runtime/paginate.ts';
import { encodeCursor } from '../../templates/runtime/paging-cursor.ts';
import { successResult } from '../../templates/runtime/tool-result.ts';
import { listTool, records, STYLES, walk, type Args } from './paging-styles.ts';
import { vendorResponse } from './support.ts';

const REPEATED = /same page as the previous call, so the listing stops here rather than loop forever/;
const NO_PROGRESS = /next-page cursor did not move/;

describe('a vendor that ignores the paging arguments ends the listing after one repeat, with a note', () => {
  it.each(STYLES)('$name', (style) => {
    const all = records(40);
    // Always the first page, whatever was asked: a server that ignores the query.
    const stuck = ({ args }: { readonly args: Args }) => style.vendor({ all, args: (pageRequest({ tool: listTool(style.pagination), pagination: style.pagination, args: { limit: 5 } }) as { args: Args }).args });
    const { items, calls, last, ended } = walk({ style, all, limit: 5, vendor: stuck });
    expect(items).toStrictEqual(all.slice(0, 5));
    expect(calls).toBe(2);
    expect(last).toMatchObject({ items: [], next_cursor: null });
    expect(ended).toMatch(REPEATED);
  });
});

describe('a cursor that does not move ends the listing, with a note', () => {
  const token = STYLES.find((style) => style.pagination.nextPointer !== undefined)!;
  const bookmark = STYLES.find((style) => style.pagination.nextFromItem !== undefined)!;
  it.each([
    // The vendor hands back the cursor it was given: the next page would be this one again.
    { name: 'vendor token', style: token, vendor: ({ all, args }: { readonly all: readonly { id: string }[]; readonly args: Args }) => ({ data: all.slice(args['starting_after'] === undefined ? 0 : 5, args['starting_after'] === undefined ? 5 : 10), next: 'c5' }), items: 10 },
    // An inclusive bookmark: the page after r004 starts with r004 itself and holds nothing else.
    { name: 'bookmark', style: bookmark, vendor: ({ all, args }: { readonly all: readonly { id: string }[]; readonly args: Args }) => (args['next'] === undefined ? all.slice(0, 5) : all.slice(4, 5)), items: 6 },
  ])('$name', ({ style, vendor, items }) => {
    const result = walk({ style, all: records(40), limit: 5, vendor });
    expect(result.calls).toBe(2);
    expect(result.items).toHaveLength(items);
    expect(result.last['next_cursor']).toBeNull();
    expect(result.ended).toMatch(NO_PROGRESS);
  });
});

describe('the note reaches the model', () => {
  it('the repeated page is a text line of the tool result, and structuredContent ends the listing', () => {
    const style = STYLES[0]!;
    const definition = listTool(style.pagination);
    const body = style.vendor({ all: records(40), args: { offset: 0, limit: 5 } });
    const first = pageRequest({ tool: definition, pagination: style.pagination, args: { limit: 5 } });
    if ('error' in first) throw new Error(first.error);
    const shaped = shapePage({ tool: definition, pagination: style.pagination, request: first, body, maxChars: 100_000 });
    if ('error' in shaped) throw new Error(shaped.error);
    const again = pageRequest({ tool: definition, pagination: style.pagination, args: { limit: 5, cursor: shaped.structured['next_cursor'] } });
    if ('error' in again) throw new Error(again.error);
    const result = successResult({ tool: definition, response: vendorResponse({ status: 200, text: JSON.stringify(body) }), page: again, maxChars: 100_000, secrets: [] });
    expect(result.structuredContent).toStrictEqual({ items: [], next_cursor: null, total: 40 });
    expect(result.content.map((part) => (part as { text: string }).text)).toStrictEqual([JSON.stringify({ items: [], next_cursor: null, total: 40 }), expect.stringMatching(REPEATED)]);
  });

  it('a page continued after a size cut is not mistaken for a repeat', () => {
    const style = STYLES.find((candidate) => candidate.pagination.style === 'page')!;
    const definition = listTool(style.pagination);
    const position = { page: 1, size: 5, skip: 2 };
    const first = pageRequest({ tool: definition, pagination: style.pagination, args: { limit: 5 } });
    if ('error' in first) throw new Error(first.error);
    const cursor = encodeCursor({ tool: definition.name, query: first.query, position });
    const request = pageRequest({ tool: definition, pagination: style.pagination, args: { limit: 5, cursor } });
    if ('error' in request) throw new Error(request.error);
    const shaped = shapePage({ tool: definition, pagination: style.pagination, request, body: style.vendor({ all: records(40), args: request.args }), maxChars: 100_000 });
    expect('structured' in shaped && shaped.structured['items']).toStrictEqual(records(40).slice(2, 5));
  });
});

describe('the vendor\'s own end signals', () => {
  const token = STYLES.find((style) => style.pagination.nextPointer !== undefined)!;
  const bookmark = STYLES.find((style) => style.pagination.nextFromItem !== undefined)!;
  it.each([
    { name: 'an empty page ends it, even with a next cursor', style: token, vendor: ({ args }: { readonly args: Args }) => (args['starting_after'] === undefined ? { data: records(5), next: 'c5' } : { data: [], next: 'c10' }), calls: 2, items: 5 },
    { name: 'an empty next cursor ends it', style: token, vendor: () => ({ data: records(5), next: '' }), calls: 1, items: 5 },
    { name: 'a numeric vendor cursor is sent back as text', style: token, vendor: ({ args }: { readonly args: Args }) => (args['starting_after'] === undefined ? { data: records(5), next: 5 } : { data: records(10).slice(5), ...(args['starting_after'] === '5' ? {} : { next: 99 }) }), calls: 2, items: 10 },
    { name: 'numeric ids bookmark as text', style: bookmark, vendor: ({ args }: { readonly args: Args }) => [{ id: 1 }, { id: 2 }, { id: 3 }].filter((item) => args['next'] === undefined || item.id > Number(args['next'])), calls: 2, items: 3 },
  ])('$name', ({ style, vendor, calls, items }) => {
    const walked = walk({ style, all: [], limit: 5, vendor });
    expect({ calls: walked.calls, items: walked.items.length, ended: walked.ended }).toStrictEqual({ calls, items, ended: undefined });
  });

  it('a refused cursor says exactly what to do', () => {
    const style = STYLES[0]!;
    const refused = pageRequest({ tool: listTool(style.pagination), pagination: style.pagination, args: { cursor: 'page=2' } });
    expect(refused).toStrictEqual({
      error: 'The cursor is not one this server issued, or it was changed, or the server restarted since: pass `next_cursor` from the previous result exactly as it was. Call again without `cursor` to start from the first page.',
    });
  });
});

describe('shapePage: the exact page it returns', () => {
  const offset = STYLES[0]!;
  const bookmark = STYLES.find((style) => style.pagination.nextFromItem !== undefined)!;
  const first = (style: (typeof STYLES)[number], limit: number) => {
    const request = pageRequest({ tool: listTool(style.pagination), pagination: style.pagination, args: { limit } });
    if ('error' in request) throw new Error(request.error);
    return request;
  };

  it('a request made without a signing key carries no key entry at all (the cursor falls back to the process key)', () => {
    expect(first(offset, 5)).toStrictEqual({ args: { offset: 0, limit: 5 }, position: {}, limit: 5, query: 'T1PNoYwrqgwDVLtf' });
  });

  it('a paged answer is {items, next_cursor, total}, nothing more, and says nothing ended', () => {
    const shaped = shapePage({ tool: listTool(offset.pagination), pagination: offset.pagination, request: first(offset, 5), body: { total: 9, results: records(5) }, maxChars: 100_000 });
    expect(shaped).toStrictEqual({ structured: { items: records(5), next_cursor: expect.stringMatching(/^vmc2\./), total: 9 }, cuts: [], withheld: 0 });
  });

  it('under the size cap it withholds exactly the items that did not fit', () => {
    const body = { total: 9, results: records(5).map((item) => ({ ...item, text: 'x'.repeat(60) })) };
    const shaped = shapePage({ tool: listTool(offset.pagination), pagination: offset.pagination, request: first(offset, 5), body, maxChars: 450 });
    if ('error' in shaped) throw new Error(shaped.error);
    const kept = (shaped.structured['items'] as unknown[]).length;
    expect(kept).toBeGreaterThan(0);
    expect(shaped.withheld).toBe(5 - kept);
  });

  // The cursor is counted before the items are cut, as long as the longest it could be: the vendor's
  // own token, or the longest id on the page (which need not be the last one's).
  it.each([
    { name: 'a long vendor token', style: STYLES.find((style) => style.pagination.nextPointer !== undefined)!, body: { data: records(5), next: `c${'9'.repeat(400)}` } },
    { name: 'a long id first, short ids after', style: bookmark, body: [{ id: 'x'.repeat(400) }, ...records(5)] },
  ])('the page with its cursor never exceeds the size cap: $name', ({ style, body }) => {
    const over: number[] = [];
    let checked = 0;
    for (let maxChars = 200; maxChars <= 6_000; maxChars += 10) {
      const shaped = shapePage({ tool: listTool(style.pagination), pagination: style.pagination, request: first(style, 5), body, maxChars });
      if ('error' in shaped) throw new Error(shaped.error);
      // Below 200 characters not even a short cursor and one record fit; a first item too big even
      // alone is shortened instead (cuts name what): neither is this check.
      if (shaped.cuts.length === 0 && JSON.stringify(shaped.structured).length > maxChars) over.push(maxChars);
      checked += shaped.cuts.length === 0 ? 1 : 0;
    }
    expect({ over, checked: checked > 200 }).toStrictEqual({ over: [], checked: true });
  });

  it('a bookmark page cut short whose items carry no id cannot continue: a clear error, not a silent end', () => {
    const body = [{ name: 'a' }, { name: 'b' }, { name: 'c' }];
    expect(shapePage({ tool: listTool(bookmark.pagination), pagination: bookmark.pagination, request: first(bookmark, 2), body, maxChars: 100_000 })).toStrictEqual({
      error: "The vendor's items carry no /id to continue from, so the rest of this page cannot be reached.",
    });
  });

  it('the error names the pointer the doc declares, not a default', () => {
    const pagination = { ...bookmark.pagination, nextFromItem: '/uuid' };
    const request = pageRequest({ tool: listTool(pagination), pagination, args: { limit: 2 } });
    if ('error' in request) throw new Error(request.error);
    expect(shapePage({ tool: listTool(pagination), pagination, request, body: [{ id: 'a' }, { id: 'b' }, { id: 'c' }], maxChars: 100_000 })).toStrictEqual({
      error: "The vendor's items carry no /uuid to continue from, so the rest of this page cannot be reached.",
    });
  });

  it('a single-page answer cut by the size cap is truncated', () => {
    const single = { style: 'single' as const, limitArg: 'limit', itemsPointer: '/results', defaultLimit: 5, maxLimit: 10 };
    const request = pageRequest({ tool: listTool(single), pagination: single, args: {} });
    if ('error' in request) throw new Error(request.error);
    const shaped = shapePage({ tool: listTool(single), pagination: single, request, body: { results: records(5).map((item) => ({ ...item, text: 'x'.repeat(80) })) }, maxChars: 300 });
    expect('structured' in shaped && shaped.structured['truncated']).toBe(true);
  });
});
