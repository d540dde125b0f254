import { HttpFailure } from './handler-types.ts';

/**
 * Malomo documents `next`/`prev` cursors but not where their values come from. Simulator choice:
 * a cursor is the id of the boundary item (`next` = last id of a page, `prev` = first id), pages
 * hold up to 25 items, and the response carries an RFC 8288 `Link` header with the neighbouring
 * pages. Clients that ignore the header still get a deterministic first page.
 */
export const MALOMO_PAGE_SIZE = 25;

export function cursorPage<T extends { id: string }>(input: {
  items: readonly T[];
  next?: unknown;
  prev?: unknown;
  /** Absolute URL of the list without a query, for the Link header. */
  url: string;
  pageSize?: number;
}): { page: T[]; headers: Record<string, string> } {
  const size = input.pageSize ?? MALOMO_PAGE_SIZE;
  const { items } = input;
  if (typeof input.next === 'string' && typeof input.prev === 'string') {
    throw new HttpFailure({ status: 400, message: 'Send either next or prev, not both' });
  }
  const indexOf = (cursor: string) => {
    const index = items.findIndex((item) => item.id === cursor);
    if (index === -1) throw new HttpFailure({ status: 400, message: `Cursor ${cursor} does not point into this list` });
    return index;
  };
  let start = 0;
  if (typeof input.next === 'string') start = indexOf(input.next) + 1;
  else if (typeof input.prev === 'string') start = Math.max(0, indexOf(input.prev) - size);
  const end = typeof input.prev === 'string' ? indexOf(input.prev) : Math.min(items.length, start + size);
  const page = items.slice(start, end);
  const links: string[] = [];
  const first = page[0];
  const last = page[page.length - 1];
  if (last !== undefined && end < items.length) links.push(`<${input.url}?next=${encodeURIComponent(last.id)}>; rel="next"`);
  if (first !== undefined && start > 0) links.push(`<${input.url}?prev=${encodeURIComponent(first.id)}>; rel="prev"`);
  return { page, headers: links.length > 0 ? { link: links.join(', ') } : {} };
}
