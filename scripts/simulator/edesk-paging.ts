import { numberParam } from './handler-types.ts';

/** eDesk's documented default page size. */
export const EDESK_DEFAULT_PAGE_SIZE = 20;

/** `{data, paginator}` for one page; a page past the end is empty, not an error. */
export function edeskPage<T>(input: { items: readonly T[]; query: Record<string, unknown> }): { data: T[]; paginator: { currentPage: number; itemsPerPage: number; totalItemsCount: number } } {
  const currentPage = numberParam({ value: input.query.page, fallback: 1 });
  const itemsPerPage = numberParam({ value: input.query.itemsPerPage, fallback: EDESK_DEFAULT_PAGE_SIZE });
  const start = (currentPage - 1) * itemsPerPage;
  return {
    data: input.items.slice(start, start + itemsPerPage),
    paginator: { currentPage, itemsPerPage, totalItemsCount: input.items.length },
  };
}

/** `2026-02-03 10:00:00` → `2026-02-03`, for the inclusive YYYY-MM-DD filters. */
export function dayOf(timestamp: string | null): string {
  return (timestamp ?? '').slice(0, 10);
}

/**
 * The `filter_*_gte/lte` date filters compare whole days, inclusive at both ends. Simulator choice:
 * days are taken in UTC, since the simulated account has no timezone setting.
 */
export function inDayRange(input: { timestamp: string | null; gte: unknown; lte: unknown }): boolean {
  const day = dayOf(input.timestamp);
  if (typeof input.gte === 'string' && day < input.gte) return false;
  if (typeof input.lte === 'string' && day > input.lte) return false;
  return true;
}

export function sortBy<T extends Record<string, unknown>>(input: { items: T[]; orderBy: unknown; direction: unknown }): T[] {
  const key = typeof input.orderBy === 'string' ? input.orderBy : 'id';
  const sign = input.direction === 'desc' ? -1 : 1;
  return [...input.items].sort((a, b) => {
    const left = a[key] as string | number | null;
    const right = b[key] as string | number | null;
    if (left === right) return (Number(a.id) - Number(b.id)) * sign;
    if (left === null) return 1;
    if (right === null) return -1;
    return (left < right ? -1 : 1) * sign;
  });
}
