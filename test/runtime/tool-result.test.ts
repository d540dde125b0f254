import { describe, expect, it } from 'vitest';
import { pageRequest, type PageRequest } from '../../templates/runtime/paginate.ts';
import { successResult } from '../../templates/runtime/tool-result.ts';
import { listTool, records, STYLES } from './paging-styles.ts';
import { tool, vendorResponse } from './support.ts';

const texts = (result: { readonly content: readonly unknown[] }) => result.content.map((part) => (part as { text: string }).text);

describe('successResult: the notes after the JSON text, and _meta', () => {
  const plain = tool({ name: 'get_note', http: { method: 'GET', path: '/note', args: {} } });

  it('an unpaged answer cut to fit: the note says to narrow the request; _meta has the cut and the rate-limit headers', () => {
    const headers = { 'ratelimit-limit': '100', 'ratelimit-remaining': '7', 'ratelimit-reset': '30' };
    const result = successResult({ tool: plain, response: vendorResponse({ status: 200, text: JSON.stringify({ note: 'x'.repeat(300) }), headers }), maxChars: 120, secrets: [] });
    const cut = { pointer: '/note', kept: 103, of: 300, unit: 'characters' };
    expect(texts(result)).toStrictEqual([
      JSON.stringify({ note: `${'x'.repeat(103)}…` }),
      'The result was cut to fit the size limit (/note: kept 103 of 300 characters); narrow the request (fewer fields or items) to see the rest.',
    ]);
    expect(result._meta).toStrictEqual({ ratelimit: { limit: 100, remaining: 7, reset: 30 }, cut: [cut] });
  });

  it('nothing cut and no rate-limit headers: no notes and no _meta', () => {
    const result = successResult({ tool: plain, response: vendorResponse({ status: 200, text: '{"note":"short"}' }), maxChars: 120, secrets: [] });
    expect(result).toStrictEqual({ content: [{ type: 'text', text: '{"note":"short"}' }], structuredContent: { note: 'short' } });
  });

  it('values that break the output schema are named, comma-separated, and left out of structuredContent only', () => {
    const typed = tool({ name: 'get_order', http: { method: 'GET', path: '/order', args: {} }, outputSchema: { type: 'object', properties: { id: { type: 'string' }, total: { type: 'number' } } } });
    const result = successResult({ tool: typed, response: vendorResponse({ status: 200, text: '{"id":5,"total":"12.50","ok":true}' }), maxChars: 1_000, secrets: [] });
    expect(texts(result)).toStrictEqual([
      '{"id":5,"total":"12.50","ok":true}',
      'These values did not match the documented types and were left out of structuredContent (they are in this text): /id, /total.',
    ]);
    expect(result.structuredContent).toStrictEqual({ ok: true });
  });

  describe('a page', () => {
    const style = STYLES[0]!;
    const definition = listTool(style.pagination);
    const page = pageRequest({ tool: definition, pagination: style.pagination, args: { limit: 5 } }) as PageRequest;
    const answer = (text: number) => vendorResponse({ status: 200, text: JSON.stringify(style.vendor({ all: records(40).map((item) => ({ ...item, text: 'y'.repeat(text) })), args: { offset: 0, limit: 5 } })) });

    it('items that did not fit are counted, with how to get them; nothing was cut, so no _meta', () => {
      const result = successResult({ tool: definition, response: answer(40), page, maxChars: 200, secrets: [] });
      expect(texts(result).slice(1)).toStrictEqual(['4 more item(s) of this page did not fit the result size limit; pass next_cursor to get them.']);
      expect((result.structuredContent as { items: unknown[] }).items).toHaveLength(1);
      expect(result._meta).toBeUndefined();
    });

    it('one item too big alone is cut, and the note asks for fewer items, not a narrower request', () => {
      const result = successResult({ tool: definition, response: answer(400), page, maxChars: 200, secrets: [] });
      expect(texts(result).slice(1)).toStrictEqual([
        '4 more item(s) of this page did not fit the result size limit; pass next_cursor to get them.',
        'The result was cut to fit the size limit (/items/0/text: kept 100 of 400 characters); ask for fewer items with a smaller limit.',
      ]);
      expect(result._meta).toStrictEqual({ cut: [{ pointer: '/items/0/text', kept: 100, of: 400, unit: 'characters' }] });
    });
  });
});
