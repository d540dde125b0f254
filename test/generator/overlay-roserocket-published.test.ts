import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOverlaidSpec } from '../../generator/load/read-inputs.ts';
import { buildApi } from '../../generator/ir/from-openapi/api-document.ts';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';

type Listed = { name: string; description: string; annotations: { readOnlyHint: boolean; destructiveHint: boolean } };

/**
 * Rose Rocket's curation overlay also applies to a contract shaped like the vendor's published
 * Platform Model OpenAPI (test/fixtures/roserocket-platform-shaped.yaml: its paths, methods,
 * operation ids and shapes, in our words) and gives the tools our package has.
 */
describe('vendor-docs/roserocket/curation.overlay.yaml on the published Platform Model shape', () => {
  const committed = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'generated', 'roserocket', 'tools.json'), 'utf8')) as { tools: Listed[] }).tools;
  const loaded = readOverlaidSpec({ spec: path.join(REPO_ROOT, 'test', 'fixtures', 'roserocket-platform-shaped.yaml'), overlays: [path.join(REPO_ROOT, 'vendor-docs', 'roserocket', 'curation.overlay.yaml')] });
  if ('diagnostics' in loaded) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  const built = buildApi({ document: loaded.document });

  it('builds without an error', () => {
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toStrictEqual([]);
  });

  it('gives the same tool names, hints and descriptions (first paragraph) as the committed package', () => {
    const summary = (tools: readonly { name: string; description: string; readOnly: boolean; destructive: boolean }[]) => tools.map((t) => ({ ...t, description: t.description.split('\n\n')[0] })).sort((a, b) => (a.name < b.name ? -1 : 1));
    const fromPublished = summary((built.api?.tools ?? []).map((t) => ({ name: t.name, description: t.description, readOnly: t.annotations.readOnlyHint, destructive: t.annotations.destructiveHint })));
    // The objectKey schema tool serves the per-objectKey shapes, which variants.overlay.yaml adds from our contract only.
    const ours = summary(committed.filter((t) => t.name !== 'roserocket_object_key_schema').map((t) => ({ name: t.name, description: t.description, readOnly: t.annotations.readOnlyHint, destructive: t.annotations.destructiveHint })));
    expect(fromPublished.map((t) => t.name)).toHaveLength(19);
    expect(fromPublished).toStrictEqual(ours);
  });
});
