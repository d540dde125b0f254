import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { LoadedDocument } from '../../generator/load/loaded-document.ts';
import { overlaidDocument } from '../../generator/load/overlay/overlaid-document.ts';
import { parseDocumentText } from '../../generator/load/parse-document.ts';
import { readAssets } from '../../generator/load/read-assets.ts';
import { listVendorDocs, readOverlaidSpec } from '../../generator/load/read-inputs.ts';
import { readPreviousPackage } from '../../generator/load/read-previous-package.ts';
import { generatePackage } from '../../generator/pipeline.ts';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';
import { splitCuration } from '../../scripts/upstream/split-curation.ts';

function parse(file: string, text: string): LoadedDocument {
  const parsed = parseDocumentText({ file, text });
  if ('diagnostics' in parsed) throw new Error(parsed.diagnostics.map((d) => d.message).join('\n'));
  return parsed.document;
}

/** Every file of a generation, with tools.json's record of its input files taken out (the one provenance difference). */
function generate(input: { readonly document: LoadedDocument; readonly vendor: string }) {
  const previous = readPreviousPackage(path.join(REPO_ROOT, 'generated', input.vendor));
  const result = generatePackage({ document: input.document, assets: readAssets(REPO_ROOT), ...(previous ? { previous } : {}), regenerate: `npm run generate -- ${input.vendor}` });
  if (result.files === undefined) throw new Error(JSON.stringify(result.diagnostics.filter((d) => d.severity === 'error')));
  return Object.fromEntries(result.files.map((f) => [f.path, f.path === 'tools.json' ? f.contents.replace(/"sources": \{[^}]*\}/, '"sources": {}') : f.contents]));
}

describe('splitting a vendor doc into contract + curation overlay (scripts/upstream/split-curation.ts)', () => {
  const vendors = listVendorDocs(path.join(REPO_ROOT, 'vendor-docs'));

  it.each(vendors.map((v) => v.vendor))('%s: the package generated from contract + overlay equals the one from the inline doc', (vendor) => {
    const doc = vendors.find((v) => v.vendor === vendor)!;
    const merged = readOverlaidSpec({ spec: doc.file, overlays: doc.overlays });
    if ('diagnostics' in merged) throw new Error('vendor doc does not build');
    const file = `vendor-docs/${vendor}/openapi.yaml`;
    const inline = stringify(merged.document.data, { lineWidth: 0 });
    const { contract, overlay } = splitCuration({ text: inline, title: `${vendor} curation` });
    expect(contract).not.toContain('x-mcp');
    const split = overlaidDocument({ spec: parse(file, contract), overlays: [parse(`vendor-docs/${vendor}/curation.overlay.yaml`, overlay)] });
    if ('diagnostics' in split) throw new Error(JSON.stringify(split.diagnostics));
    expect(generate({ document: split.document, vendor })).toStrictEqual(generate({ document: parse(file, inline), vendor }));
  });
});
