import type { CallToolResult } from '@modelcontextprotocol/server';
import { buildHttpRequest, type HttpRequest } from './http-request.ts';
import { conformResult } from './output-conformance.ts';
import { pageRequest, type PageRequest } from './paginate.ts';
import { cursorKey, type CursorKey } from './paging-cursor.ts';
import { preflightRequest, valueAtPointer } from './preflight-read.ts';
import { redact } from './redaction.ts';
import { checkDropped, disjointViolation, type FullArrayGuard } from './safeguards.ts';
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

async function guardFullArray(input: { readonly guard: FullArrayGuard; readonly tool: ToolDefinition; readonly args: Readonly<Record<string, unknown>>; readonly prepared: Prepared }): Promise<CallToolResult | undefined> {
  const { guard, tool, args, prepared } = input;
  const { config } = prepared;
  const built = preflightRequest({ guard, binding: tool.http, args, baseUrl: config.baseUrl, headers: prepared.headers, query: config.credentials.query });
  if ('error' in built) return failureResult(built.error);
  let response: VendorResponse;
  try {
    response = await send({ request: built.request, config });
  } catch (error) {
    return failureResult(`Could not read the current state before the write, so nothing was sent. ${(networkFailure({ error, request: built.request, config }).content[0] as { text: string }).text}`);
  }
  if (response.status < 200 || response.status >= 300) {
    return failureResult(`Could not read the current state before the write (HTTP ${response.status}), so nothing was sent. Check the id and try again.`);
  }
  let current: unknown;
  try {
    current = valueAtPointer({ value: JSON.parse(response.text) as unknown, pointer: guard.currentPointer });
  } catch {
    return failureResult('The vendor answered the pre-write read with malformed JSON, so nothing was sent.');
  }
  const check = checkDropped({ guard, current, args });
  if (check.ok) return undefined;
  return { isError: true, content: [{ type: 'text', text: check.message }], structuredContent: { refused: true, would_remove: check.dropped, confirm_with: guard.confirmArg } };
}

/** Disjoint guards need no network; full-array guards read the current state first. */
async function runSafeguards(input: { readonly tool: ToolDefinition; readonly args: Readonly<Record<string, unknown>>; readonly prepared: Prepared }): Promise<CallToolResult | undefined> {
  for (const guard of input.tool.safeguards) {
    if (guard.kind === 'disjoint') {
      const violation = disjointViolation({ guard, args: input.args });
      if (violation !== undefined) return failureResult(violation);
    }
  }
  for (const guard of input.tool.safeguards) {
    // An absent array is not a replacement: the vendor leaves the list as it is.
    if (guard.kind !== 'full-array' || input.args[guard.arg] === undefined) continue;
    const refusal = await guardFullArray({ guard, ...input });
    if (refusal !== undefined) return refusal;
  }
  return undefined;
}

const cursorKeys = new WeakMap<Credentials, CursorKey>();

/** The fixed credential keys the cursors; an OAuth grant's tokens rotate, so it gets the process key. */
function cursorKeyFor(credentials: Credentials): CursorKey {
  let key = cursorKeys.get(credentials);
  if (key === undefined) {
    const fixedSecret = credentials.tokenSource === undefined ? credentials.secrets[0] : undefined;
    key = cursorKey(fixedSecret !== undefined ? { fixedSecret } : {});
    cursorKeys.set(credentials, key);
  }
  return key;
}

/** Validated arguments in, one HTTP request out, one result back. No retries: the caller decides. */
export async function callTool(input: { readonly tool: ToolDefinition; readonly args: Readonly<Record<string, unknown>>; readonly config: RuntimeConfig }): Promise<CallToolResult> {
  return conformResult({ result: await runTool(input), schema: input.tool.outputSchema });
}

async function runTool(input: { readonly tool: ToolDefinition; readonly args: Readonly<Record<string, unknown>>; readonly config: RuntimeConfig }): Promise<CallToolResult> {
  const { tool, config } = input;
  const fixed = tool.variants?.fixed;
  const args = fixed === undefined ? input.args : { ...input.args, [tool.variants!.discriminator]: fixed };
  const variantRefusal = tool.variants === undefined ? undefined : checkVariant({ family: tool.variants, args });
  if (variantRefusal !== undefined) return failureResult(variantRefusal);
  const headers = mergeHeaders([{ Accept: 'application/json', 'User-Agent': `${config.vendor.packageName}/${config.vendor.version}` }, config.vendor.headers, config.credentials.headers]);
  let page: PageRequest | undefined;
  if (tool.pagination !== undefined) {
    const paged = pageRequest({ tool, pagination: tool.pagination, args, key: cursorKeyFor(config.credentials) });
    if ('error' in paged) return failureResult(paged.error);
    page = paged;
  }
  const built = buildHttpRequest({ binding: tool.http, args: page?.args ?? args, baseUrl: config.baseUrl, headers, query: config.credentials.query });
  if ('error' in built) return failureResult(built.error);
  if (tool.dryRun && args['dry_run'] === true) return dryRunResult({ request: built.request, config });
  const refusal = await runSafeguards({ tool, args, prepared: { headers, config } });
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
