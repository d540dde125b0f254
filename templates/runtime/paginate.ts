import { decodeCursor, encodeCursor, pageFingerprint, queryFingerprint, type CursorKey, type PagePosition } from './paging-cursor.ts';
import { valueAtPointer } from './preflight-read.ts';
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
  /** Why paging stopped before the vendor said the list was over (a loop, a cursor that did not move). */
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

function offsetStep(state: PageState): Step {
  const { paging, request, list, served, kept, total } = state;
  const offset = (request.position.offset ?? 0) + kept;
  // A short answer ends the listing only when the vendor was asked for `limit` items; a fixed page size is a guess.
  const short = paging.limitArg !== undefined ? list.length < request.limit : list.length === 0;
  if (kept === served.length && (short || (total !== undefined && offset >= total))) return END;
  return { next: { offset } };
}

function pageStep(state: PageState): Step {
  const { paging, request, list, skip, kept, total } = state;
  const firstPage = paging.firstPage ?? 1;
  const page = request.position.page ?? firstPage;
  const size = request.position.size ?? request.limit;
  const consumed = skip + kept;
  if (consumed < list.length) return { next: { page, size, skip: consumed } };
  const pagesSeen = page - firstPage + 1;
  if (list.length < size || (total !== undefined && pagesSeen * size >= total)) return END;
  return { next: { page: page + 1, size } };
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
 * `limit` the vendor was asked for, says the list is over: a fixed page size is never trusted.
 */
function bookmarkStep(state: PageState & { readonly nextFromItem: string }): Step {
  const { paging, request, list, kept, served } = state;
  const last = kept > 0 ? served[kept - 1] : undefined;
  const after = last === undefined ? undefined : scalarText(valueAtPointer({ value: last, pointer: state.nextFromItem }));
  if (after === undefined) return END;
  if (after === request.position.after) return { ended: NO_PROGRESS };
  const more = kept < list.length || paging.limitArg === undefined || list.length >= request.limit;
  return more ? { next: { after } } : END;
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
  if (paging.style === 'cursor' && step.next === undefined && step.ended === undefined && kept > 0 && skip + kept < list.length) {
    return { error: `The vendor's items carry no ${paging.nextFromItem ?? '/id'} to continue from, so the rest of this page cannot be reached.` };
  }
  // A fresh page remembers what this one looked like: the vendor sending it again is a loop.
  const next = step.next === undefined || step.next.skip !== undefined ? step.next : { ...step.next, seen: pageFingerprint(list) };
  const structured: Record<string, unknown> = {
    items,
    next_cursor: next === undefined ? null : encodeCursor({ tool: tool.name, query: request.query, position: next, ...(request.key !== undefined ? { key: request.key } : {}) }),
    ...withTotal,
    ...(paging.style === 'single' ? { truncated: kept < served.length || (withTotal.total !== undefined && withTotal.total > kept) } : {}),
  };
  return { structured, cuts, withheld: served.length - kept, ...(step.ended !== undefined ? { ended: step.ended } : {}) };
}
