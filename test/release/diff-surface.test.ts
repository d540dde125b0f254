import { describe, expect, it } from 'vitest';
import { diffSurface } from '../../generator/release/diff-surface.ts';
import type { SurfaceTool } from '../../generator/shared/tool-surface.ts';
import { surfaceTool } from '../fixtures/surface-tool.ts';
import { SAME_FIELDS } from '../../templates/runtime/same-fields.ts';

const tool = (overrides: Parameters<typeof surfaceTool>[0]) => surfaceTool({ title: 'T', ...overrides });

describe('diffSurface: a shape listed once is no change', () => {
  it('compares what each tool takes, not whether its shape is listed in full or referred to', () => {
    const address = { type: 'object', description: 'Address.', properties: { city: { type: 'string' } }, required: ['city'] };
    const full = [tool({ name: 'a', inputSchema: { type: 'object', properties: { ship: address } } }), tool({ name: 'b', inputSchema: { type: 'object', properties: { ship: address } } })];
    const referred = [full[0]!, tool({ name: 'b', inputSchema: { type: 'object', properties: { ship: { type: 'object', description: 'Address. Same fields as ship of a.' } } }, _meta: { [SAME_FIELDS]: { ship: { tool: 'a', property: 'ship' } } } })];
    expect(diffSurface({ before: full, after: referred })).toStrictEqual([]);
    // Without resolving, the reference would read as every field of ship removed.
    const unresolved = [full[0]!, { ...referred[1]!, _meta: {} }];
    expect(diffSurface({ before: full, after: unresolved }).map((change) => change.rule)).toContain('parameter-removed');
  });
});

describe('diffSurface: tools added, removed and renamed', () => {
  it('nothing changes between equal surfaces', () => {
    expect(diffSurface({ before: [tool({ name: 'a' })], after: [tool({ name: 'a' })] })).toStrictEqual([]);
    expect(diffSurface({ before: [], after: [] })).toStrictEqual([]);
  });

  it('removals first, then the new surface in its order', () => {
    const before = [tool({ name: 'a', title: 'A' }), tool({ name: 'b', title: 'B' })];
    const after = [tool({ name: 'c', title: 'C' }), tool({ name: 'b', title: 'B' })];
    expect(diffSurface({ before, after })).toStrictEqual([
      { rule: 'tool-removed', tool: 'a' },
      { rule: 'tool-added', tool: 'c' },
    ]);
  });

  it('a removed and an added tool with the same title and input schema are one rename, diffed as one tool', () => {
    const before = [tool({ name: 'old', description: 'x' })];
    const after = [tool({ name: 'new', description: 'y' })];
    expect(diffSurface({ before, after })).toStrictEqual([
      { rule: 'tool-renamed', tool: 'new', from: 'old' },
      { rule: 'tool-description-changed', tool: 'new' },
    ]);
  });

  it('a different title or input schema is a removal and an addition, not a rename', () => {
    expect(diffSurface({ before: [tool({ name: 'old' })], after: [tool({ name: 'new', title: 'U' })] }).map((c) => c.rule)).toStrictEqual(['tool-removed', 'tool-added']);
    expect(diffSurface({ before: [tool({ name: 'old' })], after: [tool({ name: 'new', inputSchema: { type: 'object', properties: {} } })] }).map((c) => c.rule)).toStrictEqual(['tool-removed', 'tool-added']);
  });

  it('one added tool is the new name of one removed tool only', () => {
    const changes = diffSurface({ before: [tool({ name: 'a' }), tool({ name: 'b' })], after: [tool({ name: 'c' })] });
    expect(changes).toStrictEqual([
      { rule: 'tool-removed', tool: 'b' },
      { rule: 'tool-renamed', tool: 'c', from: 'a' },
    ]);
  });

  it('two tools renamed at once are two renames', () => {
    const changes = diffSurface({ before: [tool({ name: 'a', title: 'A' }), tool({ name: 'b', title: 'B' })], after: [tool({ name: 'c', title: 'A' }), tool({ name: 'd', title: 'B' })] });
    expect(changes).toStrictEqual([
      { rule: 'tool-renamed', tool: 'c', from: 'a' },
      { rule: 'tool-renamed', tool: 'd', from: 'b' },
    ]);
  });

  it('a removed tool is never paired with a kept one that looks the same', () => {
    expect(diffSurface({ before: [tool({ name: 'a' }), tool({ name: 'b' })], after: [tool({ name: 'b' })] })).toStrictEqual([{ rule: 'tool-removed', tool: 'a' }]);
  });

  it('title and output schema changes of a kept tool', () => {
    const changes = diffSurface({ before: [tool({ name: 'a' })], after: [tool({ name: 'a', title: 'U', outputSchema: { type: 'object', properties: { x: {} } } })] });
    expect(changes).toStrictEqual([
      { rule: 'tool-title-changed', tool: 'a', from: '"T"', to: '"U"' },
      { rule: 'output-field-added', tool: 'a', path: 'x' },
    ]);
  });

  it('input schema changes of a kept tool are input changes', () => {
    const changes = diffSurface({ before: [tool({ name: 'a' })], after: [tool({ name: 'a', inputSchema: { type: 'object', properties: { x: {} } } })] });
    expect(changes).toStrictEqual([{ rule: 'optional-parameter-added', tool: 'a', path: 'x' }]);
  });
});

describe('diffSurface: annotations', () => {
  const change = (before: Partial<SurfaceTool['annotations']>, after: Partial<SurfaceTool['annotations']>) =>
    diffSurface({ before: [tool({ name: 'a', annotations: before })], after: [tool({ name: 'a', annotations: after })] });

  it('losing read-only is one breaking change, not also an annotation change', () => {
    expect(change({}, { readOnlyHint: false })).toStrictEqual([{ rule: 'tool-lost-read-only', tool: 'a' }]);
  });

  it('a rule counts only its own hint: other hints changed with it are still annotation changes', () => {
    expect(change({}, { readOnlyHint: false, idempotentHint: false })).toStrictEqual([
      { rule: 'tool-lost-read-only', tool: 'a' },
      { rule: 'annotation-changed', tool: 'a', path: 'idempotentHint', from: 'true', to: 'false' },
    ]);
    expect(change({ readOnlyHint: false }, { readOnlyHint: false, destructiveHint: true, openWorldHint: false })).toStrictEqual([
      { rule: 'tool-became-destructive', tool: 'a' },
      { rule: 'annotation-changed', tool: 'a', path: 'openWorldHint', from: 'true', to: 'false' },
    ]);
  });

  it('gaining read-only is a plain annotation change', () => {
    expect(change({ readOnlyHint: false }, {})).toStrictEqual([{ rule: 'annotation-changed', tool: 'a', path: 'readOnlyHint', from: 'false', to: 'true' }]);
  });

  it('a writing tool that becomes destructive is one breaking change', () => {
    expect(change({ readOnlyHint: false }, { readOnlyHint: false, destructiveHint: true })).toStrictEqual([{ rule: 'tool-became-destructive', tool: 'a' }]);
  });

  it('destructiveHint on a read-only tool means nothing: an annotation change only', () => {
    expect(change({}, { destructiveHint: true })).toStrictEqual([{ rule: 'annotation-changed', tool: 'a', path: 'destructiveHint', from: 'false', to: 'true' }]);
  });

  it('a tool that starts writing destructively loses read-only and becomes destructive', () => {
    expect(change({}, { readOnlyHint: false, destructiveHint: true })).toStrictEqual([
      { rule: 'tool-lost-read-only', tool: 'a' },
      { rule: 'tool-became-destructive', tool: 'a' },
    ]);
  });

  it('a destructive tool that stops being destructive, and the other hints, are annotation changes in hint order', () => {
    expect(change({ readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true }, { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false })).toStrictEqual([
      { rule: 'annotation-changed', tool: 'a', path: 'destructiveHint', from: 'true', to: 'false' },
      { rule: 'annotation-changed', tool: 'a', path: 'idempotentHint', from: 'true', to: 'false' },
      { rule: 'annotation-changed', tool: 'a', path: 'openWorldHint', from: 'true', to: 'false' },
    ]);
  });
});
