import type { HttpMethod, MethodClass, ToolAnnotationsIR } from '../types.ts';

type Hints = Omit<ToolAnnotationsIR, 'title'>;

/**
 * Hints derived from the HTTP method, as data. Every hint is always set explicitly: clients treat a
 * missing `readOnlyHint` as "may write" and ask the user to approve harmless reads.
 */
const BY_HTTP_METHOD: Readonly<Record<HttpMethod, Hints>> = {
  GET: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  HEAD: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  OPTIONS: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  POST: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  PUT: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  PATCH: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  DELETE: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
};

export function methodClassFor(method: string): MethodClass {
  if (method === 'list' || method === 'get') return 'read';
  if (method === 'create' || method === 'update' || method === 'delete') return 'write';
  return 'custom';
}

/** A read-class tool never writes, whatever verb the API chose (search over POST is common). */
export function deriveAnnotations(input: {
  readonly title: string;
  readonly httpMethod: HttpMethod;
  readonly methodClass: MethodClass;
  readonly overrides: Partial<Hints>;
}): ToolAnnotationsIR {
  const base = BY_HTTP_METHOD[input.httpMethod];
  const byClass: Hints = input.methodClass === 'read' ? { ...base, readOnlyHint: true, destructiveHint: false, idempotentHint: true } : base;
  return { title: input.title, ...byClass, ...input.overrides };
}
