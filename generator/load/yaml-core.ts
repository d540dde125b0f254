import { isMap, isNode, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import { createDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { joinPointer } from '../shared/json-pointer.ts';

/**
 * What YAML 1.1 habits would make of an OpenAPI document, refused where they stand. OpenAPI 3.x is
 * YAML 1.2, read with the core schema (yaml-positions.ts), where a tag that schema does not resolve
 * (`!!binary`, `!!set`, `!!timestamp`, `!foo`) leaves plain text or a map of nulls behind, and a
 * `<<` merge key is an ordinary key: either way the document would silently mean something else.
 */

/** The parser's warnings for a tag the core schema does not resolve, or one on the wrong kind of node. */
const TAG_WARNINGS: ReadonlySet<string> = new Set(['TAG_RESOLVE_FAILED', 'BAD_COLLECTION_TYPE']);

type Placed = { readonly node: Node; readonly pointer: string; readonly isKey: boolean };

/** A map key as the pointer token toJS gives it: scalars by their value, anything else as text. */
function keyToken(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

function childrenOf(placed: Placed): Placed[] {
  const { node, pointer } = placed;
  if (isMap(node)) {
    return node.items.flatMap((pair) => {
      const at = joinPointer(pointer, keyToken(pair.key));
      const key: Placed[] = isNode(pair.key) ? [{ node: pair.key, pointer: at, isKey: true }] : [];
      return isNode(pair.value) ? [...key, { node: pair.value, pointer: at, isKey: false }] : key;
    });
  }
  if (isSeq(node)) return node.items.flatMap((item, index) => (isNode(item) ? [{ node: item, pointer: joinPointer(pointer, index), isKey: false }] : []));
  return [];
}

/**
 * Every node with its JSON pointer (a key carries its value's), in document order. An explicit
 * stack, not recursion: a hostile document nests deep. Aliases are not followed: their anchor is
 * met where it is written.
 */
function placedNodes(document: Document): Placed[] {
  const placed: Placed[] = [];
  const stack: Placed[] = isNode(document.contents) ? [{ node: document.contents, pointer: '', isKey: false }] : [];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    placed.push(next);
    const children = childrenOf(next);
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!);
  }
  return placed;
}

type Input = { readonly file: string; readonly text: string; readonly document: Document; readonly lineCounter: LineCounter };

function at(input: Input & { readonly offset: number; readonly pointer: string }) {
  const { line, col } = input.lineCounter.linePos(input.offset);
  return { file: input.file, pointer: input.pointer, line, column: col };
}

/**
 * A tag precedes its node: the node it belongs to is the first, in document order, that starts at
 * or after the tag's end. Nodes start in document order, so a binary search finds it (a hostile
 * document may hold thousands of tags).
 */
function taggedNode(input: { readonly nodes: readonly Placed[]; readonly tagEnd: number }): Placed | undefined {
  let [low, high] = [0, input.nodes.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((input.nodes[middle]!.node.range?.[0] ?? -1) >= input.tagEnd) high = middle;
    else low = middle + 1;
  }
  return input.nodes[low];
}

function tagDiagnostics(input: Input & { readonly nodes: () => readonly Placed[] }): Diagnostic[] {
  return input.document.warnings
    .filter((warning) => TAG_WARNINGS.has(warning.code))
    .map((warning) => {
      const [start, end] = warning.pos;
      const tagged = taggedNode({ nodes: input.nodes(), tagEnd: end });
      const tag = input.text.slice(start, end);
      return createDiagnostic({
        code: 'VMCP_YAML_TAG_UNSUPPORTED',
        message: `YAML tag ${tag} is refused: OpenAPI documents are read with the YAML 1.2 core schema, which does not resolve it here (${warning.message.split('\n')[0]})`,
        location: at({ ...input, offset: start, pointer: tagged?.pointer ?? '' }),
      });
    });
}

function mergeKeyDiagnostics(input: Input & { readonly nodes: () => readonly Placed[] }): Diagnostic[] {
  // Quoted, "<<" is a key the author meant; plain, it is YAML 1.1's merge key.
  if (!input.text.includes('<<')) return [];
  return input.nodes()
    .filter(({ node, isKey }) => isKey && isScalar(node) && node.type === 'PLAIN' && node.value === '<<')
    .map(({ node, pointer }) =>
      createDiagnostic({
        code: 'VMCP_YAML_MERGE_KEY',
        message: 'Merge key << is refused: merge keys are not part of YAML 1.2, so these fields would not be merged into the map',
        location: at({ ...input, offset: node.range?.[0] ?? 0, pointer }),
      }),
    );
}

/** Tags and merge keys YAML 1.2 does not give the meaning their author expected; none in a plain document. */
export function yamlCoreDiagnostics(input: Input): Diagnostic[] {
  let nodes: readonly Placed[] | undefined;
  // Placed only when something needs a pointer: most documents have no tag and no "<<".
  const lazyNodes = () => (nodes ??= placedNodes(input.document));
  return [...tagDiagnostics({ ...input, nodes: lazyNodes }), ...mergeKeyDiagnostics({ ...input, nodes: lazyNodes })];
}
