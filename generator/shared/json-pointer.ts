/** RFC 6901 helpers. Pointers are kept without the leading `#`. */

export function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function joinPointer(base: string, ...tokens: readonly (string | number)[]): string {
  return tokens.reduce<string>((pointer, token) => `${pointer}/${escapeToken(String(token))}`, base);
}

export function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map(unescapeToken);
}

/** Follows a pointer through plain JSON data; `undefined` when any step is missing. */
export function resolvePointer(root: unknown, pointer: string): unknown {
  let node: unknown = root;
  for (const token of pointerTokens(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    // An array's own `length` is no reference token: RFC 6901 gives arrays only indices (and `-`).
    if (!Object.hasOwn(node, token) || (Array.isArray(node) && token === 'length')) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}
