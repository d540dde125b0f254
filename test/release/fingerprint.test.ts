import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentDigest } from '../../generator/release/fingerprint.ts';
import { tokenReport, type SurfaceTool, type ToolSurface } from '../../generator/shared/tool-surface.ts';

const provenance = { generatorVersion: '0.1.0', sourceFile: 'spec.yaml', regenerate: 'npm run generate -- test' };
const files = [{ path: 'src/a.ts', contents: 'export const a = 1;\n' }];

const tool = (name: string): SurfaceTool => ({
  name,
  description: 'Läs en widget — “quoted” \u2028 and \\ escapes.',
  inputSchema: { type: 'object', properties: { id: { type: 'string', pattern: '^é+$' } }, required: ['id'] },
  outputSchema: { type: 'object' },
  annotations: { title: 'Get widget', readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
});

/** The digest as it was defined before the wire JSON was shared: the files, then `JSON.stringify(surface)`. */
function referenceDigest(surface: ToolSurface): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file.path}\0`).update(file.contents).update('\0');
  return hash.update(JSON.stringify(surface)).digest('hex');
}

describe('contentDigest', () => {
  it('hashes exactly the bytes of JSON.stringify(surface) for 0, 1, 2 and 3 tools', () => {
    for (const count of [0, 1, 2, 3]) {
      const surface = Array.from({ length: count }, (_, at) => tool(`get_widget_${at}`));
      expect(contentDigest({ files, surface, provenance }), `${count} tools`).toBe(referenceDigest(surface));
    }
  });

  it('gives the same digest and wire bytes whether the token report or the digest reads the wire JSON first', () => {
    const bytes = (surface: ToolSurface) => surface.reduce((sum, item) => sum + Buffer.byteLength(JSON.stringify(item), 'utf8'), 0);
    const reportFirst = [tool('a'), tool('b')];
    expect(tokenReport(reportFirst).wireBytes).toBe(bytes(reportFirst));
    expect(contentDigest({ files, surface: reportFirst, provenance })).toBe(referenceDigest(reportFirst));
    const digestFirst = [tool('a'), tool('b')];
    expect(contentDigest({ files, surface: digestFirst, provenance })).toBe(referenceDigest(digestFirst));
    expect(tokenReport(digestFirst).wireBytes).toBe(bytes(digestFirst));
    expect(contentDigest({ files, surface: digestFirst, provenance })).toBe(referenceDigest(digestFirst));
  });

  it('a different tool order or one more tool changes the digest', () => {
    const two = [tool('a'), tool('b')];
    expect(contentDigest({ files, surface: two, provenance })).not.toBe(contentDigest({ files, surface: [tool('b'), tool('a')], provenance }));
    expect(contentDigest({ files, surface: two, provenance })).not.toBe(contentDigest({ files, surface: [...two, tool('c')], provenance }));
  });
});
