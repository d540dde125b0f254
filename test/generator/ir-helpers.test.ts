import { describe, expect, it } from 'vitest';
import { requiredFieldsOf } from '../../generator/ir/required-fields.ts';
import { compareCodepoints, sortByKey } from '../../generator/ir/sort.ts';
import { surfaceOf } from '../../generator/ir/tool-surface.ts';
import { tokenReport } from '../../generator/shared/tool-surface.ts';
import { MINIMAL_VENDOR_DOC } from '../fixtures/minimal-vendor-doc.ts';
import { buildFromText } from '../support/generate-in-memory.ts';

describe('requiredFieldsOf: the fields an operation requires whatever the variant', () => {
  it('nothing when nothing is required, or required is not a list', () => {
    expect(requiredFieldsOf({ properties: { a: {} } })).toStrictEqual({});
    expect(requiredFieldsOf({ required: [], properties: { a: {} } })).toStrictEqual({});
    expect(requiredFieldsOf({ required: 'a', properties: { a: {} } })).toStrictEqual({});
  });

  it('the required names, and the schemas of those that have one', () => {
    const required = ['a', 'c'];
    const result = requiredFieldsOf({ required, properties: { a: { type: 'string' }, b: { type: 'integer' } } });
    expect(result).toStrictEqual({ required: ['a', 'c'], properties: { a: { type: 'string' } } });
    expect(result.required).not.toBe(required);
    expect(requiredFieldsOf({ required: ['a'] })).toStrictEqual({ required: ['a'], properties: {} });
  });
});

describe('codepoint order', () => {
  it('compares by codepoint, not by locale', () => {
    expect([compareCodepoints('a', 'b'), compareCodepoints('b', 'a'), compareCodepoints('a', 'a'), compareCodepoints('Z', 'a'), compareCodepoints('é', 'f')]).toStrictEqual([-1, 1, 0, -1, 1]);
  });

  it('sorts a copy by key, stable for equal keys', () => {
    const items = [{ k: 'b', n: 1 }, { k: 'B', n: 2 }, { k: 'a', n: 3 }, { k: 'b', n: 4 }];
    expect(sortByKey(items, (item) => item.k).map((item) => item.n)).toStrictEqual([2, 3, 1, 4]);
    expect(items.map((item) => item.n)).toStrictEqual([1, 2, 3, 4]);
  });
});

describe('surfaceOf: the tools as tools/list shows them', () => {
  it('keeps exactly the client-visible fields, icons only when a tool has them', () => {
    const tools = buildFromText({ text: MINIMAL_VENDOR_DOC }).api!.tools;
    const [tool] = surfaceOf({ tools });
    // The display title is listed once, in annotations.title: no top-level `title` beside it.
    expect(Object.keys(tool!)).toStrictEqual(['name', 'description', 'inputSchema', 'outputSchema', 'annotations', '_meta']);
    expect(tool).toStrictEqual({ name: tools[0]!.name, description: tools[0]!.description, inputSchema: tools[0]!.inputSchema, outputSchema: tools[0]!.outputSchema, annotations: tools[0]!.annotations, _meta: tools[0]!._meta });
    expect(tool!.annotations.title).toBe(tools[0]!.title);
    const icons = [{ src: 'https://acme.test/i.png' }];
    expect(surfaceOf({ tools: [{ ...tools[0]!, icons }] })[0]!.icons).toStrictEqual(icons);
    expect(surfaceOf({ tools }).map((t) => t.name)).toStrictEqual(tools.map((t) => t.name));
  });

  it('is built once per tool list, so lint and release tokenize the same surface once', () => {
    const api = buildFromText({ text: MINIMAL_VENDOR_DOC }).api!;
    expect(surfaceOf(api)).toBe(surfaceOf(api));
    expect(tokenReport(surfaceOf(api))).toBe(tokenReport(surfaceOf(api)));
    // Other variant families over the same tools are another surface.
    const other = surfaceOf({ tools: api.tools, families: [] });
    expect(other).not.toBe(surfaceOf({ tools: api.tools }));
    expect(surfaceOf({ tools: [...api.tools] })).not.toBe(surfaceOf(api));
  });
});
