import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { pointerTokens } from '../shared/json-pointer.ts';
import type { SourcePosition } from './loaded-document.ts';

/** Walks the YAML AST along a pointer; returns the deepest node reached, so a bad key still points near it. */
function nodeAt(document: Document, pointer: string): Node | undefined {
  let node: unknown = document.contents;
  let reached: Node | undefined = document.contents ?? undefined;
  for (const token of pointerTokens(pointer)) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === token);
      if (pair === undefined) return reached;
      reached = (pair.key as Node) ?? reached;
      node = pair.value;
    } else if (isSeq(node)) {
      node = node.items[Number(token)];
      if (node === undefined) return reached;
      reached = node as Node;
    } else {
      return reached;
    }
  }
  return reached;
}

export function yamlLocator(input: { readonly document: Document; readonly lineCounter: LineCounter }) {
  return (pointer: string): SourcePosition | undefined => {
    const node = nodeAt(input.document, pointer);
    const offset = node?.range?.[0];
    if (offset === undefined) return undefined;
    const { line, col } = input.lineCounter.linePos(offset);
    return { line, column: col };
  };
}

/**
 * OpenAPI 3.x documents are YAML 1.2, so every one is read with the 1.2 core schema, even under a
 * `%YAML 1.1` line: there `y` and `off` would be booleans and `010` octal. `schema` overrides the
 * schema a directive picks; `resolveKnownTags: false` keeps `!!binary`, `!!set`, `!!timestamp`…
 * unresolved, so they warn and are refused where they stand (yaml-core.ts), never become a Buffer,
 * a Date or a Set.
 */
export function parseYamlText(text: string) {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, schema: 'core', resolveKnownTags: false, uniqueKeys: true, merge: false, prettyErrors: false, strict: true });
  return { document, lineCounter };
}
