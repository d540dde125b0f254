import type { Icon } from '@modelcontextprotocol/server';
import type { ToolMeta } from '../../templates/runtime/same-fields.ts';
import type { JsonObject, ToolAnnotations } from '../../templates/runtime/tool-definition.ts';
import { modelVisibleTokens, wireBytes } from './model-tokens.ts';

/**
 * The tool surface: what every stage may say about the tools a package serves. A bottom layer, in
 * the runtime's own types: load reads it back from tools.json, ir projects it, lint and release
 * measure and compare it.
 */

/**
 * One tool exactly as a client receives it from `tools/list`. Ours carry the display title once, in
 * `annotations.title`: MCP clients show `title`, else `annotations.title`, else the name, so the
 * same words again as `title` only cost every turn tokens (eDesk 277). Peers' lists may have both.
 */
export type SurfaceTool = {
  readonly name: string;
  readonly title?: string;
  readonly description: string;
  readonly inputSchema: JsonObject;
  readonly outputSchema: JsonObject;
  readonly annotations: ToolAnnotations;
  readonly icons?: readonly Icon[];
  /** Hints for hosts that load tools lazily; not shown to the model, so not counted in its tokens. */
  readonly _meta?: ToolMeta;
};

/** The name a client shows for a tool (MCP's display-name order). */
export function displayTitle(tool: Pick<SurfaceTool, 'title' | 'annotations'>): string {
  return tool.title ?? tool.annotations.title;
}

/**
 * What a listed input schema enforces: its root is closed at run time (the tool's strict validator
 * refuses other keys) though the listing leaves `additionalProperties: false` out to save tokens.
 * Release diffs and the fuzz oracle judge against this, not the looser listed text.
 */
export function closedRoot(inputSchema: JsonObject): JsonObject {
  return { ...inputSchema, additionalProperties: false };
}

/** The tool surface agents depend on, in name order: what `tools.json` records and versions follow. */
export type ToolSurface = readonly SurfaceTool[];

export type TokenReport = {
  readonly total: number;
  readonly wireBytes: number;
  readonly tools: readonly { readonly name: string; readonly tokens: number; readonly wireBytes: number }[];
};

/** Reports by surface: release counts one surface twice (tools.json and the changelog line), ~0.5 s of BPE on Microsoft Graph (~1 s before the binary table, ~4 s before that). Surfaces are never mutated. */
const reports = new WeakMap<ToolSurface, TokenReport>();

/**
 * Wire bytes by surface, measured by whichever of the release digest and the token report reads the
 * tools' wire JSON first and taken by the report: one `JSON.stringify` of each tool between them
 * (GitHub REST: ~15 ms cold a pass). Only the numbers are handed on: the texts, kept until the report,
 * outlived young-generation GC and raised GitHub's peak RSS by ~5 MB.
 */
const measuredWireBytes = new WeakMap<ToolSurface, readonly number[]>();

/** Hands each tool's compact JSON, as `tools/list` sends it, to `visit` in order; `JSON.stringify(surface)` is these joined by `,` inside `[` `]`. */
export function eachWireText(input: { readonly surface: ToolSurface; readonly visit: (text: string, at: number) => void }): void {
  const { surface } = input;
  const bytes: number[] = new Array<number>(surface.length);
  for (let at = 0; at < surface.length; at++) {
    const text = JSON.stringify(surface[at]);
    bytes[at] = Buffer.byteLength(text, 'utf8');
    input.visit(text, at);
  }
  if (!reports.has(surface)) measuredWireBytes.set(surface, bytes);
}

/** Model-visible tokens (o200k_base) and wire bytes per tool and in total: the one count budgets, lint, release and bench use. */
export function tokenReport(surface: ToolSurface): TokenReport {
  const known = reports.get(surface);
  if (known !== undefined) return known;
  const measured = measuredWireBytes.get(surface);
  const tools = surface.map((tool, at) => ({ name: tool.name, tokens: modelVisibleTokens(tool), wireBytes: measured?.[at] ?? wireBytes(tool) }));
  const report = { total: tools.reduce((sum, tool) => sum + tool.tokens, 0), wireBytes: tools.reduce((sum, tool) => sum + tool.wireBytes, 0), tools };
  reports.set(surface, report);
  measuredWireBytes.delete(surface);
  return report;
}

/** Largest first, then by name, so reports are stable. */
export function biggestTools(input: { readonly report: TokenReport; readonly count: number }): TokenReport['tools'] {
  return [...input.report.tools].sort((a, b) => b.tokens - a.tokens || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).slice(0, input.count);
}
