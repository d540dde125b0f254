import type { CallToolResult } from '@modelcontextprotocol/server';
import { conformToSchema } from './output-conformance.ts';
import { shapePage, type PageRequest } from './paginate.ts';
import { readRateLimit } from './rate-limit-headers.ts';
import { describeCuts, shrinkToFit, type Cut } from './result-size-cap.ts';
import type { ToolDefinition } from './tool-definition.ts';
import { bodyGlimpse, failureResult, parseBody, rateLimitFields, toStructured, type VendorResponse } from './vendor-response.ts';

function notes(input: { readonly cuts: readonly Cut[]; readonly withheld: number; readonly dropped: readonly string[]; readonly paged: boolean; readonly ended?: string }): string[] {
  const lines: string[] = [];
  if (input.ended !== undefined) lines.push(input.ended);
  if (input.withheld > 0) lines.push(`${input.withheld} more item(s) of this page did not fit the result size limit; pass next_cursor to get them.`);
  if (input.cuts.length > 0) {
    const how = input.paged ? 'ask for fewer items with a smaller limit' : 'narrow the request (fewer fields or items) to see the rest';
    lines.push(`The result was cut to fit the size limit (${describeCuts(input.cuts)}); ${how}.`);
  }
  if (input.dropped.length > 0) lines.push(`These values did not match the documented types and were left out of structuredContent (they are in this text): ${input.dropped.join(', ')}.`);
  return lines;
}

/**
 * A 2xx answer → `structuredContent` valid against the tool's `outputSchema`, a compact JSON text,
 * the rate-limit headers in `_meta`, and a note for anything cut or left out.
 */
export function successResult(input: { readonly tool: ToolDefinition; readonly response: VendorResponse; readonly page?: PageRequest; readonly maxChars: number; readonly secrets: readonly string[] }): CallToolResult {
  const { tool, response } = input;
  const parsed = parseBody({ response, secrets: input.secrets });
  if ('malformed' in parsed) {
    return failureResult(`The vendor answered HTTP ${response.status} with ${parsed.malformed}: ${bodyGlimpse({ response, secrets: input.secrets })}. The request may still have taken effect; read the resource before repeating a write.`);
  }
  let structured: Record<string, unknown>;
  let cuts: readonly Cut[] = [];
  let withheld = 0;
  let ended: string | undefined;
  const body = parsed.value;
  if (tool.pagination !== undefined && input.page !== undefined) {
    const shaped = shapePage({ tool, pagination: tool.pagination, request: input.page, body, maxChars: input.maxChars });
    if ('error' in shaped) return failureResult(shaped.error);
    ({ structured, cuts, withheld, ended } = shaped);
  } else {
    const fitted = shrinkToFit({ value: toStructured(body === null ? { status: response.status } : body), maxChars: input.maxChars });
    structured = fitted.value as Record<string, unknown>;
    cuts = fitted.cuts;
  }
  const conformed = conformToSchema({ value: structured, schema: tool.outputSchema });
  const text = JSON.stringify(structured);
  const extra = notes({ cuts, withheld, dropped: conformed.dropped, paged: tool.pagination !== undefined, ...(ended !== undefined ? { ended } : {}) });
  const meta = { ...rateLimitFields(readRateLimit({ headers: response.headers, nowMs: response.receivedAt })), ...(cuts.length > 0 ? { cut: cuts } : {}) };
  return {
    content: [{ type: 'text', text }, ...extra.map((line) => ({ type: 'text' as const, text: line }))],
    structuredContent: conformed.value as Record<string, unknown>,
    ...(Object.keys(meta).length > 0 ? { _meta: meta } : {}),
  };
}
