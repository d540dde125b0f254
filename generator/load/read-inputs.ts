import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createDiagnostic } from '../diagnostics/diagnostic.ts';
import { repositoryRoot } from '../shared/repository-root.ts';
import type { LoadedDocument } from './loaded-document.ts';
import { overlaidDocument } from './overlay/overlaid-document.ts';
import { parseDocumentText, type ParseResult } from './parse-document.ts';

const ROOT = repositoryRoot();

/**
 * Every path the generator prints or records (provenance headers, regenerate commands, each tool's
 * source, diagnostics, drift) is relative to the repository root, where `npm run` runs, and uses
 * `/`. Not relative to the working directory: run from another folder, every generated file would
 * name the doc differently and `--check` would call the committed packages stale. A file outside
 * the repository is named by its absolute path.
 */
export function displayPath(file: string): string {
  const absolute = path.resolve(file);
  const relative = path.relative(ROOT, absolute);
  const outside = relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  return (outside ? absolute : relative).split(path.sep).join('/');
}

export function readSpecFile(file: string): ParseResult {
  const shown = displayPath(file);
  if (!existsSync(file) || !statSync(file).isFile()) {
    return {
      diagnostics: [createDiagnostic({ code: 'VMCP_INPUT_NOT_FOUND', message: `No file at ${shown}`, location: { file: shown, pointer: '' } })],
    };
  }
  return parseDocumentText({ file: shown, text: readFileSync(file, 'utf8') });
}

/** Each input file's size in bytes (0 where there is none: reading it reports that), before anything is parsed. */
export function inputSizes(files: readonly string[]): { readonly file: string; readonly bytes: number }[] {
  return files.map((file) => ({ file, bytes: statSync(file, { throwIfNoEntry: false })?.size ?? 0 }));
}

/** The spec with its overlays applied; every file that fails to read is reported, not just the first. */
export function readOverlaidSpec(input: { readonly spec: string; readonly overlays: readonly string[] }): ParseResult {
  const [spec, ...overlays] = [input.spec, ...input.overlays].map(readSpecFile);
  const failed = [spec!, ...overlays].flatMap((item) => ('diagnostics' in item ? item.diagnostics : []));
  if (failed.length > 0) return { diagnostics: failed };
  return overlaidDocument({ spec: (spec as { document: LoadedDocument }).document, overlays: overlays.map((item) => (item as { document: LoadedDocument }).document) });
}

/** A vendor folder's curation: its `*.overlay.yaml` files, applied in codepoint order of their names. */
function overlayFiles(folder: string): string[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.overlay.yaml'))
    .sort()
    .map((name) => path.join(folder, name));
}

/** The overlays a spec file comes with: its folder's `*.overlay.yaml` when it is a vendor folder's openapi.yaml. */
export function overlaysBeside(spec: string): string[] {
  return path.basename(spec) === 'openapi.yaml' ? overlayFiles(path.dirname(spec)) : [];
}

/** Vendor folders that hold an openapi.yaml, in codepoint order, each with its overlays. */
export function listVendorDocs(vendorDocsDir: string): { readonly vendor: string; readonly file: string; readonly overlays: readonly string[] }[] {
  if (!existsSync(vendorDocsDir)) return [];
  return readdirSync(vendorDocsDir)
    .filter((name) => existsSync(path.join(vendorDocsDir, name, 'openapi.yaml')))
    .sort()
    .map((vendor) => ({ vendor, file: path.join(vendorDocsDir, vendor, 'openapi.yaml'), overlays: overlayFiles(path.join(vendorDocsDir, vendor)) }));
}
