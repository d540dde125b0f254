import { describe, expect, it } from 'vitest';
import { SAME_FIELDS, sameFieldsNote, sameFieldsOf, sameFieldsWithin, withSameFieldsResolved, type ListedInput } from '../../templates/runtime/same-fields.ts';

const ADDRESS = { type: 'object', description: 'Delivery address.', properties: { city: { type: 'string' }, country: { type: 'string', minLength: 2, maxLength: 2 } }, required: ['city', 'country'] };
const HINTS = { 'anthropic/searchHint': 'Create an order' };
const create: ListedInput = {
  name: 'create_order',
  inputSchema: { type: 'object', properties: { ship_to: ADDRESS, bill_to: { type: 'object', description: 'Billing address. Same fields as ship_to.' } } },
  _meta: { ...HINTS, [SAME_FIELDS]: { bill_to: { tool: 'create_order', property: 'ship_to' } } },
};
const update: ListedInput = {
  name: 'update_order',
  inputSchema: { type: 'object', properties: { id: { type: 'string' }, ship_to: { type: 'object', description: 'New delivery address. Same fields as ship_to of create_order.' } } },
  _meta: { ...HINTS, [SAME_FIELDS]: { ship_to: { tool: 'create_order', property: 'ship_to' } } },
};
const byName = new Map([create, update].map((tool) => [tool.name, tool]));
const toolNamed = (name: string) => byName.get(name);

describe('shapes listed once (same-fields)', () => {
  it('resolves a reference to the whole shape with the argument\'s own description, and drops the reference', () => {
    expect(withSameFieldsResolved({ tool: update, toolNamed })).toStrictEqual({
      name: 'update_order',
      inputSchema: { type: 'object', properties: { id: { type: 'string' }, ship_to: { ...ADDRESS, description: 'New delivery address.' } } },
      _meta: HINTS,
    });
  });

  it('resolves a reference inside one tool (bill_to as ship_to)', () => {
    expect((withSameFieldsResolved({ tool: create, toolNamed }).inputSchema['properties'] as Record<string, unknown>)['bill_to']).toStrictEqual({ ...ADDRESS, description: 'Billing address.' });
  });

  it('keeps references to the tools in `keep` as listed, resolves the others', () => {
    expect(withSameFieldsResolved({ tool: update, toolNamed, keep: new Set(['create_order']) })).toBe(update);
    expect(withSameFieldsResolved({ tool: update, toolNamed, keep: new Set(['other']) })._meta).toStrictEqual(HINTS);
  });

  it('a server listing the referenced tool lists the reference; one that leaves it out lists the whole shape', () => {
    const both = sameFieldsWithin({ listed: [create, update], all: [create, update] });
    expect(both).toStrictEqual([create, update]);
    const [alone] = sameFieldsWithin({ listed: [update], all: [create, update] });
    expect((alone!.inputSchema['properties'] as Record<string, unknown>)['ship_to']).toStrictEqual({ ...ADDRESS, description: 'New delivery address.' });
  });

  it('leaves tools without references as they are (the same objects)', () => {
    const plain = { name: 'get_order', inputSchema: { type: 'object' } };
    const listed = [plain];
    expect(sameFieldsWithin({ listed, all: listed })).toBe(listed);
  });

  it('names the references under the `_meta` key the docs give (vendor-docs/README.md), which hosts and the generator share', () => {
    expect(SAME_FIELDS).toBe('vendor-mcp/sameFieldsAs');
  });

  it('writes the note it later takes off: fields or values, in the same tool or another', () => {
    expect(sameFieldsNote({ ref: { tool: 'create_order', property: 'ship_to' }, inSameTool: true, values: false })).toBe('Same fields as ship_to.');
    expect(sameFieldsNote({ ref: { tool: 'create_tag', property: 'color' }, inSameTool: false, values: true })).toBe('Same values as color of create_tag.');
  });
  it('a tool with one reference kept and one resolved keeps only the kept one in `_meta`, beside its other hints', () => {
    const both: ListedInput = {
      name: 'copy_order',
      inputSchema: { type: 'object', properties: { ship_to: { type: 'object', description: 'Same fields as ship_to of create_order.' }, bill_to: { type: 'object', description: 'Same fields as ship_to of update_order.' } } },
      _meta: { ...HINTS, [SAME_FIELDS]: { ship_to: { tool: 'create_order', property: 'ship_to' }, bill_to: { tool: 'update_order', property: 'ship_to' } } },
    };
    const resolved = withSameFieldsResolved({ tool: both, toolNamed: (name) => (name === 'update_order' ? { name, inputSchema: { type: 'object', properties: { ship_to: ADDRESS } } } : byName.get(name)), keep: new Set(['create_order']) });
    expect(resolved._meta).toStrictEqual({ ...HINTS, [SAME_FIELDS]: { ship_to: { tool: 'create_order', property: 'ship_to' } } });
    // The resolved argument had no words of its own beyond the note: it takes the shape without the other tool's description.
    const { description: _description, ...fields } = ADDRESS;
    expect((resolved.inputSchema['properties'] as Record<string, unknown>)['bill_to']).toStrictEqual(fields);
  });

  it('a referring argument without any description resolves to the shape, without a description', () => {
    const bare: ListedInput = { name: 'bare', inputSchema: { type: 'object', properties: { ship_to: { type: 'object' } } }, _meta: { [SAME_FIELDS]: { ship_to: { tool: 'create_order', property: 'ship_to' } } } };
    const { description: _description, ...fields } = ADDRESS;
    expect(withSameFieldsResolved({ tool: bare, toolNamed })).toStrictEqual({ name: 'bare', inputSchema: { type: 'object', properties: { ship_to: fields } }, _meta: {} });
  });

  it.each(['create_order', null])('a `_meta` entry that is not an object of references (%j) is no reference', (entry) => {
    const odd: ListedInput = { name: 'odd', inputSchema: { type: 'object', properties: {} }, _meta: { [SAME_FIELDS]: entry } };
    expect(withSameFieldsResolved({ tool: odd, toolNamed })).toBe(odd);
    expect(sameFieldsOf(odd)).toStrictEqual({});
  });

  it('a server resolves a reference even when other tools it lists have none', () => {
    const plain = { name: 'get_order', inputSchema: { type: 'object' } };
    const [, alone] = sameFieldsWithin({ listed: [plain, update], all: [create, update, plain] });
    expect(((alone!.inputSchema as Record<string, unknown>)['properties'] as Record<string, unknown>)['ship_to']).toStrictEqual({ ...ADDRESS, description: 'New delivery address.' });
  });
});
