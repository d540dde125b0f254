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

/** Methods that change the resource by definition (RFC 9110): no reason makes them read-only. */
const ALWAYS_WRITES: ReadonlySet<HttpMethod> = new Set(['PUT', 'PATCH', 'DELETE']);

export function methodClassFor(method: string): MethodClass {
  if (method === 'list' || method === 'get') return 'read';
  if (method === 'create' || method === 'update' || method === 'delete') return 'write';
  return 'custom';
}

/**
 * Why a tool's class (or its `readOnlyHint` override) contradicts its HTTP method, or undefined.
 * `--read-only` exposes every read-only tool, so a spec that calls a DELETE a `get` would hand a
 * model a destructive call it believes harmless. A POST that only searches is real, so a read on
 * POST (and a write on GET) stands when the doc gives its reason (`x-mcp.classReason`).
 */
export function methodClassConflict(input: {
  readonly httpMethod: HttpMethod;
  readonly methodClass: MethodClass;
  readonly overrides: Partial<Hints>;
  readonly classReason?: string;
}): string | undefined {
  const safe = BY_HTTP_METHOD[input.httpMethod].readOnlyHint;
  const claimsRead = input.methodClass === 'read' || input.overrides.readOnlyHint === true;
  // A bare `readOnlyHint: false` on a GET only makes clients ask first: cautious, so not a conflict.
  const claimsWrite = input.methodClass === 'write';
  if (claimsRead && ALWAYS_WRITES.has(input.httpMethod)) return `an HTTP ${input.httpMethod} changes the resource, so it cannot be a read-only tool (class ${input.methodClass}${input.overrides.readOnlyHint === true ? ', readOnlyHint: true' : ''})`;
  if (input.classReason !== undefined) return undefined;
  if (claimsRead && !safe) return `an HTTP ${input.httpMethod} is declared read-only (class ${input.methodClass}${input.overrides.readOnlyHint === true ? ', readOnlyHint: true' : ''}) without x-mcp.classReason saying why`;
  if (claimsWrite && safe) return `an HTTP ${input.httpMethod} is declared to write (class write) without x-mcp.classReason saying why`;
  return undefined;
}

/** The class decides read-only-ness where it departs from the verb (a reasoned POST search, a GET that writes). */
export function deriveAnnotations(input: {
  readonly title: string;
  readonly httpMethod: HttpMethod;
  readonly methodClass: MethodClass;
  readonly overrides: Partial<Hints>;
}): ToolAnnotationsIR {
  const base = BY_HTTP_METHOD[input.httpMethod];
  const byClass: Hints =
    input.methodClass === 'read' ? { ...base, readOnlyHint: true, destructiveHint: false, idempotentHint: true } : input.methodClass === 'write' ? { ...base, readOnlyHint: false } : base;
  return { title: input.title, ...byClass, ...input.overrides };
}
