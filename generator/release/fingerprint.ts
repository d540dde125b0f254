import { createHash } from 'node:crypto';
import type { EmittedFile } from '../emit/emit-package.ts';
import { provenanceNeedles, type Provenance } from '../emit/provenance.ts';
import { eachWireText, type ToolSurface } from '../shared/tool-surface.ts';

/** Start and end offsets of each line that holds one of `needles`, in order, each line once. */
function linesHolding(input: { readonly contents: string; readonly needles: readonly string[] }): [number, number][] {
  const { contents } = input;
  const lines = new Map<number, number>();
  for (const needle of input.needles) {
    for (let at = contents.indexOf(needle); at !== -1; ) {
      const start = contents.lastIndexOf('\n', at - 1) + 1;
      const newline = contents.indexOf('\n', at);
      const end = newline === -1 ? contents.length : newline;
      lines.set(start, end);
      at = newline === -1 ? -1 : contents.indexOf(needle, newline);
    }
  }
  return [...lines].sort((a, b) => a[0] - b[0]);
}

/**
 * The text of a file as the digest sees it: provenance header lines left out, exactly as
 * `split('\n')`, dropping those lines and `join('\n')` would give. It looks for the headers instead
 * of splitting every line: a large spec's output is hundreds of MB, and headers are a few lines a file.
 */
function withoutHeaders(input: { readonly contents: string; readonly needles: readonly string[] }): string {
  const { contents } = input;
  const kept: string[] = [];
  let cursor = 0;
  for (const [start, end] of linesHolding(input)) {
    // The whole lines before this one, without the line break that ends the last of them.
    if (cursor < start) kept.push(contents.slice(cursor, start - 1));
    cursor = end + 1;
  }
  if (cursor <= contents.length) kept.push(contents.slice(cursor));
  return kept.join('\n');
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
  const needles = provenanceNeedles(input.provenance);
  for (const file of [...input.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    hash.update(`${file.path}\0`).update(withoutHeaders({ contents: file.contents, needles })).update('\0');
  }
  // The bytes of JSON.stringify(surface), one tool at a time; the token report takes the wire bytes measured here.
  hash.update('[');
  eachWireText({ surface: input.surface, visit: (text, at) => hash.update(at === 0 ? text : `,${text}`) });
  hash.update(']');
  return hash.digest('hex');
}
