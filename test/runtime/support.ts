import * as z from 'zod';
import type { RuntimeConfig } from '../../templates/runtime/call-tool.ts';
import type { HttpBinding, ToolDefinition } from '../../templates/runtime/tool-definition.ts';
import type { Credentials } from '../../templates/runtime/vendor-credentials.ts';
import type { VendorDefinition } from '../../templates/runtime/vendor-definition.ts';

/** Hand-written fixtures shared by the runtime tests; nothing here is generated. */
export const ACME: VendorDefinition = {
  packageName: '@vendor-mcp/acme',
  version: '1.2.3',
  title: 'Acme',
  binName: 'acme-mcp',
  baseUrlEnv: 'ACME_BASE_URL',
  baseUrl: 'https://api.acme.test/v1',
  envPrefix: 'ACME',
  auth: { kind: 'bearer', env: 'ACME_TOKEN' },
  headers: {},
};

export const TOKEN = 'tok_live_123456';

export const BEARER: Credentials = { headers: { Authorization: `Bearer ${TOKEN}` }, query: [], secrets: [TOKEN] };

/** A response as `fetch` would give it, with headers that `Headers` normalizes. */
export function vendorResponse(input: { readonly status: number; readonly statusText?: string; readonly contentType?: string; readonly text: string; readonly headers?: Record<string, string>; readonly receivedAt?: number }) {
  const contentType = input.contentType ?? 'application/json';
  return {
    status: input.status,
    statusText: input.statusText ?? '',
    contentType,
    text: input.text,
    headers: new Headers({ ...(contentType ? { 'content-type': contentType } : {}), ...input.headers }),
    receivedAt: input.receivedAt ?? Date.parse('2026-11-22T12:00:00Z'),
  };
}

export function tool(input: {
  readonly name: string;
  readonly http: HttpBinding;
  readonly input?: ToolDefinition['input'];
  readonly inputSchema?: ToolDefinition['inputSchema'];
  readonly outputSchema?: ToolDefinition['outputSchema'];
  readonly pagination?: ToolDefinition['pagination'];
}): ToolDefinition {
  return {
    name: input.name,
    title: input.name,
    description: `${input.name} description`,
    methodClass: 'custom',
    method: 'run',
    tags: [],
    annotations: { title: input.name, readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    inputSchema: input.inputSchema ?? { type: 'object', properties: {}, additionalProperties: false },
    input: input.input ?? (() => z.strictObject({})),
    outputSchema: input.outputSchema ?? { type: 'object' },
    http: input.http,
    ...(input.pagination ? { pagination: input.pagination } : {}),
    safeguards: [],
    dryRun: false,
    source: { file: 'vendor-docs/acme/openapi.yaml', pointer: `/paths/${input.name}` },
  };
}

/** What the runtime handed to `fetch`, minus the abort signal. */
export type SentRequest = { readonly url: string; readonly method: string | undefined; readonly headers: unknown; readonly body: unknown; readonly redirect: string | undefined };

/** A `fetch` that records every call and answers with `respond()`. */
export function recordingFetch(respond: (init: RequestInit) => Response | Promise<Response>): { readonly fetch: typeof fetch; readonly sent: SentRequest[] } {
  const sent: SentRequest[] = [];
  const stub = async (url: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    sent.push({ url: String(url), method: init.method, headers: init.headers, body: init.body, redirect: init.redirect });
    return respond(init);
  };
  return { fetch: stub as typeof fetch, sent };
}

export function config(input: { readonly fetch: typeof fetch; readonly vendor?: VendorDefinition; readonly baseUrl?: string; readonly credentials?: Credentials; readonly timeoutMs?: number; readonly maxResultChars?: number; readonly maxResponseBytes?: number }): RuntimeConfig {
  return {
    vendor: input.vendor ?? ACME,
    baseUrl: input.baseUrl ?? ACME.baseUrl,
    credentials: input.credentials ?? BEARER,
    timeoutMs: input.timeoutMs ?? 5_000,
    maxResultChars: input.maxResultChars ?? 75_000,
    maxResponseBytes: input.maxResponseBytes ?? 8 * 1024 * 1024,
    fetch: input.fetch,
  };
}
