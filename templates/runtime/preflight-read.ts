import { buildHttpRequest, type HttpRequest } from './http-request.ts';
import type { FullArrayGuard } from './safeguards.ts';
import type { HttpBinding } from './tool-definition.ts';

/** The GET that reads the current resource: same path arguments as the write, nothing else. */
export function preflightRequest(input: {
  readonly guard: FullArrayGuard;
  readonly binding: HttpBinding;
  readonly args: Readonly<Record<string, unknown>>;
  readonly baseUrl: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly query: readonly string[];
}): { readonly request: HttpRequest } | { readonly error: string } {
  const pathArgs = Object.fromEntries(Object.entries(input.binding.args).filter(([, b]) => b.in === 'path'));
  const binding: HttpBinding = { method: 'GET', path: input.guard.readPath, args: pathArgs };
  return buildHttpRequest({ binding, args: input.args, baseUrl: input.baseUrl, headers: input.headers, query: input.query });
}

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
