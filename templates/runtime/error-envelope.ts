import { valueAtPointer } from './json-pointer.ts';

/** Where a vendor's error body keeps its parts, declared in the vendor doc (`x-mcp.errors`). */
export type ErrorEnvelope = {
  /** Pointers tried in order; each may hold a string or a list of strings. */
  readonly message: readonly string[];
  readonly code?: string;
  readonly requestId?: string;
  /** An object keyed by field name, each entry holding a numeric or string code. */
  readonly fields?: { readonly at: string; readonly code: string; readonly codes: Readonly<Record<string, string>> };
  /** What to do, by HTTP status, in the vendor's own terms. */
  readonly hints: Readonly<Record<string, string>>;
};

export type FieldProblem = { readonly field: string; readonly code?: string; readonly problem: string };

export type VendorError = {
  readonly message?: string;
  readonly code?: string;
  readonly requestId?: string;
  readonly fields: readonly FieldProblem[];
};

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) return value.join('; ');
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** Without a declared envelope: the places most vendors put a human message, in order. */
const COMMON_MESSAGES = ['/message', '/error/message', '/error', '/detail', '/title', '/error_description'];

function fieldProblems(input: { readonly body: unknown; readonly fields: NonNullable<ErrorEnvelope['fields']>; readonly argFor: (wire: string) => string }): FieldProblem[] {
  const details = valueAtPointer({ value: input.body, pointer: input.fields.at });
  if (typeof details !== 'object' || details === null || Array.isArray(details)) return [];
  return Object.entries(details).map(([wire, entry]) => {
    const code = textOf(valueAtPointer({ value: entry, pointer: input.fields.code })) ?? textOf(entry);
    const problem = (code !== undefined ? input.fields.codes[code] : undefined) ?? (code !== undefined ? `was rejected (code ${code})` : 'was rejected');
    return { field: input.argFor(wire), ...(code !== undefined ? { code } : {}), problem };
  });
}

/** Reads a parsed vendor error body through the declared envelope (or common guesses without one). */
export function readVendorError(input: { readonly body: unknown; readonly envelope?: ErrorEnvelope; readonly argFor: (wire: string) => string }): VendorError {
  const { body, envelope } = input;
  const pointers = envelope?.message ?? COMMON_MESSAGES;
  const message = pointers.map((pointer) => textOf(valueAtPointer({ value: body, pointer }))).find((text) => text !== undefined);
  const code = envelope?.code === undefined ? undefined : textOf(valueAtPointer({ value: body, pointer: envelope.code }));
  const requestId = envelope?.requestId === undefined ? undefined : textOf(valueAtPointer({ value: body, pointer: envelope.requestId }));
  const fields = envelope?.fields === undefined ? [] : fieldProblems({ body, fields: envelope.fields, argFor: input.argFor });
  return { ...(message !== undefined ? { message } : {}), ...(code !== undefined ? { code } : {}), ...(requestId !== undefined ? { requestId } : {}), fields };
}

/** Said wherever a write's fate is unknown, so a model reads before it retries instead of sending it twice. */
export const UNCERTAIN_WRITE = 'A write may or may not have taken effect: read the resource before retrying.';

const READ_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD']);

/** Anything but GET and HEAD may change vendor data, so a lost answer to it leaves the data's state unknown. */
export function isWrite(method: string): boolean {
  return !READ_METHODS.has(method);
}

/** Redirects are deliberately not followed and a 1xx is no final answer, yet the vendor may have acted on the write already. */
function unansweredWrite(input: { readonly status: number; readonly method: string }): boolean {
  const notFinal = input.status < 200 || (input.status >= 300 && input.status < 400);
  return notFinal && isWrite(input.method);
}

/** What a model should do next, by status (and method: a write left without an answer), unless the vendor doc says it better. */
export function nextStep(input: { readonly status: number; readonly method: string; readonly hints: Readonly<Record<string, string>>; readonly credentialNames: readonly string[] }): string {
  const declared = input.hints[String(input.status)];
  if (declared !== undefined) return declared;
  const { status } = input;
  if (status === 400 || status === 422) return 'Fix the arguments named above and call again.';
  if (status === 401) return `The vendor rejected the server's credentials${input.credentialNames.length > 0 ? ` (${input.credentialNames.join(', ')})` : ''}; the operator must renew them. Retrying will not help.`;
  if (status === 403) return 'The credentials are valid but lack permission for this; retrying will not help.';
  if (status === 404) return 'Nothing exists there: check the id, or list or search to find the right one.';
  if (status === 409) return 'It conflicts with the current state: read the resource, then decide.';
  if (status === 429) return 'The vendor is rate limiting: wait before calling again.';
  if (status >= 500) return `The vendor failed. ${UNCERTAIN_WRITE}`;
  if (unansweredWrite(input)) return `No final answer came back (redirects are not followed). ${UNCERTAIN_WRITE}`;
  return 'Check the arguments and the vendor message above.';
}

export function describeFields(fields: readonly FieldProblem[]): string {
  return fields.map((f) => `${f.field} ${f.problem}${f.code !== undefined ? ` (${f.code})` : ''}`).join('; ');
}
