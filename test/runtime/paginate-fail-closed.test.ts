import { describe, expect, it } from 'vitest';
import { pageRequest, shapePage } from '../../templates/runtime/paginate.ts';
import type { Pagination } from '../../templates/runtime/tool-definition.ts';
import { successResult } from '../../templates/runtime/tool-result.ts';
import { listTool, records, STYLES, walk, type Args, type Item, type Style } from './paging-styles.ts';
import { vendorResponse } from './support.ts';

/** One page as the runtime shapes it, for the first call or a given cursor. */
function shapeOne(input: { readonly pagination: Pagination; readonly body: unknown; readonly limit: number; readonly cursor?: string }) {
  const definition = listTool(input.pagination);
  const request = pageRequest({ tool: definition, pagination: input.pagination, args: { limit: input.limit, ...(input.cursor !== undefined ? { cursor: input.cursor } : {}) } });
  if ('error' in request) throw new Error(request.error);
  return { request, shaped: shapePage({ tool: definition, pagination: input.pagination, request, body: input.body, maxChars: 100_000 }) };
}

const styleNamed = (part: string): Style => STYLES.find((style) => style.name.includes(part))!;

describe('a bookmark page that may not be the last, whose last item has no bookmark, is an error', () => {
  const fixed = styleNamed('fixed vendor pages of 7 (Malomo)');
  const limited = styleNamed('with a limit argument');
  const noIds = (count: number) => Array.from({ length: count }, (_, i) => ({ uuid: `o${i}` }));
  const NEXT_PAGES = "The vendor's items carry no /id to continue from, so the pages after this one cannot be reached.";

  it.each([
    { name: 'a full Malomo page (no limit argument: only an empty page ends it)', style: fixed, body: noIds(7), limit: 10 },
    { name: 'a short Malomo page: its page size is never trusted to end it either', style: fixed, body: noIds(3), limit: 10 },
    { name: 'exactly `limit` items', style: limited, body: { items: noIds(5) }, limit: 5 },
    { name: 'the last id null', style: limited, body: { items: [...records(4), { id: null }] }, limit: 5 },
    { name: 'the last id empty', style: limited, body: { items: [...records(4), { id: '' }] }, limit: 5 },
  ])('$name', ({ style, body, limit }) => {
    expect(shapeOne({ pagination: style.pagination, body, limit }).shaped).toStrictEqual({ error: NEXT_PAGES });
  });

  it.each([
    { name: 'one fewer than `limit`: the vendor said it is the last page', body: { items: noIds(4) } },
    { name: 'an empty page', body: { items: [] } },
  ])('$name: ends without an error, as before', ({ body }) => {
    const { shaped } = shapeOne({ pagination: limited.pagination, body, limit: 5 });
    expect('structured' in shaped && shaped.structured['next_cursor']).toBeNull();
  });

  it('the model sees an error result, not a complete-looking list', () => {
    const definition = listTool(fixed.pagination);
    const request = pageRequest({ tool: definition, pagination: fixed.pagination, args: { limit: 7 } });
    if ('error' in request) throw new Error(request.error);
    const result = successResult({ tool: definition, response: vendorResponse({ status: 200, text: JSON.stringify(noIds(7)) }), page: request, maxChars: 100_000, secrets: [] });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('the pages after this one cannot be reached');
  });
});

describe('offset paging with a total: a page shorter than `limit` does not end the listing while the total says more', () => {
  const offset = styleNamed('offset with a total');
  const capped = (cap: number): Style['vendor'] => ({ all, args }) => {
    const start = args['offset'] as number;
    return { total: all.length, results: all.slice(start, start + Math.min(cap, args['limit'] as number)) };
  };

  it('{total: 100, results: 3 items} for limit 5: the next page starts at offset 3', () => {
    const { request, shaped } = shapeOne({ pagination: offset.pagination, body: { total: 100, results: records(3) }, limit: 5 });
    if ('error' in shaped) throw new Error(shaped.error);
    const next = pageRequest({ tool: listTool(offset.pagination), pagination: offset.pagination, args: { limit: 5, cursor: shaped.structured['next_cursor'] } });
    expect({ next: 'args' in next ? next.args : next, ended: shaped.ended }).toStrictEqual({ next: { ...request.args, offset: 3 }, ended: undefined });
  });

  it.each([
    { count: 0, calls: 1 },
    { count: 3, calls: 1 },
    { count: 4, calls: 2 },
    { count: 23, calls: 8 },
  ])('a vendor capping pages at 3, limit 5, $count items: every item once in $calls calls, with no note', ({ count, calls }) => {
    const all = records(count);
    const walked = walk({ style: offset, all, limit: 5, vendor: capped(3) });
    expect({ items: walked.items, calls: walked.calls, ended: walked.ended }).toStrictEqual({ items: all, calls, ended: undefined });
  });

  it('an empty page while the total says more ends the listing with a note that the two disagree', () => {
    const stale: Style['vendor'] = ({ all, args }) => ({ total: 100, results: all.slice(args['offset'] as number, (args['offset'] as number) + (args['limit'] as number)) });
    const walked = walk({ style: offset, all: records(7), limit: 5, vendor: stale });
    expect(walked.items).toStrictEqual(records(7));
    expect(walked.last['next_cursor']).toBeNull();
    expect(walked.ended).toMatch(/^The vendor's total says 100 item\(s\), but its page after the first 7 came back empty; the two disagree/);
  });
});

describe('page-number paging with a total: a page the vendor capped is continued in pages of the size it served', () => {
  const page = styleNamed('page number with a total');
  const cap = 3;
  // Two ways a capping vendor may number pages; which one a vendor uses cannot be told from its answer.
  const numberedByAsked: Style['vendor'] = ({ all, args }) => {
    const start = ((args['page'] as number) - 1) * (args['items_per_page'] as number);
    return { data: all.slice(start, start + Math.min(cap, args['items_per_page'] as number)), paginator: { totalItemsCount: all.length } };
  };
  const numberedByServed: Style['vendor'] = ({ all, args }) => {
    const size = Math.min(cap, args['items_per_page'] as number);
    return { data: all.slice(((args['page'] as number) - 1) * size, (args['page'] as number) * size), paginator: { totalItemsCount: all.length } };
  };

  it.each([
    { vendor: numberedByAsked, how: 'the size asked', count: 23, calls: 8 },
    { vendor: numberedByServed, how: 'the size served', count: 23, calls: 8 },
    { vendor: numberedByAsked, how: 'the size asked', count: 3, calls: 1 },
    { vendor: numberedByAsked, how: 'the size asked', count: 4, calls: 2 },
    { vendor: numberedByServed, how: 'the size served', count: 0, calls: 1 },
  ])('pages numbered in $how, $count items: every item once in $calls calls', ({ vendor, count, calls }) => {
    const all = records(count);
    const walked = walk({ style: page, all, limit: 5, vendor });
    expect({ items: walked.items, calls: walked.calls, ended: walked.ended }).toStrictEqual({ items: all, calls, ended: undefined });
  });

  it('a short page after full ones, where the size served does not divide the items so far: stops with a note', () => {
    // Page 1 is full (5), page 2 holds 3 while the total says 100: where page 3 would start cannot be told.
    const shrinking = ({ all, args }: { readonly all: readonly Item[]; readonly args: Args }) => ({ data: args['page'] === 1 ? all.slice(0, 5) : all.slice(5, 8), paginator: { totalItemsCount: 100 } });
    const walked = walk({ style: page, all: records(100), limit: 5, vendor: shrinking });
    expect({ items: walked.items, calls: walked.calls, next: walked.last['next_cursor'] }).toStrictEqual({ items: records(8), calls: 2, next: null });
    expect(walked.ended).toMatch(/^The vendor's total says 100 item\(s\), but a page held 3 of the 5 asked for.*Items past the first 8, if any, cannot be reached by paging\.$/);
  });

  it('an empty page while the total says more: stops with a note', () => {
    const { shaped } = shapeOne({ pagination: page.pagination, body: { data: [], paginator: { totalItemsCount: 4 } }, limit: 5 });
    expect('structured' in shaped && { next: shaped.structured['next_cursor'], ended: shaped.ended }).toStrictEqual({ next: null, ended: expect.stringMatching(/total says 4 item\(s\), but its page after the first 0 came back empty/) });
  });
});

describe('a single page without a readable total does not claim to be complete', () => {
  const single: Pagination = { style: 'single', limitArg: 'limit', itemsPointer: '/results', totalPointer: '/total', defaultLimit: 5, maxLimit: 10 };
  const UNREADABLE = /^The vendor's answer has no readable total at \/total, and this page is full \(5 item\(s\) for a limit of 5\), so whether more matched cannot be told/;

  it.each<{ readonly name: string; readonly body: unknown; readonly pagination?: Pagination; readonly truncated: boolean; readonly ended?: RegExp }>([
    { name: 'total missing, exactly `limit` items', body: { results: records(5) }, truncated: true, ended: UNREADABLE },
    { name: 'total not a number, exactly `limit` items', body: { total: 'many', results: records(5) }, truncated: true, ended: UNREADABLE },
    { name: 'total null, exactly `limit` items', body: { total: null, results: records(5) }, truncated: true, ended: UNREADABLE },
    { name: 'no total declared at all, exactly `limit` items', body: { results: records(5) }, pagination: { ...single, totalPointer: undefined } as Pagination, truncated: true, ended: /^The vendor reports no total, and this page is full/ },
    { name: 'total missing, one more than `limit` (the vendor ignored it)', body: { results: records(6) }, truncated: true },
    { name: 'total missing, one fewer than `limit`: everything came back', body: { results: records(4) }, truncated: false },
    { name: 'total missing, no items', body: { results: [] }, truncated: false },
    { name: 'a readable total equal to the items: complete, no note', body: { total: 5, results: records(5) }, truncated: false },
  ])('$name', ({ body, pagination, truncated, ended }) => {
    const { shaped } = shapeOne({ pagination: pagination ?? single, body, limit: 5 });
    if ('error' in shaped) throw new Error(shaped.error);
    expect({ truncated: shaped.structured['truncated'], ended: shaped.ended }).toStrictEqual({ truncated, ended: ended === undefined ? undefined : expect.stringMatching(ended) });
  });

  it('the note reaches the model as a text line', () => {
    const definition = listTool(single);
    const request = pageRequest({ tool: definition, pagination: single, args: { limit: 5 } });
    if ('error' in request) throw new Error(request.error);
    const result = successResult({ tool: definition, response: vendorResponse({ status: 200, text: JSON.stringify({ results: records(5) }) }), page: request, maxChars: 100_000, secrets: [] });
    expect(result.content.map((part) => (part as { text: string }).text).slice(1)).toStrictEqual([expect.stringMatching(UNREADABLE)]);
  });
});
