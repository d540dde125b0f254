import { describe, expect, it } from 'vitest';
import { records, STYLES, walk, type Style } from './paging-styles.ts';

/** 0 items, one short page, one exact page, an exact multiple, one more, and the largest limit. */
const BOUNDARIES: readonly { readonly count: number; readonly limit: number }[] = [
  { count: 0, limit: 5 },
  { count: 3, limit: 5 },
  { count: 5, limit: 5 },
  { count: 25, limit: 5 },
  { count: 26, limit: 5 },
  { count: 20, limit: 10 },
  { count: 21, limit: 10 },
];

describe.each(STYLES)('paging at the boundaries: $name', (style) => {
  it.each(BOUNDARIES)('$count items, limit $limit: every item once, in order, and no call past the end', ({ count, limit }) => {
    const all = records(count);
    const { items, calls, last } = walk({ style, all, limit });
    expect(items).toStrictEqual(all);
    expect(calls).toBe(style.calls({ count, limit }));
    expect(last['next_cursor']).toBeNull();
  });
});

describe('each page starts exactly where the previous one ended', () => {
  it.each<{ readonly style: number; readonly want: readonly unknown[] }>([
    { style: 0, want: [0, 5, 10, 15, 20] },
    { style: 1, want: [0, 5, 10, 15, 20, 25] },
    { style: 2, want: [0, 5, 10, 15, 20, 25] },
    { style: 3, want: [1, 2, 3, 4, 5] },
    { style: 4, want: [0, 1, 2, 3, 4, 5] },
    { style: 5, want: [undefined, 'c5', 'c10', 'c15', 'c20'] },
    { style: 6, want: [undefined, 'r004', 'r009', 'r014', 'r019', 'r024'] },
  ])('25 items, limit 5: $want', ({ style, want }) => {
    expect(walk({ style: STYLES[style]!, all: records(25), limit: 5 }).starts).toStrictEqual(want);
  });
});

describe('under a size cap, every page with its real cursor fits, and nothing is lost', () => {
  // Long ids: a bookmark cursor carries one, and the budget must count it.
  const all = records(30).map((item, i) => ({ id: `${item.id}-${'k'.repeat(48)}`, note: 'n'.repeat(i * 3) }));
  it.each(STYLES)('$name', (style) => {
    for (let maxChars = 520; maxChars <= 1_500; maxChars += 61) {
      const { items, pages } = walk({ style, all, limit: 10, maxChars });
      expect(items).toStrictEqual(all);
      for (const page of pages) expect(JSON.stringify(page).length).toBeLessThanOrEqual(maxChars);
    }
  });
});

describe('a vendor page larger than `limit` is served in parts, each part from where the last one ended', () => {
  // The vendor's own cursor, but pages of 7 whatever `per_page` says: the rest of a page is served from the same vendor page.
  const style = STYLES[5]!;
  const sevens: Style['vendor'] = ({ all, args }) => {
    const start = args['starting_after'] === undefined ? 0 : Number(String(args['starting_after']).slice(1));
    return { data: all.slice(start, start + 7), ...(start + 7 < all.length ? { next: `c${start + 7}` } : {}) };
  };
  it.each([
    { count: 7, limit: 5, calls: 2 },
    { count: 14, limit: 5, calls: 4 },
    { count: 15, limit: 3, calls: 7 },
    { count: 3, limit: 5, calls: 1 },
  ])('$count items in pages of 7, limit $limit: every item once in $calls calls', ({ count, limit, calls }) => {
    const all = records(count);
    const walked = walk({ style, all, limit, vendor: sevens });
    expect(walked.items).toStrictEqual(all);
    expect(walked.calls).toBe(calls);
  });
});
