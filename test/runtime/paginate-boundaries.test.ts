import { describe, expect, it } from 'vitest';
import { records, STYLES, walk } from './paging-styles.ts';

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
