import { describe, expect, it } from 'vitest';
import { listSharedShapesOnce, MIN_SHARED_SHAPE_CHARS } from '../../generator/ir/shared-shapes.ts';
import type { JsonSchema, ToolIR } from '../../generator/ir/types.ts';
import { SAME_FIELDS, withSameFieldsResolved } from '../../templates/runtime/same-fields.ts';

function toolWith(input: { readonly name: string; readonly properties: Record<string, JsonSchema> }): ToolIR {
  return { name: input.name, inputSchema: { type: 'object', properties: input.properties }, _meta: { 'anthropic/searchHint': input.name } } as unknown as ToolIR;
}

/** An object shape whose compact JSON (without its description) is exactly `chars` long. */
function shapeOf(chars: number): JsonSchema {
  const base = { type: 'object', properties: { note: { type: 'string', description: '' } } };
  const pad = chars - JSON.stringify(base).length;
  return { type: 'object', properties: { note: { type: 'string', description: 'x'.repeat(pad) } } };
}

const props = (tool: ToolIR) => tool.inputSchema['properties'] as Record<string, JsonSchema>;

describe('listSharedShapesOnce', () => {
  it('lists a shape in full at its first place in name order and refers to it after', () => {
    const shape = shapeOf(MIN_SHARED_SHAPE_CHARS);
    const [create, update] = listSharedShapesOnce([
      toolWith({ name: 'create_order', properties: { ship_to: { ...shape, description: 'Delivery address.' } } }),
      toolWith({ name: 'update_order', properties: { id: { type: 'string' }, ship_to: { ...shape, description: 'New address' } } }),
    ]);
    expect(props(create!)['ship_to']).toStrictEqual({ ...shape, description: 'Delivery address.' });
    expect(create!._meta).toStrictEqual({ 'anthropic/searchHint': 'create_order' });
    expect(props(update!)['ship_to']).toStrictEqual({ type: 'object', description: 'New address. Same fields as ship_to of create_order.' });
    expect(update!._meta).toStrictEqual({ 'anthropic/searchHint': 'update_order', [SAME_FIELDS]: { ship_to: { tool: 'create_order', property: 'ship_to' } } });
  });

  it('refers inside one tool, keeps an items schema for arrays, and says "values" for a list of values', () => {
    const items = { type: 'array', items: shapeOf(MIN_SHARED_SHAPE_CHARS) };
    const values = { type: 'string', enum: Array.from({ length: 20 }, (_, i) => `value_${i}`) };
    const [tool] = listSharedShapesOnce([toolWith({ name: 't', properties: { a: items, b: items, c: values, d: { ...values, description: 'D' } } })]);
    expect(props(tool!)['b']).toStrictEqual({ type: 'array', items: { type: 'object' }, description: 'Same fields as a.' });
    expect(props(tool!)['d']).toStrictEqual({ type: 'string', description: 'D. Same values as c.' });
  });

  it('lists a shape one character under the limit again in full; at the limit it is shared', () => {
    const under = shapeOf(MIN_SHARED_SHAPE_CHARS - 1);
    const tools = listSharedShapesOnce([toolWith({ name: 'a', properties: { x: under } }), toolWith({ name: 'b', properties: { x: under } })]);
    expect(props(tools[1]!)['x']).toStrictEqual(under);
    const at = shapeOf(MIN_SHARED_SHAPE_CHARS);
    expect(props(listSharedShapesOnce([toolWith({ name: 'a', properties: { x: at } }), toolWith({ name: 'b', properties: { x: at } })])[1]!)['x']).not.toStrictEqual(at);
  });

  it('never shares shapes that differ in anything but their description, nor plain values', () => {
    const shape = shapeOf(MIN_SHARED_SHAPE_CHARS + 40);
    const other = { ...shape, required: ['note'] };
    const given = [toolWith({ name: 'a', properties: { x: shape, s: { type: 'string', description: 'y'.repeat(300) } } }), toolWith({ name: 'b', properties: { x: other, s: { type: 'string', description: 'y'.repeat(300) } } })];
    expect(listSharedShapesOnce(given)).toStrictEqual(given);
  });

  it('a tool that refers keeps its other arguments, plain or too short to share, as they were', () => {
    const shape = shapeOf(MIN_SHARED_SHAPE_CHARS);
    const small = shapeOf(MIN_SHARED_SHAPE_CHARS - 1);
    const [, update] = listSharedShapesOnce([
      toolWith({ name: 'a', properties: { ship_to: shape, small } }),
      toolWith({ name: 'b', properties: { id: { type: 'string' }, small, ship_to: shape } }),
    ]);
    expect(props(update!)).toStrictEqual({ id: { type: 'string' }, small, ship_to: { type: 'object', description: 'Same fields as ship_to of a.' } });
  });

  it.each([
    { own: '  New address  ', want: 'New address. Same fields as x of a.' },
    { own: 'Sent e.g. by post', want: 'Sent e.g. by post. Same fields as x of a.' },
    { own: 'Where?', want: 'Where? Same fields as x of a.' },
  ])('the note follows the own description "$own" after one stop', ({ own, want }) => {
    const shape = shapeOf(MIN_SHARED_SHAPE_CHARS);
    const [, later] = listSharedShapesOnce([toolWith({ name: 'a', properties: { x: shape } }), toolWith({ name: 'b', properties: { x: { ...shape, description: own } } })]);
    expect(props(later!)['x']).toStrictEqual({ type: 'object', description: want });
  });

  it('never shares a plain value or an object without declared fields, however long', () => {
    const long = 'a'.repeat(MIN_SHARED_SHAPE_CHARS);
    const plain = { type: 'string', pattern: `^${long}$` };
    const fieldless = { type: 'object', properties: {}, additionalProperties: plain };
    const given = [toolWith({ name: 'a', properties: { p: plain, f: fieldless } }), toolWith({ name: 'b', properties: { p: plain, f: fieldless } })];
    expect(listSharedShapesOnce(given)).toStrictEqual(given);
  });

  it('resolving the references gives back every tool as it was', () => {
    const shape = shapeOf(300);
    const given = [toolWith({ name: 'a', properties: { x: { ...shape, description: 'X.' }, y: { ...shape, description: 'Y.' } } }), toolWith({ name: 'b', properties: { z: shape } })];
    const listed = listSharedShapesOnce(given);
    const byName = new Map(listed.map((tool) => [tool.name, tool]));
    expect(listed.map((tool) => withSameFieldsResolved({ tool, toolNamed: (name) => byName.get(name) }).inputSchema)).toStrictEqual(given.map((tool) => tool.inputSchema));
  });
});
