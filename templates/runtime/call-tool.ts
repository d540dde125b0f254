import type { CallToolResult } from '@modelcontextprotocol/server';
import { buildHttpRequest, type HttpRequest } from './http-request.ts';
import { redact } from './redaction.ts';
import type { ToolDefinition } from './tool-definition.ts';
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

/** Validated arguments in, one HTTP request out, one result back. No retries: the caller decides. */
export async function callTool(input: { readonly tool: ToolDefinition; readonly args: Readonly<Record<string, unknown>>; readonly config: RuntimeConfig }): Promise<CallToolResult> {
  const { tool, args, config } = input;
  const built = buildHttpRequest({
    binding: tool.http,
    args,
    baseUrl: config.baseUrl,
    headers: mergeHeaders([{ Accept: 'application/json' }, config.vendor.headers, config.credentials.headers]),
    query: config.credentials.query,
  });
  if ('error' in built) return failureResult(built.error);
  let response: VendorResponse;
  try {
    response = await send({ request: built.request, config });
  } catch (error) {
    return networkFailure({ error, request: built.request, config });
  }
  if (response.status >= 200 && response.status < 300) return successResult(response);
  return errorResult({ response, secrets: config.credentials.secrets });
}
