import { readFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import type { Diagnostic } from '../../generator/diagnostics/diagnostic.ts';
import type { ApiIR } from '../../generator/ir/types.ts';
import { buildApi } from '../../generator/ir/from-openapi/api-document.ts';
import { overlaidDocument } from '../../generator/load/overlay/overlaid-document.ts';
import { parseDocumentText, type ParseResult } from '../../generator/load/parse-document.ts';
import { readAssets } from '../../generator/load/read-assets.ts';
import { listVendorDocs, readOverlaidSpec } from '../../generator/load/read-inputs.ts';
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

/**
 * A file under the repository, parsed under its repository path (`vendor-docs/x/openapi.yaml`) whatever
 * the working directory: that path reaches every file header, and Stryker's test workers run outside
 * the repository and may not chdir.
 */
function parseRepoFile(file: string): ParseResult {
  return parseDocumentText({ file: path.relative(REPO_ROOT, file).split(path.sep).join('/'), text: readFileSync(file, 'utf8') });
}

/** A vendor's committed contract with its curation overlays, or with `curation` text in their place. */
function loadVendorDoc(input: { readonly vendor: string; readonly curation?: string }): ParseResult {
  const folder = listVendorDocs(path.join(REPO_ROOT, 'vendor-docs')).find((doc) => doc.vendor === input.vendor);
  const spec = parseRepoFile(folder?.file ?? path.join(REPO_ROOT, 'vendor-docs', input.vendor, 'openapi.yaml'));
  const overlays =
    input.curation === undefined ? (folder?.overlays ?? []).map(parseRepoFile) : [parseDocumentText({ file: `vendor-docs/${input.vendor}/curation.overlay.yaml`, text: input.curation })];
  const loaded = [spec, ...overlays].flatMap((item) => ('document' in item ? [item.document] : []));
  const failed = [spec, ...overlays].flatMap((item) => ('diagnostics' in item ? item.diagnostics : []));
  if (failed.length > 0) return { diagnostics: failed };
  return overlaidDocument({ spec: loaded[0]!, overlays: loaded.slice(1) });
}

/** The vendor's package from its loaded doc and its committed package, as `npm run generate -- <vendor>` makes it. */
function generateVendor(input: { readonly vendor: string; readonly loaded: ParseResult }): PackageResult {
  if ('diagnostics' in input.loaded) return { diagnostics: input.loaded.diagnostics };
  const previous = readPreviousPackage(path.join(REPO_ROOT, 'generated', input.vendor));
  return generatePackage({ document: input.loaded.document, assets: readAssets(REPO_ROOT), ...(previous ? { previous } : {}), regenerate: `npm run generate -- ${input.vendor}` });
}

/** The same stages `npm run generate -- <vendor>` runs, without writing anything. */
export function generateVendorInMemory(vendor: string): PackageResult {
  return generateVendor({ vendor, loaded: loadVendorDoc({ vendor }) });
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
  return generateVendor({ vendor: input.vendor, loaded: loadVendorDoc({ vendor: input.vendor, curation: input.text }) });
}
