import type { CallToolResult } from '@modelcontextprotocol/server';
import { buildHttpRequest, type HttpRequest } from './http-request.ts';
import { conformResult } from './output-conformance.ts';
import { pageRequest, type PageRequest } from './paginate.ts';
import { preflightRequest, valueAtPointer } from './preflight-read.ts';
import { redact } from './redaction.ts';
import { carriedList, checkDropped, disjointViolation, type FullArrayGuard } from './safeguards.ts';
import type { ToolDefinition } from './tool-definition.ts';
import { successResult } from './tool-result.ts';
import { checkVariant } from './variant-check.ts';
import type { Credentials } from './vendor-credentials.ts';
import type { VendorDefinition } from './vendor-definition.ts';
import { errorResult, failureResult, type VendorResponse } from './vendor-response.ts';

export type RuntimeConfig = {
  readonly vendor: VendorDefinition;
  readonly baseUrl: string;
  readonly credentials: Credentials;
  readonly timeoutMs: number;
  /** Results longer than this (as JSON text) are cut, and say so. */
  readonly maxResultChars: number;
  readonly fetch: typeof fetch;
};

class TokenUnavailable extends Error {}

async function sendOnce(input: { readonly request: HttpRequest; readonly config: RuntimeConfig; readonly token?: string }): Promise<VendorResponse> {
  const { request, config } = input;
  const headers = input.token === undefined ? request.headers : mergeHeaders([request.headers, { Authorization: `Bearer ${input.token}` }]);
  const response = await config.fetch(request.url, {
    method: request.method,
    headers,
    ...(request.body !== undefined ? { body: request.body } : {}),
    signal: AbortSignal.timeout(config.timeoutMs),
    redirect: 'manual',
  });
  const text = await response.text();
  return { status: response.status, statusText: response.statusText, contentType: response.headers.get('content-type') ?? '', text, headers: response.headers, receivedAt: Date.now() };
}

/**
 * One request to the vendor. With an OAuth token source, a 401 means the token died early: it is
 * renewed and the request sent once more. That is the only resend; everything else is the caller's call.
 */
async function send(input: { readonly request: HttpRequest; readonly config: RuntimeConfig }): Promise<VendorResponse> {
  const source = input.config.credentials.tokenSource;
  if (source === undefined) return sendOnce(input);
  const first = await source.token();
  if ('error' in first) throw new TokenUnavailable(first.error);
  const response = await sendOnce({ ...input, token: first.token });
  if (response.status !== 401) return response;
  source.invalidate(first.token);
  const renewed = await source.token();
  if ('error' in renewed) throw new TokenUnavailable(renewed.error);
  return sendOnce({ ...input, token: renewed.token });
}

function networkFailure(input: { readonly error: unknown; readonly request: HttpRequest; readonly config: RuntimeConfig }): CallToolResult {
  const { error, config } = input;
  if (error instanceof TokenUnavailable) return failureResult(redact({ text: error.message, secrets: config.credentials.secrets }));
  const host = new URL(input.request.url).host;
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return failureResult(`The vendor did not answer within ${config.timeoutMs} ms (${host}). Nothing is known about whether the request took effect; read the resource before retrying a write.`);
  }
  const cause = error instanceof Error && error.cause instanceof Error ? (error.cause as Error & { code?: string }).code ?? error.cause.message : String(error);
  return failureResult(redact({ text: `Could not reach the vendor at ${host}: ${cause}.`, secrets: config.credentials.secrets }));
}

/** Header names are case-insensitive: a later `accept` replaces an earlier `Accept` instead of joining it. */
export function mergeHeaders(layers: readonly Readonly<Record<string, string>>[]): Record<string, string> {
  const merged = new Map<string, [string, string]>();
  for (const layer of layers) for (const [name, value] of Object.entries(layer)) merged.set(name.toLowerCase(), [name, value]);
  return Object.fromEntries(merged.values());
}

/** What a dry run shows: the exact request, with credentials masked. */
function dryRunResult(input: { readonly request: HttpRequest; readonly config: RuntimeConfig }): CallToolResult {
  const { request, config } = input;
  const secrets = config.credentials.secrets;
  const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, redact({ text: value, secrets })]));
  let body: unknown = request.body;
  try {
    body = request.body === undefined ? undefined : (JSON.parse(request.body) as unknown);
  } catch {
    // form bodies stay as the encoded string
  }
  const structured = { dry_run: true, request: { method: request.method, url: redact({ text: request.url, secrets }), headers, ...(body !== undefined ? { body } : {}) } };
  return { content: [{ type: 'text', text: `Dry run: nothing was sent.\n${JSON.stringify(structured.request)}` }], structuredContent: structured };
}

type Prepared = { readonly headers: Readonly<Record<string, string>>; readonly config: RuntimeConfig };

type GuardInput = { readonly guard: FullArrayGuard; readonly tool: ToolDefinition; readonly args: Readonly<Record<string, unknown>>; readonly prepared: Prepared };

/** The list the guarded write would replace, read fresh; any failure refuses the write. */
async function readCurrent(input: GuardInput): Promise<{ readonly current: unknown } | { readonly refusal: CallToolResult }> {
  const { guard, tool, args, prepared } = input;
  const { config } = prepared;
  const built = preflightRequest({ guard, binding: tool.http, args, baseUrl: config.baseUrl, headers: prepared.headers, query: config.credentials.query });
  if ('error' in built) return { refusal: failureResult(built.error) };
  let response: VendorResponse;
  try {
    response = await send({ request: built.request, config });
  } catch (error) {
    return { refusal: failureResult(`Could not read the current state before the write, so nothing was sent. ${(networkFailure({ error, request: built.request, config }).content[0] as { text: string }).text}`) };
  }
  if (response.status < 200 || response.status >= 300) {
    return { refusal: failureResult(`Could not read the current state before the write (HTTP ${response.status}), so nothing was sent. Check the id and try again.`) };
  }
  try {
    return { current: valueAtPointer({ value: JSON.parse(response.text) as unknown, pointer: guard.currentPointer }) };
  } catch {
    return { refusal: failureResult('The vendor answered the pre-write read with malformed JSON, so nothing was sent.') };
  }
}

async function guardFullArray(input: GuardInput): Promise<CallToolResult | undefined> {
  const { guard, args } = input;
  const read = await readCurrent(input);
  if ('refusal' in read) return read.refusal;
  const current = read.current;
  const check = checkDropped({ guard, current, args });
  if (check.ok) return undefined;
  return { isError: true, content: [{ type: 'text', text: check.message }], structuredContent: { refused: true, would_remove: check.dropped, confirm_with: guard.confirmArg } };
}

/** Disjoint guards need no network; full-array guards read the current state first. */
async function runSafeguards(input: { readonly tool: ToolDefinition; readonly args: Readonly<Record<string, unknown>>; readonly prepared: Prepared; readonly carried: readonly string[] }): Promise<CallToolResult | undefined> {
  for (const guard of input.tool.safeguards) {
    if (guard.kind === 'disjoint') {
      const violation = disjointViolation({ guard, args: input.args });
      if (violation !== undefined) return failureResult(violation);
    }
  }
  for (const guard of input.tool.safeguards) {
    // An absent array is not a replacement: the vendor leaves the list as it is.
    // A carried list was just read and is sent back as it is: nothing can be dropped.
    if (guard.kind !== 'full-array' || input.args[guard.arg] === undefined || input.carried.includes(guard.arg)) continue;
    const refusal = await guardFullArray({ guard, ...input });
    if (refusal !== undefined) return refusal;
  }
  return undefined;
}

type Carried = { readonly args: Readonly<Record<string, unknown>>; readonly carried: readonly string[]; readonly notes: readonly string[] } | { readonly refusal: CallToolResult };

/**
 * A guarded list the model left out is read and sent back unchanged, so a write that means to change
 * something else (an email) can never clear the list by omission. The result says so.
 */
async function carryOmitted(input: { readonly tool: ToolDefinition; readonly args: Readonly<Record<string, unknown>>; readonly prepared: Prepared }): Promise<Carried> {
  let args = input.args;
  const notes: string[] = [];
  const names: string[] = [];
  for (const guard of input.tool.safeguards) {
    if (guard.kind !== 'full-array' || guard.carryOver !== true || args[guard.arg] !== undefined) continue;
    // A dry run contacts nobody, not even for a read: it says what a real call would add.
    if (input.tool.dryRun && args['dry_run'] === true) {
      notes.push(`"${guard.arg}" was not given: a real call reads its current entries first and sends them back unchanged.`);
      continue;
    }
    const read = await readCurrent({ guard, tool: input.tool, args, prepared: input.prepared });
    if ('refusal' in read) return read;
    const carried = carriedList({ guard, current: read.current });
    args = { ...args, [guard.arg]: carried };
    names.push(guard.arg);
    notes.push(`"${guard.arg}" was not given, so its ${carried.length} current entr${carried.length === 1 ? 'y was' : 'ies were'} read first and sent back unchanged: ${JSON.stringify(carried)}.`);
  }
  return { args, carried: names, notes };
}

function withNotes(input: { readonly result: CallToolResult; readonly notes: readonly string[] }): CallToolResult {
  if (input.notes.length === 0 || input.result.isError === true) return input.result;
  // Appended as its own text part: the first part stays the result (or the dry-run request) as before.
  return { ...input.result, content: [...input.result.content, { type: 'text', text: `Note: ${input.notes.join(' ')}` }] };
}

/** Validated arguments in, one HTTP request out, one result back. No retries: the caller decides. */
export async function callTool(input: { readonly tool: ToolDefinition; readonly args: Readonly<Record<string, unknown>>; readonly config: RuntimeConfig }): Promise<CallToolResult> {
  return conformResult({ result: await runTool(input), schema: input.tool.outputSchema });
}

async function runTool(input: { readonly tool: ToolDefinition; readonly args: Readonly<Record<string, unknown>>; readonly config: RuntimeConfig }): Promise<CallToolResult> {
  const { tool, config } = input;
  const fixed = tool.variants?.fixed;
  const given = fixed === undefined ? input.args : { ...input.args, [tool.variants!.discriminator]: fixed };
  const variantRefusal = tool.variants === undefined ? undefined : checkVariant({ family: tool.variants, args: given });
  if (variantRefusal !== undefined) return failureResult(variantRefusal);
  const headers = mergeHeaders([{ Accept: 'application/json', 'User-Agent': `${config.vendor.packageName}/${config.vendor.version}` }, config.vendor.headers, config.credentials.headers]);
  const carried = await carryOmitted({ tool, args: given, prepared: { headers, config } });
  if ('refusal' in carried) return carried.refusal;
  return withNotes({ result: await sendTool({ tool, config, args: carried.args, headers, carried: carried.carried }), notes: carried.notes });
}

async function sendTool(input: { readonly tool: ToolDefinition; readonly config: RuntimeConfig; readonly args: Readonly<Record<string, unknown>>; readonly headers: Readonly<Record<string, string>>; readonly carried: readonly string[] }): Promise<CallToolResult> {
  const { tool, config, args, headers } = input;
  let page: PageRequest | undefined;
  if (tool.pagination !== undefined) {
    const paged = pageRequest({ tool, pagination: tool.pagination, args });
    if ('error' in paged) return failureResult(paged.error);
    page = paged;
  }
  const built = buildHttpRequest({ binding: tool.http, args: page?.args ?? args, baseUrl: config.baseUrl, headers, query: config.credentials.query });
  if ('error' in built) return failureResult(built.error);
  if (tool.dryRun && args['dry_run'] === true) return dryRunResult({ request: built.request, config });
  const refusal = await runSafeguards({ tool, args, prepared: { headers, config }, carried: input.carried });
  if (refusal !== undefined) return refusal;
  let response: VendorResponse;
  try {
    response = await send({ request: built.request, config });
  } catch (error) {
    return networkFailure({ error, request: built.request, config });
  }
  if (response.status >= 200 && response.status < 300) {
    return successResult({ tool, response, ...(page ? { page } : {}), maxChars: config.maxResultChars, secrets: config.credentials.secrets });
  }
  return vendorError({ tool, response, config });
}

/** Vendor field names in error bodies are reported as the tool argument the model knows. */
function vendorError(input: { readonly tool: ToolDefinition; readonly response: VendorResponse; readonly config: RuntimeConfig }): CallToolResult {
  const { tool, config } = input;
  const byWire = new Map(Object.entries(tool.http.args).map(([arg, binding]) => [binding.name, arg]));
  const auth = config.vendor.auth;
  const credentialNames = auth.kind === 'none' ? [] : [auth.env];
  return errorResult({
    response: input.response,
    secrets: config.credentials.secrets,
    ...(config.vendor.errors ? { envelope: config.vendor.errors } : {}),
    argFor: (wire) => byWire.get(wire) ?? wire,
    credentialNames,
  });
}
