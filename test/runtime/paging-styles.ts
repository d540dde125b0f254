import { pageRequest, shapePage } from '../../templates/runtime/paginate.ts';
import type { Pagination, ToolDefinition } from '../../templates/runtime/tool-definition.ts';
import { tool } from './support.ts';

export type Args = Readonly<Record<string, unknown>>;
export type Item = { readonly id: string };

export const records = (count: number): Item[] => Array.from({ length: count }, (_, i) => ({ id: `r${String(i).padStart(3, '0')}` }));

/**
 * One fake vendor per paging style, each honouring its own arguments exactly. Where the vendor says
 * when the list ends (a total, or a `next` it leaves out) a walk makes exactly ceil(count / limit)
 * calls; where it does not, only a short or empty page proves the end, so an exact multiple costs
 * one more (empty) call.
 */
export type Style = {
  readonly name: string;
  readonly pagination: Pagination;
  /** Vendor calls a full walk makes over `count` items at `limit`. */
  readonly calls: (input: { readonly count: number; readonly limit: number }) => number;
  /** The vendor's answer, and the argument that says where it started (recorded per call). */
  readonly vendor: (input: { readonly all: readonly Item[]; readonly args: Args }) => unknown;
  readonly at: (args: Args) => unknown;
};

export const STYLES: readonly Style[] = [
  {
    name: 'offset with a total (Rose Rocket events)',
    pagination: { style: 'offset', limitArg: 'limit', offsetArg: 'offset', itemsPointer: '/results', totalPointer: '/total', defaultLimit: 5, maxLimit: 10 },
    calls: ({ count, limit }) => Math.max(1, Math.ceil(count / limit)),
    vendor: ({ all, args }) => ({ total: all.length, results: all.slice(args['offset'] as number, (args['offset'] as number) + (args['limit'] as number)) }),
    at: (args) => args['offset'],
  },
  {
    name: 'offset without a total (Rose Rocket boards)',
    pagination: { style: 'offset', limitArg: 'limit', offsetArg: 'offset', itemsPointer: '', defaultLimit: 5, maxLimit: 10 },
    // No total: a short page ends it, but a full last page cannot be told from a middle one, so one empty call proves the end.
    calls: ({ count, limit }) => Math.floor(count / limit) + 1,
    vendor: ({ all, args }) => all.slice(args['offset'] as number, (args['offset'] as number) + (args['limit'] as number)),
    at: (args) => args['offset'],
  },
  {
    name: 'offset, fixed vendor pages of 7, no limit argument and no total',
    pagination: { style: 'offset', offsetArg: 'skip', itemsPointer: '/rows', pageSize: 7, defaultLimit: 5, maxLimit: 10 },
    // The page size is a guess: only an empty page ends it.
    calls: ({ count, limit }) => (count === 0 ? 1 : Math.ceil(count / Math.min(limit, 7)) + 1),
    vendor: ({ all, args }) => ({ rows: all.slice(args['skip'] as number, (args['skip'] as number) + 7) }),
    at: (args) => args['skip'],
  },
  {
    name: 'page number with a total (eDesk)',
    pagination: { style: 'page', pageArg: 'page', limitArg: 'items_per_page', firstPage: 1, itemsPointer: '/data', totalPointer: '/paginator/totalItemsCount', defaultLimit: 5, maxLimit: 10 },
    calls: ({ count, limit }) => Math.max(1, Math.ceil(count / limit)),
    vendor: ({ all, args }) => {
      const size = args['items_per_page'] as number;
      const page = args['page'] as number;
      return { data: all.slice((page - 1) * size, page * size), paginator: { totalItemsCount: all.length } };
    },
    at: (args) => args['page'],
  },
  {
    name: 'page number counted from 0, without a total',
    pagination: { style: 'page', pageArg: 'page', limitArg: 'size', firstPage: 0, itemsPointer: '/data', defaultLimit: 5, maxLimit: 10 },
    // No total: a short page ends it, but a full last page cannot be told from a middle one, so one empty call proves the end.
    calls: ({ count, limit }) => Math.floor(count / limit) + 1,
    vendor: ({ all, args }) => ({ data: all.slice((args['page'] as number) * (args['size'] as number), ((args['page'] as number) + 1) * (args['size'] as number)) }),
    at: (args) => args['page'],
  },
  {
    name: 'vendor cursor in the body, absent on the last page',
    pagination: { style: 'cursor', cursorArg: 'starting_after', limitArg: 'per_page', itemsPointer: '/data', nextPointer: '/next', defaultLimit: 5, maxLimit: 10 },
    calls: ({ count, limit }) => Math.max(1, Math.ceil(count / limit)),
    vendor: ({ all, args }) => {
      const start = args['starting_after'] === undefined ? 0 : Number(String(args['starting_after']).slice(1));
      const end = start + (args['per_page'] as number);
      return { data: all.slice(start, end), ...(end < all.length ? { next: `c${end}` } : {}) };
    },
    at: (args) => args['starting_after'],
  },
  {
    name: 'bookmark: the last item\'s id, fixed vendor pages of 7 (Malomo)',
    pagination: { style: 'cursor', cursorArg: 'next', itemsPointer: '', nextFromItem: '/id', pageSize: 7, defaultLimit: 5, maxLimit: 10 },
    // No limit argument and no total: only an empty page ends it (the page size of 7 is never trusted).
    calls: ({ count, limit }) => (count === 0 ? 1 : Math.ceil(count / Math.min(limit, 7)) + 1),
    vendor: ({ all, args }) => {
      const start = args['next'] === undefined ? 0 : all.findIndex((item) => item.id === args['next']) + 1;
      return all.slice(start, start + 7);
    },
    at: (args) => args['next'],
  },
  {
    name: 'bookmark: the last item\'s id, with a limit argument',
    pagination: { style: 'cursor', cursorArg: 'after_id', limitArg: 'page_size', itemsPointer: '/items', nextFromItem: '/id', defaultLimit: 5, maxLimit: 10 },
    // The vendor was asked for `limit` items: a short page ends it; a full last page cannot be told from a middle one.
    calls: ({ count, limit }) => Math.floor(count / limit) + 1,
    vendor: ({ all, args }) => {
      const start = args['after_id'] === undefined ? 0 : all.findIndex((item) => item.id === args['after_id']) + 1;
      return { items: all.slice(start, start + (args['page_size'] as number)) };
    },
    at: (args) => args['after_id'],
  },
];

export function listTool(pagination: Pagination): ToolDefinition {
  return tool({ name: 'list_records', http: { method: 'GET', path: '/records', args: {} }, pagination });
}

/** Follows next_cursor as a model would; returns the items, the vendor calls, the last result and why it ended early. */
export function walk(input: { readonly style: Style; readonly all: readonly Item[]; readonly limit: number; readonly vendor?: Style['vendor']; readonly maxChars?: number }) {
  const vendor = input.vendor ?? input.style.vendor;
  const { style } = input;
  const definition = listTool(style.pagination);
  const items: unknown[] = [];
  const starts: unknown[] = [];
  let cursor: string | null = null;
  let last: Record<string, unknown> = {};
  const pages: Record<string, unknown>[] = [];
  let ended: string | undefined;
  do {
    const request = pageRequest({ tool: definition, pagination: style.pagination, args: { limit: input.limit, ...(cursor !== null ? { cursor } : {}) } });
    if ('error' in request) throw new Error(request.error);
    starts.push(style.at(request.args));
    const shaped = shapePage({ tool: definition, pagination: style.pagination, request, body: vendor({ all: input.all, args: request.args }), maxChars: input.maxChars ?? 1_000_000 });
    if ('error' in shaped) throw new Error(shaped.error);
    last = shaped.structured;
    pages.push(last);
    ended = shaped.ended;
    items.push(...(last['items'] as unknown[]));
    cursor = last['next_cursor'] as string | null;
  } while (cursor !== null && starts.length < 50);
  return { items, calls: starts.length, starts, last, ended, pages };
}

