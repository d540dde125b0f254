import { describe, expect, it } from 'vitest';
import { didYouMean, searchTools } from '../../templates/runtime/discovery-tools.ts';
import type { ToolDefinition } from '../../templates/runtime/tool-definition.ts';
import { tool } from './support.ts';

function named(input: { readonly name: string; readonly title?: string; readonly description?: string; readonly tags?: readonly string[]; readonly method?: string; readonly methodClass?: ToolDefinition['methodClass'] }): ToolDefinition {
  const base = tool({ name: input.name, http: { method: 'GET', path: '/x', args: {} } });
  return { ...base, title: input.title ?? 'Zz', description: input.description ?? 'Zz.', tags: input.tags ?? [], method: input.method ?? 'run', methodClass: input.methodClass ?? 'custom' };
}

const names = (input: { readonly tools: readonly ToolDefinition[]; readonly query: string; readonly limit?: number }) => searchTools(input).tools.map((t) => t.name);

describe('searchTools: weights', () => {
  // One word, found in a different place of each tool: name 4, tags 3, title 2, description 1.
  const tools = [
    named({ name: 't_desc', description: 'About invoices.' }),
    named({ name: 't_title', title: 'Invoice' }),
    named({ name: 't_tag', tags: ['invoices'] }),
    named({ name: 't_invoice' }),
  ];

  it('name before tag before title before description', () => expect(names({ tools, query: 'invoice' })).toStrictEqual(['t_invoice', 't_tag', 't_title', 't_desc']));

  it('hits add up over the query words', () => {
    const both = named({ name: 't_both', description: 'Invoice and refund.' });
    // 1 + 1 for t_both against 2 for t_title alone: the tie goes by name.
    expect(names({ tools: [both, ...tools], query: 'invoice refund' })).toStrictEqual(['t_invoice', 't_tag', 't_both', 't_title', 't_desc']);
  });

  it('the method or class named in the query weighs as much as a title hit', () => {
    const byMethod = named({ name: 'b_one', method: 'list' });
    const byClass = named({ name: 'c_one', methodClass: 'read' });
    const byTitle = named({ name: 'a_one', title: 'List' });
    const byDescription = named({ name: 'd_one', description: 'List.' });
    expect(searchTools({ tools: [byDescription, byTitle, byMethod], query: 'list' })).toMatchObject({ tools: [{ name: 'a_one' }, { name: 'b_one' }, { name: 'd_one' }], matched: 3 });
    expect(names({ tools: [byDescription, byClass], query: 'read' })).toStrictEqual(['c_one']);
  });

  it('equal scores go by name, whatever the input order', () => {
    const tools2 = [named({ name: 'm_x', tags: ['refunds'] }), named({ name: 'a_x', tags: ['refunds'] }), named({ name: 'z_x', tags: ['refunds'] })];
    expect(names({ tools: tools2, query: 'refund' })).toStrictEqual(['a_x', 'm_x', 'z_x']);
    expect(names({ tools: [...tools2].reverse(), query: 'refund' })).toStrictEqual(['a_x', 'm_x', 'z_x']);
  });
});

describe('searchTools: words', () => {
  it.each([
    { name: 'a plural query finds the singular', tool: 'get_invoice', query: 'invoices', found: true },
    { name: 'letter case does not matter', tool: 'get_invoice', query: 'INVOICE', found: true },
    { name: 'a four-letter prefix finds the word', tool: 'get_invoice', query: 'invo', found: true },
    { name: 'a three-letter prefix does not', tool: 'get_invoice', query: 'inv', found: false },
    { name: 'a three-letter word is matched exactly', tool: 'get_tax', query: 'tax', found: true },
    { name: 'a three-letter word keeps its s', tool: 'get_bu', query: 'bus', found: false },
    { name: 'a four-letter word loses its s', tool: 'get_item', query: 'items', found: true },
    { name: 'a double s is no plural', tool: 'get_bos', query: 'boss', found: false },
    { name: 'the query word must be the prefix, not the tool word', tool: 'get_invoice', query: 'invoicing', found: false },
    { name: 'separators split words', tool: 'get_invoice', query: 'get-invoice', found: true },
  ])('$name', ({ tool: name, query, found }) => expect(names({ tools: [named({ name })], query })).toStrictEqual(found ? [name] : []));

  it('a tag is split into words like the rest', () => expect(names({ tools: [named({ name: 't', tags: ['Order Lines'] })], query: 'line' })).toStrictEqual(['t']));

  it('a tool searched twice answers the same (its words are kept, not recomputed wrongly)', () => {
    const one = named({ name: 'get_invoice' });
    expect([names({ tools: [one], query: 'invoice' }), names({ tools: [one], query: 'invoice' })]).toStrictEqual([['get_invoice'], ['get_invoice']]);
  });
});

describe('searchTools: limits and summaries', () => {
  const many = Array.from({ length: 12 }, (_, i) => named({ name: `tool_${String(i).padStart(2, '0')}`, tags: ['shared'] }));

  it.each([
    { limit: undefined, want: 10 },
    { limit: 1, want: 1 },
    { limit: 12, want: 12 },
    { limit: 25, want: 12 },
  ])('limit $limit: $want of 12 matches', ({ limit, want }) => {
    const found = searchTools({ tools: many, query: 'shared', ...(limit === undefined ? {} : { limit }) });
    expect({ shown: found.tools.length, first: found.tools[0]?.name, matched: found.matched }).toStrictEqual({ shown: want, first: 'tool_00', matched: 12 });
  });

  it.each([
    { name: 'the first sentence of the first line', description: '  Lists orders. Newest first.\nMore.', want: 'Lists orders.' },
    { name: 'a question or exclamation ends it too', description: 'Is it late? Check it.', want: 'Is it late?' },
    { name: 'a dot inside a word does not', description: 'Uses v1.2 of the API', want: 'Uses v1.2 of the API' },
    { name: 'a sentence ending the line', description: 'Lists orders!', want: 'Lists orders!' },
    { name: 'exactly 200 characters: whole', description: `${'a'.repeat(199)}.`, want: `${'a'.repeat(199)}.` },
    { name: '201 characters: 199 and an ellipsis', description: `${'a'.repeat(200)}.`, want: `${'a'.repeat(199)}…` },
  ])('summary: $name', ({ description, want }) =>
    expect(searchTools({ tools: [{ ...named({ name: 'get_order', description }), methodClass: 'read' }], query: 'order' }).tools).toStrictEqual([
      { name: 'get_order', title: 'Zz', summary: want, class: 'read', read_only: false },
    ]));
});

describe('didYouMean', () => {
  // `invoice` and `line` are in three of the five names, so only `update` is telling.
  it('at most three, most telling words shared first, then closest spelling', () =>
    expect(didYouMean({ name: 'update_invoice_line', names: ['update_invoice_line_item', 'get_invoice_line', 'list_invoices', 'delete_refund', 'update_line'] })).toStrictEqual([
      'update_invoice_line_item',
      'update_line',
      'get_invoice_line',
    ]));

  it('words in most names say nothing: a shared vendor word alone suggests nothing', () =>
    expect(didYouMean({ name: 'acme_refund_zzz', names: ['acme_orders_list', 'acme_ticket_get', 'acme_customer_put'] })).toStrictEqual([]));

  it('a word in exactly half the names still counts', () =>
    expect(didYouMean({ name: 'acme_refund_zzz', names: ['acme_orders_list', 'zebra_ticket_get'] })).toStrictEqual(['acme_orders_list']));

  it('with one name, every word of it counts', () => expect(didYouMean({ name: 'xx_refund_yyyyyy', names: ['refund_create_now'] })).toStrictEqual(['refund_create_now']));

  it.each([
    { name: 'two-letter words are never telling', given: 'id_qqqqqqqq', names: ['id_zzzzzzzz_a', 'other_b'], want: [] },
    { name: 'three letters away is close enough for a short name', given: 'abcdef', names: ['abcxyz', 'abwxyz'], want: ['abcxyz'] },
    { name: 'a long name allows a third of its length', given: 'abcdefghijklmno', names: ['abcdefghiuvwxyz', 'abcdefghijuvwxy'], want: ['abcdefghijuvwxy'] },
    { name: 'the last letter counts in the spelling distance (4 here, one over)', given: 'abcdefgh', names: ['abcdwxy'], want: [] },
    { name: 'spelling ignores letter case', given: 'GET_ORDR', names: ['get_order'], want: ['get_order'] },
  ])('$name', ({ given, names: list, want }) => expect(didYouMean({ name: given, names: list })).toStrictEqual(want));

  it('equal matches go by name, three at most', () => expect(didYouMean({ name: 'abcd', names: ['abce', 'abcf', 'abcc', 'abca'] })).toStrictEqual(['abca', 'abcc', 'abce']));
});
