import path from 'node:path';
import { stringify } from 'yaml';
import type { Diagnostic } from '../../generator/diagnostics/diagnostic.ts';
import type { ApiIR } from '../../generator/ir/types.ts';
import { buildApi } from '../../generator/ir/from-openapi/api-document.ts';
import { overlaidDocument } from '../../generator/load/overlay/overlaid-document.ts';
import { parseDocumentText } from '../../generator/load/parse-document.ts';
import { readAssets } from '../../generator/load/read-assets.ts';
import { listVendorDocs, readOverlaidSpec, readSpecFile } from '../../generator/load/read-inputs.ts';
import { readPreviousPackage, type PreviousPackage } from '../../generator/load/read-previous-package.ts';
import { generatePackage, type PackageResult } from '../../generator/pipeline.ts';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';

/**
 * A vendor doc as one YAML text with its curation overlays applied (the x-mcp inline again), for
 * tests that edit the doc as text. Same data as the folder, so the same package.
 */
export function inlineVendorDoc(vendor: string): string {
  const folder = listVendorDocs(path.join(REPO_ROOT, 'vendor-docs')).find((doc) => doc.vendor === vendor);
  if (folder === undefined) throw new Error(`no vendor-docs/${vendor}`);
  const loaded = readOverlaidSpec({ spec: folder.file, overlays: folder.overlays });
  if ('diagnostics' in loaded) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  return stringify(loaded.document.data, { lineWidth: 0 });
}

/** The same stages `npm run generate -- <vendor>` runs, without writing anything. */
export function generateVendorInMemory(vendor: string): PackageResult {
  const cwd = process.cwd();
  process.chdir(REPO_ROOT);
  try {
    const folder = listVendorDocs(path.join(REPO_ROOT, 'vendor-docs')).find((doc) => doc.vendor === vendor);
    const loaded = readOverlaidSpec({ spec: folder?.file ?? path.join(REPO_ROOT, 'vendor-docs', vendor, 'openapi.yaml'), overlays: folder?.overlays ?? [] });
    if ('diagnostics' in loaded) return { diagnostics: loaded.diagnostics };
    const previous = readPreviousPackage(path.join(REPO_ROOT, 'generated', vendor));
    return generatePackage({
      document: loaded.document,
      assets: readAssets(REPO_ROOT),
      ...(previous ? { previous } : {}),
      regenerate: `npm run generate -- ${vendor}`,
    });
  } finally {
    process.chdir(cwd);
  }
}

/** A document given as text (YAML or JSON) → IR and diagnostics. */
export function buildFromText(input: { readonly text: string; readonly file?: string; readonly plainSlug?: string }): { readonly api?: ApiIR; readonly diagnostics: readonly Diagnostic[] } {
  const parsed = parseDocumentText({ file: input.file ?? 'spec.yaml', text: input.text });
  if ('diagnostics' in parsed) return { diagnostics: parsed.diagnostics };
  return buildApi({ document: parsed.document, ...(input.plainSlug ? { plain: { slug: input.plainSlug } } : {}) });
}

/** A document given as text → emitted files, with the repository's real assets. */
export function generateFromText(input: { readonly text: string; readonly file?: string; readonly plainSlug?: string; readonly previous?: PreviousPackage; readonly split?: boolean }): PackageResult {
  const parsed = parseDocumentText({ file: input.file ?? 'spec.yaml', text: input.text });
  if ('diagnostics' in parsed) return { diagnostics: parsed.diagnostics };
  return generatePackage({
    document: parsed.document,
    assets: readAssets(REPO_ROOT),
    regenerate: 'npm run generate -- test',
    ...(input.previous ? { previous: input.previous } : {}),
    ...(input.split !== undefined ? { split: input.split } : {}),
    ...(input.plainSlug ? { plain: { slug: input.plainSlug } } : {}),
  });
}

/**
 * A vendor's package generated from its committed contract and the given curation overlay text,
 * compared with its committed package, as `npm run generate -- <vendor>` would.
 */
export function generateVendorFromCuration(input: { readonly vendor: string; readonly text: string }): PackageResult {
  const spec = readSpecFile(path.join(REPO_ROOT, 'vendor-docs', input.vendor, 'openapi.yaml'));
  const curation = parseDocumentText({ file: `vendor-docs/${input.vendor}/curation.overlay.yaml`, text: input.text });
  if ('diagnostics' in spec) return { diagnostics: spec.diagnostics };
  if ('diagnostics' in curation) return { diagnostics: curation.diagnostics };
  const parsed = overlaidDocument({ spec: spec.document, overlays: [curation.document] });
  if ('diagnostics' in parsed) return { diagnostics: parsed.diagnostics };
  const previous = readPreviousPackage(path.join(REPO_ROOT, 'generated', input.vendor));
  return generatePackage({ document: parsed.document, assets: readAssets(REPO_ROOT), ...(previous ? { previous } : {}), regenerate: `npm run generate -- ${input.vendor}` });
}
