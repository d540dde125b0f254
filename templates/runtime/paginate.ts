import { decodeCursor, encodeCursor, queryFingerprint, type PagePosition } from './paging-cursor.ts';
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
};

export type ShapedPage = {
  readonly structured: Record<string, unknown>;
  /** Items the vendor page had that did not fit, and cuts inside a single oversize item. */
  readonly cuts: readonly Cut[];
  readonly withheld: number;
};

/** The model's arguments minus `limit` and `cursor`: the filters a cursor is bound to. */
function filtersOf(args: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { [LIMIT]: _limit, [CURSOR]: _cursor, ...filters } = args;
  return filters;
}

/** Vendor paging arguments from `limit` and `cursor`; a bad cursor stops here, before any request. */
export function pageRequest(input: { readonly tool: ToolDefinition; readonly pagination: Pagination; readonly args: Readonly<Record<string, unknown>> }): PageRequest | { readonly error: string } {
  const { tool, pagination: paging, args } = input;
  const query = queryFingerprint(filtersOf(args));
  const limit = typeof args[LIMIT] === 'number' ? args[LIMIT] : paging.defaultLimit;
  let position: PagePosition = {};
  if (typeof args[CURSOR] === 'string') {
    const decoded = decodeCursor({ cursor: args[CURSOR], tool: tool.name, query });
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
  return { args: out, position, limit, query };
}

function nextPosition(input: { readonly paging: Pagination; readonly request: PageRequest; readonly pageLength: number; readonly served: readonly unknown[]; readonly kept: number; readonly total?: number }): PagePosition | undefined {
  const { paging, request, pageLength, served, kept, total } = input;
  const { position } = request;
  const cutShort = kept < served.length;
  switch (paging.style) {
    case 'offset': {
      const offset = (position.offset ?? 0) + kept;
      const asked = paging.limitArg !== undefined ? request.limit : (paging.pageSize ?? request.limit);
      if (!cutShort && (pageLength < asked || (total !== undefined && offset >= total))) return undefined;
      return { offset };
    }
    case 'page': {
      const page = position.page ?? paging.firstPage ?? 1;
      const size = position.size ?? request.limit;
      const skip = (position.skip ?? 0) + kept;
      if (skip < pageLength) return { page, size, skip };
      const pagesSeen = page - (paging.firstPage ?? 1) + 1;
      if (pageLength < size || (total !== undefined && pagesSeen * size >= total)) return undefined;
      return { page: page + 1, size };
    }
    case 'cursor': {
      const last = kept > 0 ? served[kept - 1] : undefined;
      const after = last === undefined ? undefined : valueAtPointer({ value: last, pointer: paging.nextFromItem ?? '/id' });
      if (typeof after !== 'string' && typeof after !== 'number') return undefined;
      const more = kept < pageLength || pageLength >= (paging.pageSize ?? request.limit);
      return more ? { after: String(after) } : undefined;
    }
    case 'single':
      return undefined;
  }
}

/** A sample cursor as long as a real one, so the size budget accounts for it. */
const CURSOR_ALLOWANCE = 'x'.repeat(160);

/**
 * The vendor's page → `{items, next_cursor, total?, truncated?}`, cut to `maxChars`. Items that do
 * not fit are not lost: the cursor points at the first of them.
 */
export function shapePage(input: { readonly tool: ToolDefinition; readonly pagination: Pagination; readonly request: PageRequest; readonly body: unknown; readonly maxChars: number }): ShapedPage | { readonly error: string } {
  const { tool, pagination: paging, request, body } = input;
  const list = valueAtPointer({ value: body, pointer: paging.itemsPointer });
  if (!Array.isArray(list)) return { error: `The vendor's answer has no list at ${paging.itemsPointer || 'its root'}, so no items could be read.` };
  const totalValue = paging.totalPointer === undefined ? undefined : valueAtPointer({ value: body, pointer: paging.totalPointer });
  const total = typeof totalValue === 'number' ? totalValue : undefined;
  const skip = paging.style === 'page' ? (request.position.skip ?? 0) : 0;
  const served = list.slice(skip, skip + (paging.style === 'page' ? list.length : request.limit));
  const envelope = (items: readonly unknown[]) => ({ items, next_cursor: CURSOR_ALLOWANCE, ...(total !== undefined ? { total } : {}), truncated: true });
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
  const next = nextPosition({ paging, request, pageLength: list.length, served, kept, ...(total !== undefined ? { total } : {}) });
  const structured: Record<string, unknown> = {
    items,
    next_cursor: next === undefined ? null : encodeCursor({ tool: tool.name, query: request.query, position: next }),
    ...(total !== undefined ? { total } : {}),
    ...(paging.style === 'single' ? { truncated: kept < served.length || (total !== undefined && total > kept) } : {}),
  };
  if (paging.style === 'cursor' && next === undefined && kept > 0 && kept < served.length) {
    return { error: `The vendor's items carry no ${paging.nextFromItem ?? '/id'} to continue from, so the rest of this page cannot be reached.` };
  }
  return { structured, cuts, withheld: served.length - kept };
}
