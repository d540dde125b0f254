import { CHARS_PER_TOKEN } from '../../templates/runtime/result-size-cap.ts';
import type { Icon } from '@modelcontextprotocol/server';
import type { JsonObject, ToolAnnotations } from '../../templates/runtime/tool-definition.ts';

/**
 * The tool surface: what every stage may say about the tools a package serves. A bottom layer, in
 * the runtime's own types: load reads it back from tools.json, ir projects it, lint and release
 * measure and compare it.
 */

/** One tool exactly as a client receives it from `tools/list`. */
export type SurfaceTool = {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly inputSchema: JsonObject;
  readonly outputSchema: JsonObject;
  readonly annotations: ToolAnnotations;
  readonly icons?: readonly Icon[];
};

/** The tool surface agents depend on, in name order: what `tools.json` records and versions follow. */
export type ToolSurface = readonly SurfaceTool[];

/**
 * Estimated tokens one tool costs in every prompt that lists it: the length of its compact JSON
 * (as `tools/list` sends it) divided by three characters a token, rounded up. The runtime's result
 * size cap uses the same ratio; schema JSON is punctuation-heavy, so this errs on the high side of
 * real BPE tokenizers rather than under-counting a budget.
 */
export function estimateTokens(tool: SurfaceTool): number {
  return Math.ceil(JSON.stringify(tool).length / CHARS_PER_TOKEN);
}

export const TOKEN_ESTIMATOR = `ceil(characters of the tool's compact tools/list JSON / ${CHARS_PER_TOKEN})`;

export type TokenReport = { readonly total: number; readonly tools: readonly { readonly name: string; readonly tokens: number }[] };

export function tokenReport(surface: ToolSurface): TokenReport {
  const tools = surface.map((tool) => ({ name: tool.name, tokens: estimateTokens(tool) }));
  return { total: tools.reduce((sum, tool) => sum + tool.tokens, 0), tools };
}

/** Largest first, then by name, so reports are stable. */
export function biggestTools(input: { readonly report: TokenReport; readonly count: number }): TokenReport['tools'] {
  return [...input.report.tools].sort((a, b) => b.tokens - a.tokens || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).slice(0, input.count);
}
