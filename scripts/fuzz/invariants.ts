import { isCallToolResult } from '@modelcontextprotocol/client';
import type { RecordedRequest } from '../simulator/index.ts';

export type Reply =
  | { readonly kind: 'result'; readonly result: unknown }
  | { readonly kind: 'rpc-error'; readonly code: number; readonly message: string }
  | { readonly kind: 'hang' }
  | { readonly kind: 'crash'; readonly detail: string }
  /** The SDK client threw for a reason other than a JSON-RPC error: the reply itself was malformed. */
  | { readonly kind: 'malformed'; readonly detail: string };

/** Where one argument goes; only `in` and `name` matter to the invariants. */
export type ArgPlacement = { readonly in: string; readonly name: string };

export type Observation = {
  /** The arguments as the server parsed them (after the JSON round trip). */
  readonly args: unknown;
  /** Whether `args` conforms to the tool's advertised input schema. */
  readonly validInput: boolean;
  readonly reply: Reply;
  /** What the vendor simulator received during this call. */
  readonly requests: readonly RecordedRequest[];
  readonly http: { readonly method: string; readonly path: string; readonly args: Readonly<Record<string, ArgPlacement>> };
  readonly vendor: { readonly origin: string; readonly basePath: string };
  /** Strings that must never be shown to the model: credentials, the repository path. */
  readonly secrets: readonly string[];
};

export type Violation = { readonly invariant: string; readonly detail: string };

const STACK_FRAME = /\n\s+at [^\n]*[:(]\d+:\d+|\bat (?:async )?[\w.<>]+ \((?:file:|node:|\/)|node:internal|\/node_modules\/|\.(?:ts|js|mjs|cjs):\d+:\d+/;

/** Absolute POSIX paths of the machine the server runs on. */
const FILE_PATH = /(?:^|[\s"'(=])\/(?:home|root|tmp|usr|var|opt|srv|work|Users)\/[^\s"')]+/;

/** A JavaScript exception's own message shown to the model means an error path nobody designed. */
const INTERNAL_ERROR = /URI malformed|Cannot read propert|is not a function|is not defined|is not iterable|Maximum call stack|Invalid array length|Invalid string length|Unexpected token|Unexpected end of JSON|\[object Object\]/;

function resultIsRefusal(reply: Reply): boolean {
  if (reply.kind === 'rpc-error') return true;
  return reply.kind === 'result' && (reply.result as { isError?: boolean }).isError === true;
}

/**
 * Compares a received path with the tool's template segment by segment: literal segments must be
 * equal and each variable segment must decode to exactly the argument's value, so no value can
 * add, remove or replace a segment.
 */
export function pathMismatch(input: { readonly received: string; readonly template: string; readonly values: Readonly<Record<string, unknown>> }): string | undefined {
  const want = input.template.split('/');
  const got = input.received.split('/');
  if (want.length !== got.length) return `segment count ${got.length} ≠ ${want.length}`;
  for (const [index, part] of want.entries()) {
    const variable = /^\{([^}]+)\}$/.exec(part);
    if (variable === null) {
      if (got[index] !== part) return `segment ${index} is ${JSON.stringify(got[index])}, want ${JSON.stringify(part)}`;
      continue;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(got[index]!);
    } catch {
      return `segment ${index} does not decode`;
    }
    const value = input.values[variable[1]!];
    if (decoded !== String(value)) return `segment ${index} decodes to ${JSON.stringify(decoded)}, want ${JSON.stringify(String(value))}`;
  }
  return undefined;
}

/** Path-variable name on the wire → the value the model gave for it. */
function pathValues(observation: Observation): Record<string, unknown> {
  const args = observation.args as Record<string, unknown>;
  return Object.fromEntries(Object.entries(observation.http.args).filter(([, b]) => b.in === 'path').map(([arg, b]) => [b.name, args[arg]]));
}

function replyChecks(observation: Observation): Violation[] {
  const { reply } = observation;
  if (reply.kind === 'hang') return [{ invariant: 'no-hang', detail: 'no reply within the deadline' }];
  if (reply.kind === 'crash') return [{ invariant: 'no-crash', detail: reply.detail }];
  if (reply.kind === 'malformed') return [{ invariant: 'valid-reply', detail: reply.detail }];
  if (reply.kind === 'result' && !isCallToolResult(reply.result)) return [{ invariant: 'valid-reply', detail: `not a CallToolResult: ${JSON.stringify(reply.result).slice(0, 300)}` }];
  const text = reply.kind === 'result' ? JSON.stringify(reply.result) : reply.message;
  const violations: Violation[] = [];
  const frame = STACK_FRAME.exec(text);
  if (frame !== null) violations.push({ invariant: 'no-leak', detail: `stack trace or file path in reply: ${JSON.stringify(frame[0])}` });
  const file = FILE_PATH.exec(text);
  if (file !== null && !JSON.stringify(observation.args ?? null).includes(file[0])) violations.push({ invariant: 'no-leak', detail: `a file path in the reply: ${JSON.stringify(file[0])}` });
  const internal = INTERNAL_ERROR.exec(text);
  if (internal !== null && !JSON.stringify(observation.args ?? null).includes(internal[0])) violations.push({ invariant: 'no-internal-error', detail: `a raw exception message in the reply: ${JSON.stringify(internal[0])}` });
  for (const secret of observation.secrets) if (text.includes(secret) || text.includes(JSON.stringify(secret).slice(1, -1))) violations.push({ invariant: 'no-leak', detail: 'a secret appears in the reply' });
  return violations;
}

/** The `http.method` of a tool the server answers itself (a variant family's schema tool): it never calls the vendor. */
export const ANSWERED_LOCALLY = 'LOCAL';

function requestChecks(observation: Observation): Violation[] {
  const violations: Violation[] = [];
  const { requests, http, vendor } = observation;
  if (http.method === ANSWERED_LOCALLY && requests.length > 0) violations.push({ invariant: 'local-tool-sends-nothing', detail: `${requests.length} request(s) sent by a tool answered from generated data` });
  if (!observation.validInput && requests.length > 0) violations.push({ invariant: 'invalid-input-sends-nothing', detail: `${requests.length} request(s) sent for input the schema rejects: ${requests.map((r) => `${r.method} ${r.path}`).join(', ')}` });
  if (!observation.validInput && !resultIsRefusal(observation.reply)) violations.push({ invariant: 'invalid-input-refused', detail: 'input the schema rejects was not refused' });
  for (const request of requests) {
    if (!request.valid) violations.push({ invariant: 'requests-validate', detail: `${request.method} ${request.path}: ${request.errors.join('; ')}` });
    if (request.headers['host'] !== new URL(vendor.origin).host) violations.push({ invariant: 'host-unchanged', detail: `Host header ${request.headers['host']}` });
  }
  const main = requests.filter((r) => r.method === http.method).at(-1);
  if (main !== undefined && observation.validInput) {
    const mismatch = pathMismatch({ received: main.path, template: http.path, values: pathValues(observation) });
    if (mismatch !== undefined) violations.push({ invariant: 'path-unchanged', detail: `${main.path} vs ${http.path}: ${mismatch}` });
  }
  return violations;
}

/**
 * A URL the reply says it cut to fit the size limit (`/request/url: kept N of M characters`, the
 * kept part then `…`): the kept part must still be the start of the right path. Every whole
 * segment is held to the template as pathMismatch holds it; the cut one (a partial `%XX` escape
 * at its end dropped) must decode to the start of its value. Undefined when it is.
 */
export function cutPathMismatch(input: { readonly received: string; readonly template: string; readonly values: Readonly<Record<string, unknown>> }): string | undefined {
  const want = input.template.split('/');
  const got = input.received.split('/');
  if (got.length > want.length) return `segment count ${got.length} > ${want.length}`;
  const whole = pathMismatch({ received: got.slice(0, -1).join('/'), template: want.slice(0, got.length - 1).join('/'), values: input.values });
  if (whole !== undefined) return whole;
  const index = got.length - 1;
  const part = want[index]!;
  const variable = /^\{([^}]+)\}$/.exec(part);
  const expected = variable === null ? part : String(input.values[variable[1]!]);
  const decoded = variable === null ? got[index]! : decodedStart(got[index]!);
  if (decoded === undefined) return `segment ${index} does not decode`;
  return expected.startsWith(decoded) ? undefined : `cut segment ${index} ${JSON.stringify(decoded.slice(0, 60))} does not start ${JSON.stringify(expected.slice(0, 60))}`;
}

/** A cut segment decoded: a partial `%XX` at its end dropped, then the escapes of a character cut half-way (a UTF-8 character is at most 4 bytes). */
function decodedStart(segment: string): string | undefined {
  let text = segment.replace(/%[0-9A-Fa-f]?$/, '');
  for (let dropped = 0; dropped < 4; dropped++) {
    try {
      return decodeURIComponent(text);
    } catch {
      text = text.replace(/%[0-9A-Fa-f]{2}$/, '');
    }
  }
  return undefined;
}

/** Whether a dry run's text says its URL was cut to fit the size limit (call-tool.ts, describeCuts). */
function urlWasCut(result: unknown): boolean {
  const content = (result as { content?: readonly { type?: string; text?: string }[] }).content ?? [];
  return content.some((item) => item.type === 'text' && typeof item.text === 'string' && item.text.startsWith('The request shown was cut to fit the size limit') && item.text.includes('/request/url: kept '));
}

/** A dry run reports the URL it would have used: the same host and path rules apply to it. */
function dryRunChecks(observation: Observation): Violation[] {
  const { reply, vendor, http } = observation;
  if (reply.kind !== 'result') return [];
  const request = (reply.result as { structuredContent?: { dry_run?: boolean; request?: { url?: string } } }).structuredContent;
  if (request?.dry_run !== true || typeof request.request?.url !== 'string') return [];
  const cut = urlWasCut(reply.result) && request.request.url.endsWith('…');
  const url = new URL(cut ? request.request.url.slice(0, -1) : request.request.url);
  if (url.origin !== vendor.origin) return [{ invariant: 'host-unchanged', detail: `dry run URL ${url.origin}` }];
  const received = url.pathname.startsWith(vendor.basePath) ? url.pathname.slice(vendor.basePath.length) : url.pathname;
  const mismatch = (cut ? cutPathMismatch : pathMismatch)({ received, template: http.path, values: pathValues(observation) });
  return mismatch === undefined ? [] : [{ invariant: 'path-unchanged', detail: `dry run ${received}${cut ? ' (cut to fit)' : ''} vs ${http.path}: ${mismatch}` }];
}

/** Every invariant one call must keep, checked against what the vendor simulator saw. */
export function violationsOf(observation: Observation): Violation[] {
  return [...replyChecks(observation), ...requestChecks(observation), ...dryRunChecks(observation)];
}
