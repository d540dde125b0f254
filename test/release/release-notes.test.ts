import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { previousFromFiles } from '../../generator/load/read-previous-package.ts';
import { SURFACE_BASE_DOC } from '../fixtures/surface-base-doc.ts';
import { generateFromText } from '../support/generate-in-memory.ts';

type Doc = Record<string, any>;

function generate(input: { readonly text: string; readonly previous?: ReturnType<typeof previousFromFiles> }) {
  const result = generateFromText({ text: input.text, ...(input.previous ? { previous: input.previous } : {}) });
  const files = new Map((result.files ?? []).map((f) => [f.path, f.contents]));
  return { result, files, previous: previousFromFiles((name) => files.get(name)) };
}

/** A breaking revision of the base doc (a tool removed: 0.1.0 → 1.0.0), with release notes. */
function revision(notes: unknown): string {
  const doc = YAML.parse(SURFACE_BASE_DOC) as Doc;
  delete doc['paths']['/widgets/{id}']['patch'];
  doc['x-mcp']['releaseNotes'] = notes;
  return YAML.stringify(doc);
}

describe('x-mcp.releaseNotes: the changelog says why a version changed, in plain words', () => {
  const base = generate({ text: SURFACE_BASE_DOC });

  it('quotes the note of the version being released under its heading', () => {
    const { files } = generate({ text: revision({ '1.0.0': 'Renaming widgets moved to the admin API.' }), previous: base.previous });
    const newest = files.get('CHANGELOG.md')!.split(/^## /m)[1]!;
    expect(newest.split('\n').slice(0, 5)).toStrictEqual(['1.0.0 (major)', '', 'From spec.yaml.', '', 'Why: Renaming widgets moved to the admin API.']);
  });

  it('ignores a note written for another version, so a note never outlives its release', () => {
    const { files } = generate({ text: revision({ '0.9.0': 'Old news.' }), previous: base.previous });
    expect(files.get('CHANGELOG.md')).not.toContain('Why:');
  });

  it.each([[['a list']], [{ 'v1': 'not a version' }], [{ '1.0.0': ' ' }]])('refuses a malformed value %j', (notes) => {
    const { result } = generate({ text: revision(notes), previous: base.previous });
    expect(result.diagnostics.map((d) => [d.code, d.location.pointer])).toContainEqual(['VMCP_MCP_EXTENSION_INVALID', '/x-mcp/releaseNotes']);
  });
});
