/**
 * An array's own properties are its indices and `length`; RFC 6901 gives an array only indices (and
 * `-`), so `/items/length` names nothing rather than the count.
 */
function isArrayLength(input: { readonly node: object; readonly token: string }): boolean {
  return Array.isArray(input.node) && input.token === 'length';
}

/** RFC 6901 lookup in a parsed response body. */
export function valueAtPointer(input: { readonly value: unknown; readonly pointer: string }): unknown {
  if (input.pointer === '') return input.value;
  let node: unknown = input.value;
  for (const raw of input.pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, token) || isArrayLength({ node, token })) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}
