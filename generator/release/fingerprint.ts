import { createHash } from 'node:crypto';
import type { EmittedFile } from '../emit/emit-package.ts';
import { isProvenanceLine, type Provenance } from '../emit/provenance.ts';
import type { ToolSurface } from '../shared/tool-surface.ts';

/** The text of a file as the digest sees it: provenance header lines left out. */
function withoutHeaders(input: { readonly contents: string; readonly provenance: Provenance }): string {
  return input.contents
    .split('\n')
    .filter((line) => !isProvenanceLine({ line, provenance: input.provenance }))
    .join('\n');
}

/**
 * sha256 over what a package ships that can change what it does or says: every emitted file
 * (unstamped, so without its version) minus provenance headers, plus the tool surface. The release
 * records (tools.json, CHANGELOG.md) are not in it: they record the result of this comparison. The
 * source document's hash is not in it either: a document edit matters only through what it changes
 * here, so a YAML comment, reordered keys or whitespace release nothing.
 */
export function contentDigest(input: { readonly files: readonly EmittedFile[]; readonly surface: ToolSurface; readonly provenance: Provenance }): string {
  const hash = createHash('sha256');
  for (const file of [...input.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    hash.update(`${file.path}\0${withoutHeaders({ contents: file.contents, provenance: input.provenance })}\0`);
  }
  hash.update(JSON.stringify(input.surface));
  return hash.digest('hex');
}
