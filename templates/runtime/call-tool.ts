import type { CallToolResult } from '@modelcontextprotocol/server';
import { buildHttpRequest, type HttpRequest } from './http-request.ts';
import { preflightRequest, valueAtPointer } from './preflight-read.ts';
import { redact } from './redaction.ts';
import { checkDropped, disjointViolation, type FullArrayGuard } from './safeguards.ts';
import type { ToolDefinition } from './tool-definition.ts';
import { checkVariant } from './variant-check.ts';
import type { Credentials } from './vendor-credentials.ts';
import type { VendorDefinition } from './vendor-definition.ts';
import { errorResult, failureResult, successResult, type VendorResponse } from './vendor-response.ts';

export type RuntimeConfig = {
  readonly vendor: VendorDefinition;
  readonly baseUrl: string;
  readonly credentials: Credentials;
  readonly timeoutMs: number;
  readonly fetch: typeof fetch;
};

async function send(input: { readonly request: HttpRequest; readonly config: RuntimeConfig }): Promise<VendorResponse> {
  const { request, config } = input;
  const response = await config.fetch(request.url, {
    method: request.method,
    headers: request.headers,
    ...(request.body !== undefined ? { body: request.body } : {}),
    signal: AbortSignal.timeout(config.timeoutMs),
    redirect: 'manual',
  });
  return { status: response.status, statusText: response.statusText, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
}

function networkFailure(input: { readonly error: unknown; readonly request: HttpRequest; readonly config: RuntimeConfig }): CallToolResult {
  const { error, config } = input;
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

/** Validated arguments in, one HTTP request out, one result back. No retries: the caller decides. */
export async function callTool(input: { readonly tool: ToolDefinition; readonly args: Readonly<Record<string, unknown>>; readonly config: RuntimeConfig }): Promise<CallToolResult> {
  const { tool, config } = input;
  const fixed = tool.variants?.fixed;
  const args = fixed === undefined ? input.args : { ...input.args, [tool.variants!.discriminator]: fixed };
  const variantRefusal = tool.variants === undefined ? undefined : checkVariant({ family: tool.variants, args });
  if (variantRefusal !== undefined) return failureResult(variantRefusal);
  const headers = mergeHeaders([{ Accept: 'application/json', 'User-Agent': `${config.vendor.packageName}/${config.vendor.version}` }, config.vendor.headers, config.credentials.headers]);
  const built = buildHttpRequest({ binding: tool.http, args, baseUrl: config.baseUrl, headers, query: config.credentials.query });
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
  if (response.status >= 200 && response.status < 300) return successResult(response);
  return errorResult({ response, secrets: config.credentials.secrets });
}
