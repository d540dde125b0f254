import { decodeCursor, encodeCursor, pageFingerprint, queryFingerprint, type CursorKey, type PagePosition } from './paging-cursor.ts';
import { valueAtPointer } from './json-pointer.ts';
import { itemsThatFit, shrinkToFit, type Cut } from './result-size-cap.ts';
import type { Pagination, ToolDefinition } from './tool-definition.ts';

const LIMIT = 'limit';
const CURSOR = 'cursor';

/** A page about to be requested: the vendor arguments filled in, and what the result needs to know. */
export type PageRequest = {
  readonly args: Readonly<Record<string, unknown>>;
  readonly position: PagePosition;
  readonly limit: number;
  readonly query: string;
  /** Signs the next cursor; absent, the process's own key. */
  readonly key?: CursorKey;
};

export type ShapedPage = {
  readonly structured: Record<string, unknown>;
  /** Items the vendor page had that did not fit, and cuts inside a single oversize item. */
  readonly cuts: readonly Cut[];
  readonly withheld: number;
  /**
   * Why the listing may hold more than `next_cursor: null` suggests: paging stopped before the vendor
   * said the list was over (a loop, a cursor that did not move, a total the pages contradict), or a
   * single page cannot tell whether more matched.
   */
  readonly ended?: string;
};

/** The model's arguments minus `limit` and `cursor`: the filters a cursor is bound to. */
function filtersOf(args: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { [LIMIT]: _limit, [CURSOR]: _cursor, ...filters } = args;
  return filters;
}

/** Vendor paging arguments from `limit` and `cursor`; a bad cursor stops here, before any request. */
export function pageRequest(input: { readonly tool: ToolDefinition; readonly pagination: Pagination; readonly args: Readonly<Record<string, unknown>>; readonly key?: CursorKey }): PageRequest | { readonly error: string } {
  const { tool, pagination: paging, args, key } = input;
  const query = queryFingerprint(filtersOf(args));
  const limit = typeof args[LIMIT] === 'number' ? args[LIMIT] : paging.defaultLimit;
  let position: PagePosition = {};
  if (typeof args[CURSOR] === 'string') {
    const decoded = decodeCursor({ cursor: args[CURSOR], tool: tool.name, query, ...(key !== undefined ? { key } : {}) });
    if ('error' in decoded) return decoded;
    position = decoded.position;
  }
  const out: Record<string, unknown> = { ...args };
  delete out[CURSOR];
  const set = (arg: string | undefined, value: unknown) => {
    if (arg !== undefined && value !== undefined) out[arg] = value;
  };
  switch (paging.style) {
    case 'offset':
      set(paging.offsetArg, position.offset ?? 0);
      set(paging.limitArg, limit);
      break;
    case 'page':
      set(paging.pageArg, position.page ?? paging.firstPage ?? 1);
      set(paging.limitArg, position.size ?? limit);
      break;
    case 'cursor':
      set(paging.cursorArg, position.after);
      set(paging.limitArg, limit);
      break;
    case 'single':
      set(paging.limitArg, limit);
      break;
  }
  return { args: out, position, limit, query, ...(key !== undefined ? { key } : {}) };
}

type Step = {
  readonly next?: PagePosition;
  /** Why the listing stopped early, in plain words for the result. */
  readonly ended?: string;
  /** Why this page cannot be served at all: continuing is impossible and ending would claim a false end. */
  readonly error?: string;
};

type PageState = {
  readonly paging: Pagination;
  readonly request: PageRequest;
  readonly body: unknown;
  /** The vendor's whole page. */
  readonly list: readonly unknown[];
  /** Items of `list` already returned before this call (a page continued after a cut). */
  readonly skip: number;
  /** What this call offers from `list`, and how many of those fit. */
  readonly served: readonly unknown[];
  readonly kept: number;
  readonly total?: number;
};

const END: Step = {};
const NO_PROGRESS = "The vendor's next-page cursor did not move (it is the one this page was fetched with), so the listing stops here rather than fetch the same page forever. Items after this page, if any, cannot be reached by paging.";
const REPEATED = 'The vendor answered with the same page as the previous call, so the listing stops here rather than loop forever: nothing new came back. The items already returned are all that paging can reach.';

/** The vendor's total and its pages disagree: the listing stops, and says so rather than claim the end. */
function totalContradicted(input: { readonly total: number; readonly reached: number; readonly why: string }): Step {
  return { ended: `The vendor's total says ${input.total} item(s), but ${input.why}; the two disagree, so the listing stops here. Items past the first ${input.reached}, if any, cannot be reached by paging.` };
}

function offsetStep(state: PageState): Step {
  const { paging, request, list, served, kept, total } = state;
  const offset = (request.position.offset ?? 0) + kept;
  if (kept < served.length) return { next: { offset } };
  // With a total, it alone decides: the next offset is exactly how many items came back, so a
  // page the vendor cut below `limit` (a page-size cap) is continued from there, losing nothing.
  if (total !== undefined) {
    if (offset >= total) return END;
    return list.length > 0 ? { next: { offset } } : totalContradicted({ total, reached: offset, why: `its page after the first ${offset} came back empty` });
  }
  // A short answer ends the listing only when the vendor was asked for `limit` items; a fixed page size is a guess.
  const short = paging.limitArg !== undefined ? list.length < request.limit : list.length === 0;
  return short ? END : { next: { offset } };
}

/**
 * A page shorter than its size while the total says more: the vendor capped the size. Whether it
 * numbers pages in the size asked or the size served cannot be told, and `page + 1` would skip
 * items under the first; asking again in pages of the size served starts at the same item under
 * both. That works where the items so far are a whole number of such pages; elsewhere it stops.
 */
function cappedPageStep(input: { readonly firstPage: number; readonly reached: number; readonly served: number; readonly total: number; readonly size: number }): Step {
  const { reached, served, total } = input;
  if (served > 0 && reached % served === 0) return { next: { page: input.firstPage + reached / served, size: served } };
  const why = served === 0 ? `its page after the first ${reached} came back empty` : `a page held ${served} of the ${input.size} asked for, and the next page's first item cannot be told from that`;
  return totalContradicted({ total, reached, why });
}

function pageStep(state: PageState): Step {
  const { paging, request, list, skip, kept, total } = state;
  const firstPage = paging.firstPage ?? 1;
  const page = request.position.page ?? firstPage;
  const size = request.position.size ?? request.limit;
  const consumed = skip + kept;
  if (consumed < list.length) return { next: { page, size, skip: consumed } };
  // Items so far, had every earlier page been full (as pages before this one were).
  const reached = (page - firstPage) * size + Math.min(list.length, size);
  if (total !== undefined && reached >= total) return END;
  if (list.length >= size) return { next: { page: page + 1, size } };
  return total === undefined ? END : cappedPageStep({ firstPage, reached, served: list.length, total, size });
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The vendor's own cursor comes in the answer; its absence (or an empty page) is the vendor saying "last page". */
function tokenStep(state: PageState & { readonly nextPointer: string }): Step {
  const { request, list, skip, kept, body } = state;
  const consumed = skip + kept;
  const after = request.position.after;
  if (consumed < list.length) return { next: { ...(after !== undefined ? { after } : {}), skip: consumed } };
  const token = list.length === 0 ? undefined : scalarText(valueAtPointer({ value: body, pointer: state.nextPointer }));
  if (token === undefined) return END;
  return token === after ? { ended: NO_PROGRESS } : { next: { after: token } };
}

/**
 * The next page starts after the last item returned. Only an empty page, or fewer items than the
 * `limit` the vendor was asked for, says the list is over: a fixed page size is never trusted. A
 * page that may not be the last but whose last item has no bookmark is an error: ending there
 * would claim a complete list.
 */
function bookmarkStep(state: PageState & { readonly nextFromItem: string }): Step {
  const { paging, request, list, kept, served } = state;
  const last = kept > 0 ? served[kept - 1] : undefined;
  const after = last === undefined ? undefined : scalarText(valueAtPointer({ value: last, pointer: state.nextFromItem }));
  if (after !== undefined && after === request.position.after) return { ended: NO_PROGRESS };
  const more = kept < list.length || (list.length > 0 && (paging.limitArg === undefined || list.length >= request.limit));
  if (!more) return END;
  if (after !== undefined) return { next: { after } };
  const lost = kept < list.length ? 'the rest of this page' : 'the pages after this one';
  return { error: `The vendor's items carry no ${state.nextFromItem} to continue from, so ${lost} cannot be reached.` };
}

function nextStep(state: PageState): Step {
  const { paging } = state;
  switch (paging.style) {
    case 'offset':
      return offsetStep(state);
    case 'page':
      return pageStep(state);
    case 'cursor':
      if (paging.nextPointer !== undefined) return tokenStep({ ...state, nextPointer: paging.nextPointer });
      return bookmarkStep({ ...state, nextFromItem: paging.nextFromItem ?? '/id' });
    case 'single':
      return END;
  }
}

/** Styles that re-read the same vendor page to continue inside it, so `skip` applies to the answer. */
function skipsInsidePage(paging: Pagination): boolean {
  return paging.style === 'page' || (paging.style === 'cursor' && paging.nextPointer !== undefined);
}

/** A cursor as long as the longest one this page could produce, so the size budget accounts for it. */
function cursorAllowance(input: { readonly tool: ToolDefinition; readonly request: PageRequest; readonly body: unknown; readonly paging: Pagination; readonly served: readonly unknown[] }): string {
  const { paging, body, request } = input;
  const big = Number.MAX_SAFE_INTEGER;
  const seen = pageFingerprint([]);
  const longest = (values: readonly unknown[]) => values.map(scalarText).reduce<string>((a, b) => (b !== undefined && b.length > a.length ? b : a), '');
  const positions: Readonly<Record<Pagination['style'], PagePosition>> = {
    offset: { offset: big, seen },
    page: { page: big, size: big, skip: big, seen },
    cursor: paging.nextPointer !== undefined
      ? { after: longest([request.position.after, valueAtPointer({ value: body, pointer: paging.nextPointer })]), skip: big, seen }
      : { after: longest(input.served.map((item) => valueAtPointer({ value: item, pointer: paging.nextFromItem ?? '/id' }))), seen },
    single: {},
  };
  return encodeCursor({ tool: input.tool.name, query: request.query, position: positions[paging.style], ...(request.key !== undefined ? { key: request.key } : {}) });
}

/**
 * A single page is truncated when items were left out, or the total says more matched. Without a
 * readable total a full page cannot tell "exactly `limit` matched" from "more did", so it is
 * reported truncated, with a note saying why, rather than complete.
 */
function singleVerdict(input: { readonly paging: Pagination; readonly request: PageRequest; readonly list: readonly unknown[]; readonly kept: number; readonly total?: number }): { readonly truncated: boolean; readonly ended?: string } {
  const { paging, list, kept, total } = input;
  if (kept < list.length || (total !== undefined && total > kept)) return { truncated: true };
  if (total !== undefined || list.length < input.request.limit) return { truncated: false };
  const missing = paging.totalPointer === undefined ? 'The vendor reports no total' : `The vendor's answer has no readable total at ${paging.totalPointer}`;
  return { truncated: true, ended: `${missing}, and this page is full (${list.length} item(s) for a limit of ${input.request.limit}), so whether more matched cannot be told: truncated is true to be safe. Narrow the filters to be sure nothing was left out.` };
}

/**
 * The vendor's page → `{items, next_cursor, total?, truncated?}`, cut to `maxChars`. Items that do
 * not fit are not lost: the cursor points at the first of them.
 */
export function shapePage(input: { readonly tool: ToolDefinition; readonly pagination: Pagination; readonly request: PageRequest; readonly body: unknown; readonly maxChars: number }): ShapedPage | { readonly error: string } {
  const { tool, pagination: paging, request, body } = input;
  const list = valueAtPointer({ value: body, pointer: paging.itemsPointer });
  if (!Array.isArray(list)) return { error: `The vendor's answer has no list at ${paging.itemsPointer || 'its root'}, so no items could be read.` };
  const totalValue = paging.totalPointer === undefined ? undefined : valueAtPointer({ value: body, pointer: paging.totalPointer });
  const withTotal = typeof totalValue === 'number' ? { total: totalValue } : {};
  const { position } = request;
  if (position.seen !== undefined && position.skip === undefined && list.length > 0 && pageFingerprint(list) === position.seen) {
    return { structured: { items: [], next_cursor: null, ...withTotal }, cuts: [], withheld: 0, ended: REPEATED };
  }
  const skip = skipsInsidePage(paging) ? (position.skip ?? 0) : 0;
  const served = list.slice(skip, skip + (paging.style === 'page' ? list.length : request.limit));
  const allowance = cursorAllowance({ tool, request, body, paging, served });
  const envelope = (items: readonly unknown[]) => ({ items, next_cursor: allowance, ...withTotal, truncated: true });
  let kept = itemsThatFit({ items: served, maxChars: input.maxChars, envelope });
  let items: unknown[] = served.slice(0, kept);
  const cuts: Cut[] = [];
  if (kept === 0 && served.length > 0) {
    // One item alone is too big: send it shortened rather than nothing, or paging would stall.
    kept = 1;
    const overhead = JSON.stringify(envelope([])).length;
    const shrunk = shrinkToFit({ value: served[0], maxChars: Math.max(1, input.maxChars - overhead) });
    items = [shrunk.value];
    cuts.push(...shrunk.cuts.map((cut) => ({ ...cut, pointer: `/items/0${cut.pointer}` })));
  }
  const step = nextStep({ paging, request, body, list, skip, served, kept, ...withTotal });
  if (step.error !== undefined) return { error: step.error };
  // A fresh page remembers what this one looked like: the vendor sending it again is a loop.
  const next = step.next === undefined || step.next.skip !== undefined ? step.next : { ...step.next, seen: pageFingerprint(list) };
  const single = paging.style === 'single' ? singleVerdict({ paging, request, list, kept, ...withTotal }) : undefined;
  const ended = step.ended ?? single?.ended;
  const structured: Record<string, unknown> = {
    items,
    next_cursor: next === undefined ? null : encodeCursor({ tool: tool.name, query: request.query, position: next, ...(request.key !== undefined ? { key: request.key } : {}) }),
    ...withTotal,
    ...(single !== undefined ? { truncated: single.truncated } : {}),
  };
  return { structured, cuts, withheld: served.length - kept, ...(ended !== undefined ? { ended } : {}) };
}
