import { describe, expect, it } from 'vitest';
import { createBuildContext } from '../../generator/ir/from-openapi/build-context.ts';
import { readMcpViews } from '../../generator/ir/from-openapi/mcp-extension.ts';

/** The views of one operation's `x-mcp`, and each diagnostic as [pointer, message]. */
function views(xMcp: unknown) {
  const context = createBuildContext({ file: 'spec.yaml', root: {}, locate: () => undefined });
  const result = readMcpViews({ context, operation: xMcp === undefined ? {} : { 'x-mcp': xMcp }, operationPointer: '/paths/~1w/get' });
  return { views: result, problems: context.diagnostics.map((d) => [d.code, d.location.pointer, d.message]) };
}

const base = { resource: 'widget', method: 'get' };

describe('x-mcp on an operation', () => {
  it('no x-mcp is no views', () => {
    expect(views(undefined)).toStrictEqual({ views: undefined, problems: [] });
  });

  it('the smallest view: trimmed description, no tags, no hints, nothing required', () => {
    expect(views({ ...base, description: '  Gets one.  ' })).toStrictEqual({
      views: [{ resource: 'widget', method: 'get', description: 'Gets one.', tags: [], annotations: {}, required: [], pointer: '/paths/~1w/get/x-mcp' }],
      problems: [],
    });
    expect(views(base).views![0]!.description).toBe('');
  });

  it('every optional field, as given', () => {
    const [view] = views({
      ...base,
      description: 'D',
      tags: ['a', 'b'],
      class: 'read',
      classReason: '  A search.  ',
      title: 'Get',
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false, otherHint: true, title: 'x' },
      parameters: { only: ['id'], required: ['q'] },
      safeguards: [],
      variants: 'objectKey',
      pagination: 'offset',
    }).views!;
    expect(view).toStrictEqual({
      resource: 'widget',
      method: 'get',
      description: 'D',
      tags: ['a', 'b'],
      methodClass: 'read',
      classReason: 'A search.',
      title: 'Get',
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
      only: ['id'],
      required: ['q'],
      safeguards: [],
      variants: 'objectKey',
      pagination: 'offset',
      pointer: '/paths/~1w/get/x-mcp',
    });
  });

  it('fields of the wrong kind are left out, not guessed', () => {
    const [view] = views({ ...base, description: 7, tags: ['a', 1], title: 1, annotations: { readOnlyHint: 'yes' }, parameters: { only: 'id', required: [1] }, variants: 1, pagination: {} }).views!;
    expect(view).toStrictEqual({ resource: 'widget', method: 'get', description: '', tags: [], annotations: {}, required: [], pointer: '/paths/~1w/get/x-mcp' });
    expect(views({ ...base, parameters: 'x' }).views![0]!.required).toStrictEqual([]);
  });

  it('a list gives one view per entry, each with its own pointer; bad entries are reported and skipped', () => {
    const { views: list, problems } = views([base, 'x', { ...base, method: 'list' }]);
    expect(list!.map((v) => [v.method, v.pointer])).toStrictEqual([
      ['get', '/paths/~1w/get/x-mcp/0'],
      ['list', '/paths/~1w/get/x-mcp/2'],
    ]);
    expect(problems).toStrictEqual([['VMCP_MCP_EXTENSION_INVALID', '/paths/~1w/get/x-mcp/1', 'x-mcp must be an object or a list of objects']]);
  });

  it.each([
    [{ method: 'get' }, '/resource', 'x-mcp needs a non-empty `resource`'],
    [{ resource: '  ', method: 'get' }, '/resource', 'x-mcp needs a non-empty `resource`'],
    [{ resource: 'w' }, '/method', 'x-mcp needs a non-empty `method`'],
    [{ resource: 'w', method: ' ' }, '/method', 'x-mcp needs a non-empty `method`'],
    [{ ...base, class: 'admin' }, '/class', 'x-mcp `class` must be read, write or custom'],
    [{ ...base, class: 1 }, '/class', 'x-mcp `class` must be read, write or custom'],
    [{ ...base, classReason: ' ' }, '/classReason', 'x-mcp `classReason` must be a sentence saying why the class departs from the HTTP method'],
    [{ ...base, classReason: 1 }, '/classReason', 'x-mcp `classReason` must be a sentence saying why the class departs from the HTTP method'],
  ])('%j is refused at %s', (value, at, message) => {
    expect(views(value)).toStrictEqual({ views: [], problems: [['VMCP_MCP_EXTENSION_INVALID', `/paths/~1w/get/x-mcp${at}`, message]] });
  });

  it('each class is accepted; annotations that are not an object are reported, the view kept', () => {
    expect(['read', 'write', 'custom'].map((c) => views({ ...base, class: c }).views![0]!.methodClass)).toStrictEqual(['read', 'write', 'custom']);
    expect(views({ ...base, annotations: [true] })).toMatchObject({
      views: [{ annotations: {} }],
      problems: [['VMCP_MCP_EXTENSION_INVALID', '/paths/~1w/get/x-mcp/annotations', 'x-mcp annotations must be an object of booleans']],
    });
  });

  it('icons are read into the view; a bad list is reported at x-mcp/icons and left out', () => {
    expect(views({ ...base, icons: [{ src: 'https://w.test/i.png' }] }).views![0]).toMatchObject({ icons: [{ src: 'https://w.test/i.png' }] });
    expect(views({ ...base, icons: [] })).toStrictEqual({
      views: [{ resource: 'widget', method: 'get', description: '', tags: [], annotations: {}, required: [], pointer: '/paths/~1w/get/x-mcp' }],
      problems: [['VMCP_MCP_EXTENSION_INVALID', '/paths/~1w/get/x-mcp/icons', 'icons must be a non-empty list of {src (https: or data:image/ URL), mimeType?, sizes?, theme?: light|dark}']],
    });
  });
});
