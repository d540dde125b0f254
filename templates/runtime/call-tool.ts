import type { CallToolResult } from '@modelcontextprotocol/server';
import { carryOmitted, runSafeguards, verifyAfterWrite, type GuardRead } from './guarded-write.ts';
import { buildHttpRequest, type HttpRequest } from './http-request.ts';
import { conformResult } from './output-conformance.ts';
import { pageRequest, type PageRequest } from './paginate.ts';
import { redact, redactValue } from './redaction.ts';
import { shrinkToFit, describeCuts } from './result-size-cap.ts';
import { cursorKey, type CursorKey } from './paging-cursor.ts';
import type { ToolDefinition } from './tool-definition.ts';
import { successResult } from './tool-result.ts';
import { checkVariant } from './variant-check.ts';
import type { Credentials } from './vendor-credentials.ts';
import type { VendorDefinition } from './vendor-definition.ts';
import { errorResult, failureResult, type VendorResponse } from './vendor-response.ts';
import type { RuntimeConfig } from './runtime-config.ts';
import { mergeHeaders, networkFailure, nothingSent, send } from './vendor-send.ts';

export type { RuntimeConfig };


function parsedBody(request: HttpRequest): unknown {
  try {
    return request.body === undefined ? undefined : (JSON.parse(request.body) as unknown);
  } catch {
    return request.body; // form bodies stay as the encoded string
  }
}

/**
 * What a dry run shows: the exact request (credentials masked), after the same validation, guards
 * and pre-write reads as the real call, and within the same size limit as any result.
 */
function dryRunResult(input: { readonly request: HttpRequest; readonly config: RuntimeConfig; readonly refusal?: CallToolResult }): CallToolResult {
  const { request, config } = input;
  const secrets = config.credentials.secrets;
  const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, redact({ text: value, secrets })]));
  const body = parsedBody(request);
  const shown = { method: request.method, url: request.url, headers, ...(body !== undefined ? { body } : {}) };
  const fitted = shrinkToFit({ value: { dry_run: true, request: shown }, maxChars: config.maxResultChars });
  const structured = fitted.value as Record<string, unknown>;
  const cut = fitted.cuts.length > 0 ? [{ type: 'text' as const, text: `The request shown was cut to fit the size limit (${describeCuts(fitted.cuts)}).` }] : [];
  if (input.refusal !== undefined) {
    const reason = input.refusal.content.map((part) => (part.type === 'text' ? part.text : '')).join(' ');
    return { isError: true, content: [{ type: 'text', text: `Dry run: the real call would be refused, and nothing was sent. ${reason}` }, ...cut], structuredContent: { ...structured, would_refuse: true, ...(input.refusal.structuredContent ?? {}) } };
  }
  return { content: [{ type: 'text', text: `Dry run: the guards passed and nothing was sent.\n${JSON.stringify(structured['request'])}` }, ...cut], structuredContent: structured };
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

/** Validated arguments in, one HTTP request out, one result back, every string of it redacted. No retries: the caller decides. */
export async function callTool(input: { readonly tool: ToolDefinition; readonly args: Readonly<Record<string, unknown>>; readonly config: RuntimeConfig }): Promise<CallToolResult> {
  const result = conformResult({ result: await runTool(input), schema: input.tool.outputSchema });
  return redactValue({ value: result, secrets: input.config.credentials.secrets });
}

type Prepared = { readonly request: HttpRequest; readonly headers: Readonly<Record<string, string>>; readonly args: Readonly<Record<string, unknown>>; readonly page?: PageRequest };

/** Variant, paging and binding checks: everything that needs no network. */
function prepare(input: { readonly tool: ToolDefinition; readonly args: Readonly<Record<string, unknown>>; readonly config: RuntimeConfig }): Prepared | { readonly refusal: CallToolResult } {
  const { tool, config } = input;
  const fixed = tool.variants?.fixed;
  const args = fixed === undefined ? input.args : { ...input.args, [tool.variants!.discriminator]: fixed };
  const variantRefusal = tool.variants === undefined ? undefined : checkVariant({ family: tool.variants, args });
  if (variantRefusal !== undefined) return { refusal: failureResult(variantRefusal) };
  const headers = mergeHeaders([{ Accept: 'application/json', 'User-Agent': `${config.vendor.packageName}/${config.vendor.version}` }, config.vendor.headers, config.credentials.headers]);
  let page: PageRequest | undefined;
  if (tool.pagination !== undefined) {
    const paged = pageRequest({ tool, pagination: tool.pagination, args, key: cursorKeyFor(config.credentials) });
    if ('error' in paged) return { refusal: failureResult(paged.error) };
    page = paged;
  }
  const built = buildHttpRequest({ binding: tool.http, args: page?.args ?? args, baseUrl: config.baseUrl, headers, query: config.credentials.query });
  if ('error' in built) return { refusal: failureResult(built.error) };
  return { request: built.request, headers, args, ...(page ? { page } : {}) };
}

async function runTool(input: { readonly tool: ToolDefinition; readonly args: Readonly<Record<string, unknown>>; readonly config: RuntimeConfig }): Promise<CallToolResult> {
  const { tool, config } = input;
  const first = prepare(input);
  if ('refusal' in first) return first.refusal;
  const carried = await carryOmitted({ tool, args: first.args, headers: first.headers, config });
  // A dry run reports what the real call would meet, a failed carry-over read included.
  if ('refusal' in carried) return tool.dryRun && first.args['dry_run'] === true ? dryRunResult({ request: first.request, config, refusal: carried.refusal }) : carried.refusal;
  const prepared = carried.reads.length === 0 ? first : prepare({ ...input, args: carried.args });
  if ('refusal' in prepared) return prepared.refusal;
  const result = await sendPrepared({ tool, config, prepared, carried: carried.reads });
  return withNotes({ result, notes: carried.notes });
}

/** Notes go last, as their own text parts: the first part stays the result (or the dry-run request). */
function withNotes(input: { readonly result: CallToolResult; readonly notes: readonly string[] }): CallToolResult {
  if (input.notes.length === 0 || input.result.isError === true) return input.result;
  return { ...input.result, content: [...input.result.content, { type: 'text', text: `Note: ${input.notes.join(' ')}` }] };
}

async function sendPrepared(input: { readonly tool: ToolDefinition; readonly config: RuntimeConfig; readonly prepared: Prepared; readonly carried: readonly GuardRead[] }): Promise<CallToolResult> {
  const { tool, config, prepared } = input;
  const { request, headers, args } = prepared;
  const guarded = await runSafeguards({ tool, args, headers, config, carried: input.carried });
  if (tool.dryRun && args['dry_run'] === true) return dryRunResult({ request, config, ...('refusal' in guarded ? { refusal: guarded.refusal } : {}) });
  if ('refusal' in guarded) return guarded.refusal;
  let response: VendorResponse;
  try {
    response = await send({ request, config });
  } catch (error) {
    const failure = networkFailure({ error, request, config });
    if (nothingSent(error) || guarded.reads.length === 0) return failure;
    // The write may have been done: what the vendor holds now is the best evidence of whether it was.
    return withVerification({ result: failure, reads: guarded.reads, tool, args, headers, config, lead: LOST_ANSWER_READ_BACK });
  }
  if (response.status < 200 || response.status >= 300) return vendorError({ tool, response, method: request.method, config });
  const result = successResult({ tool, response, ...(prepared.page ? { page: prepared.page } : {}), maxChars: config.maxResultChars, secrets: config.credentials.secrets });
  if (result.isError) return result;
  return withVerification({ result, reads: guarded.reads, tool, args, headers, config, ...(response.status === 202 ? { lead: ACCEPTED_READ_BACK } : {}) });
}

/**
 * HTTP 202 says the vendor took the write to do later (RFC 9110 §15.3.3): a read-back right after
 * may not show it, and its "send them again" would then make the write twice.
 */
const ACCEPTED_READ_BACK = 'The vendor accepted the write to apply later (HTTP 202), so the list read back below may not show it yet: an entry this call sent that is missing is not lost yet. Read the resource again in a while before sending anything again.';

/** Introduces the read-back after a lost answer, whose notes are worded for a write known to have been done. */
const LOST_ANSWER_READ_BACK = 'The guarded list was read back to tell whether the write took effect: an entry this call sent that is missing means it most likely did not.';

async function withVerification(input: {
  readonly result: CallToolResult;
  readonly reads: readonly GuardRead[];
  readonly tool: ToolDefinition;
  readonly args: Readonly<Record<string, unknown>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly config: RuntimeConfig;
  readonly lead?: string;
}): Promise<CallToolResult> {
  const { result, reads } = input;
  if (reads.length === 0) return result;
  const notes = await verifyAfterWrite(input);
  const texts = input.lead === undefined ? notes : [input.lead, ...notes];
  return { ...result, content: [...result.content, ...texts.map((text) => ({ type: 'text' as const, text }))] };
}

/** Vendor field names in error bodies are reported as the tool argument the model knows. */
function vendorError(input: { readonly tool: ToolDefinition; readonly response: VendorResponse; readonly method: string; readonly config: RuntimeConfig }): CallToolResult {
  const { tool, config } = input;
  const byWire = new Map(Object.entries(tool.http.args).map(([arg, binding]) => [binding.name, arg]));
  const auth = config.vendor.auth;
  const credentialNames = auth.kind === 'none' ? [] : [auth.env];
  return errorResult({
    response: input.response,
    method: input.method,
    secrets: config.credentials.secrets,
    ...(config.vendor.errors ? { envelope: config.vendor.errors } : {}),
    argFor: (wire) => byWire.get(wire) ?? wire,
    credentialNames,
  });
}
