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
