import { describe, expect, it } from 'vitest';
import { createRouteMatcher } from '../../scripts/simulator/route-matcher.ts';

const TEMPLATES = [
  '/objects',
  '/objects/{recordId}',
  '/objects/search',
  '/objects/autocomplete',
  '/objects/bulk_delete',
  '/objects/{objectKey}/{externalId}/external',
  '/boards/{boardId}/views',
  '/boards/admin/all',
  '/boards/{boardId}/{section}',
  '/files/{name}.json',
];

const match = createRouteMatcher(TEMPLATES.map((template) => ({ template, value: template })));

const cases: { given: string; want?: { template: string; params: Record<string, string> } }[] = [
  { given: '/objects', want: { template: '/objects', params: {} } },
  { given: '/objects/search', want: { template: '/objects/search', params: {} } },
  { given: '/objects/autocomplete', want: { template: '/objects/autocomplete', params: {} } },
  { given: '/objects/bulk_delete', want: { template: '/objects/bulk_delete', params: {} } },
  { given: '/objects/8a1c', want: { template: '/objects/{recordId}', params: { recordId: '8a1c' } } },
  { given: '/objects/order/L-4599/external', want: { template: '/objects/{objectKey}/{externalId}/external', params: { objectKey: 'order', externalId: 'L-4599' } } },
  { given: '/objects/order/L%2F45/external', want: { template: '/objects/{objectKey}/{externalId}/external', params: { objectKey: 'order', externalId: 'L%2F45' } } },
  { given: '/boards/admin/all', want: { template: '/boards/admin/all', params: {} } },
  { given: '/boards/abc/views', want: { template: '/boards/{boardId}/views', params: { boardId: 'abc' } } },
  { given: '/boards/abc/other', want: { template: '/boards/{boardId}/{section}', params: { boardId: 'abc', section: 'other' } } },
  { given: '/files/report.json', want: { template: '/files/{name}.json', params: { name: 'report' } } },
  { given: '/objects/' },
  { given: '/objects/a/b' },
  { given: '/nothing' },
  { given: '/files/report.xml' },
];

describe('route matcher', () => {
  it.each(cases)('$given', ({ given, want }) => {
    const found = match(given);
    if (want === undefined) expect(found).toBeUndefined();
    else expect(found && { template: found.template, params: found.params }).toEqual(want);
  });

  it('prefers a literal segment even when it comes later than a template in the list', () => {
    const reversed = createRouteMatcher([{ template: '/a/{x}', value: 1 }, { template: '/a/b', value: 2 }]);
    expect(reversed('/a/b')?.value).toBe(2);
  });

  it('prefers fewer variables when literal positions tie', () => {
    const both = createRouteMatcher([{ template: '/a/{x}{y}', value: 1 }, { template: '/a/{x}', value: 2 }]);
    expect(both('/a/bc')?.value).toBe(2);
  });
});
