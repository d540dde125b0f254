import type { JsonObject } from './types.ts';

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 6901 pointer from raw tokens, as a `#/...` fragment. */
export function pointerOf(tokens: readonly string[]): string {
  return '#/' + tokens.map((token) => token.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

export function pointerTokensOf(pointer: string): string[] {
  const body = pointer.replace(/^#\/?/, '');
  if (body === '') return [];
  return body.split('/').map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function valueAt(input: { root: unknown; pointer: string }): unknown {
  let node: unknown = input.root;
  for (const token of pointerTokensOf(input.pointer)) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (isObject(node)) node = node[token];
    else return undefined;
  }
  return node;
}

/** Follows local `$ref`s until a node without one; the pointer says where that node lives. */
export function derefLocal(input: { root: unknown; node: unknown; pointer: string }): { node: unknown; pointer: string } {
  let { node, pointer } = input;
  const seen = new Set<string>();
  while (isObject(node) && typeof node.$ref === 'string' && node.$ref.startsWith('#') && !seen.has(node.$ref)) {
    seen.add(node.$ref);
    pointer = node.$ref;
    node = valueAt({ root: input.root, pointer });
  }
  return { node, pointer };
}
