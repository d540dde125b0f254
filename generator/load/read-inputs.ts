import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createDiagnostic } from '../diagnostics/diagnostic.ts';
import { parseDocumentText, type ParseResult } from './parse-document.ts';

/** Paths shown to users are relative to the working directory and always use `/`. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return (relative.startsWith('..') ? file : relative).split(path.sep).join('/');
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

/** Vendor folders that hold an openapi.yaml, in codepoint order. */
export function listVendorDocs(vendorDocsDir: string): { readonly vendor: string; readonly file: string }[] {
  if (!existsSync(vendorDocsDir)) return [];
  return readdirSync(vendorDocsDir)
    .filter((name) => existsSync(path.join(vendorDocsDir, name, 'openapi.yaml')))
    .sort()
    .map((vendor) => ({ vendor, file: path.join(vendorDocsDir, vendor, 'openapi.yaml') }));
}
