import { describe, expect, it } from 'vitest';
import { MINIMAL_VENDOR_DOC } from '../fixtures/minimal-vendor-doc.ts';
import { buildFromText } from '../support/generate-in-memory.ts';
import { surfaceOf } from '../../generator/ir/tool-surface.ts';

/** The minimal doc with extra `x-mcp` keys on its list operation. */
function withListHints(extra: string): string {
  const marked = MINIMAL_VENDOR_DOC.replace('        method: list\n', `        method: list\n${extra}`);
  if (marked === MINIMAL_VENDOR_DOC) throw new Error('fixture changed: no list operation to mark');
  return marked;
}

describe('host hints: the doc marks seed tools and may give a search phrase; every tool gets one', () => {
  it('alwaysLoad and searchHint from x-mcp become the tool\'s _meta; the other tools get their title as the phrase', () => {
    const { api, diagnostics } = buildFromText({ text: withListHints('        alwaysLoad: true\n        searchHint: find widgets by name\n'), file: 'spec.yaml' });
    expect(diagnostics.filter((d) => d.severity === 'error')).toStrictEqual([]);
    const byName = Object.fromEntries(surfaceOf(api!).map((t) => [t.name, t._meta]));
    expect(byName['list_all_acme_widgets']).toStrictEqual({ 'anthropic/alwaysLoad': true, 'anthropic/searchHint': 'find widgets by name' });
    const others = api!.tools.filter((t) => t.name !== 'list_all_acme_widgets');
    expect(others.length).toBeGreaterThan(0);
    for (const tool of others) expect(tool._meta).toStrictEqual({ 'anthropic/searchHint': tool.title });
  });

  it('alwaysLoad: false is no hint at all', () => {
    const { api } = buildFromText({ text: withListHints('        alwaysLoad: false\n'), file: 'spec.yaml' });
    expect(api!.tools.find((t) => t.name === 'list_all_acme_widgets')!._meta).toStrictEqual({ 'anthropic/searchHint': api!.tools.find((t) => t.name === 'list_all_acme_widgets')!.title });
    expect(api!.tools.find((t) => t.name === 'list_all_acme_widgets')!._meta).not.toHaveProperty('anthropic/alwaysLoad');
  });

  it.each([
    { name: 'alwaysLoad that is not a boolean', extra: '        alwaysLoad: "yes"\n', want: 'x-mcp `alwaysLoad` must be true or false' },
    { name: 'an empty searchHint', extra: '        searchHint: ""\n', want: 'x-mcp `searchHint` must be a phrase of 1-120 characters' },
    { name: 'a searchHint of 121 characters', extra: `        searchHint: ${'w'.repeat(121)}\n`, want: 'x-mcp `searchHint` must be a phrase of 1-120 characters' },
  ])('refuses $name', ({ extra, want }) => {
    const { diagnostics } = buildFromText({ text: withListHints(extra), file: 'spec.yaml' });
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toStrictEqual([want]);
  });

  it('accepts a searchHint of exactly 120 characters', () => {
    const { api, diagnostics } = buildFromText({ text: withListHints(`        searchHint: ${'w'.repeat(120)}\n`), file: 'spec.yaml' });
    expect(diagnostics.filter((d) => d.severity === 'error')).toStrictEqual([]);
    expect(api!.tools.find((t) => t.name === 'list_all_acme_widgets')!._meta['anthropic/searchHint']).toHaveLength(120);
  });
});
