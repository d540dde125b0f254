/**
 * Splits a vendor doc that carries its curation inline into the vendor contract (the same YAML,
 * comments kept, every `x-mcp` removed) and a curation overlay (one Overlay 1.1 action per `x-mcp`,
 * its YAML node moved over with its comments). Applying the overlay to the contract gives back the
 * same document data, so the generated package is the same.
 *   tsx scripts/upstream/split-curation.ts <vendor-docs/<vendor>> [--upstream <url>]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Document, isMap, isPair, isScalar, isSeq, parseDocument, type Node, type Pair } from 'yaml';

type Found = { readonly tokens: readonly (string | number)[]; readonly pair: Pair };

/** Every `x-mcp` member in the document, parents before children, in document order. */
function findCuration(node: unknown, tokens: readonly (string | number)[] = []): Found[] {
  if (isMap(node)) {
    return node.items.flatMap((pair) => {
      if (!isPair(pair) || !isScalar(pair.key)) return [];
      const key = String(pair.key.value);
      return key === 'x-mcp' ? [{ tokens, pair }] : findCuration(pair.value, [...tokens, key]);
    });
  }
  if (isSeq(node)) return node.items.flatMap((item, index) => findCuration(item, [...tokens, index]));
  return [];
}

/** RFC 9535 normalized-path style target: `$['paths']['/a/{b}']['get']`, `$['tags'][0]`. */
export function jsonPathOf(tokens: readonly (string | number)[]): string {
  return `$${tokens.map((t) => (typeof t === 'number' ? `[${t}]` : `['${t.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`)).join('')}`;
}

export function splitCuration(input: { readonly text: string; readonly title: string; readonly upstream?: string }): { contract: string; overlay: string } {
  const contract = parseDocument(input.text, { keepSourceTokens: false });
  // Vendor settings first, then each x-mcp in document order: the overlay reads top-down however the doc was laid out.
  const found = findCuration(contract.contents).sort((a, b) => Number(b.tokens.length === 0) - Number(a.tokens.length === 0));
  const overlay = new Document({ overlay: '1.1.0', info: { title: input.title, version: '1.0.0' }, actions: [] as unknown[] });
  const actions = overlay.get('actions') as unknown as { items: Node[] };
  for (const { tokens, pair } of found) {
    const action = overlay.createNode({ target: jsonPathOf(tokens), update: {} }) as unknown as { get: (k: string) => { set: (k: string, v: unknown) => void } };
    action.get('update').set('x-mcp', pair.value);
    actions.items.push(action as unknown as Node);
    const parent = tokens.length === 0 ? contract.contents : contract.getIn(tokens, true);
    if (isMap(parent)) parent.items = parent.items.filter((item) => item !== pair);
  }
  if (input.upstream !== undefined) actions.items.push(overlay.createNode({ target: '$', update: { 'x-mcp': { upstream: input.upstream } } }) as unknown as Node);
  return { contract: contract.toString({ lineWidth: 0 }), overlay: overlay.toString({ lineWidth: 0 }) };
}

function main(argv: readonly string[]): void {
  const folder = argv[0];
  if (folder === undefined) throw new Error('usage: split-curation.ts <vendor folder> [--upstream <url>]');
  const spec = path.join(folder, 'openapi.yaml');
  const upstream = argv.includes('--upstream') ? argv[argv.indexOf('--upstream') + 1] : undefined;
  const { contract, overlay } = splitCuration({ text: readFileSync(spec, 'utf8'), title: `${path.basename(folder)} curation`, ...(upstream ? { upstream } : {}) });
  writeFileSync(spec, contract);
  writeFileSync(path.join(folder, 'curation.overlay.yaml'), overlay);
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
