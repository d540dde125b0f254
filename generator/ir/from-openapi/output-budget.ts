import { compactJsonLength } from '../../shared/json-length.ts';
import { compareCodepoints } from '../sort.ts';
import type { JsonSchema, ToolIR, VendorIR } from '../types.ts';
import { isRecord, report, type BuildContext } from './build-context.ts';

/**
 * Characters of compact JSON one tool's output schema may take before it is coarsened. Our own
 * vendors' largest is under 2,000 (Malomo's order lookups), so they are never touched; the
 * headroom lets them grow without a surprise. Stripe's and GitHub's expanded objects run to tens
 * of thousands, which is what this bound is for: every tool's schema is sent in every prompt.
 */
export const DEFAULT_OUTPUT_SCHEMA_BUDGET = 4096;

/**
 * What one budget pass has measured and opened, by object: output shapes share subtrees
 * (shape-memo.ts), so each is measured once, and opened once per cut (the copies stay shared).
 * Kept for one pass only; the IR is never mutated.
 */
type Sizing = { readonly lengths: Map<object, number>; readonly depths: Map<JsonSchema, number>; readonly opened: Map<JsonSchema, Map<number, JsonSchema>> };

export const newSizing = (): Sizing => ({ lengths: new Map(), depths: new Map(), opened: new Map() });

const sizeOf = (input: { readonly schema: JsonSchema; readonly sizing: Sizing }): number => compactJsonLength({ value: input.schema, known: input.sizing.lengths });

const typesOf = (node: JsonSchema): readonly unknown[] => (Array.isArray(node['type']) ? node['type'] : [node['type']]);

/** An open node keeps its type; an array keeps an any `items`, which OpenAI and Gemini insist on. */
function opened(node: JsonSchema): JsonSchema {
  return { ...(node['type'] !== undefined ? { type: node['type'] } : {}), ...(typesOf(node).includes('array') ? { items: {} } : {}) };
}

/**
 * Output shapes only nest through `properties` and `items` (see output-shape.ts). Remembered by
 * node for the pass: shared shapes sit under many tools (Stripe's over-budget tools walked them
 * again each, ~20 ms).
 */
function depthOf(input: { readonly node: JsonSchema; readonly sizing: Sizing }): number {
  const { node, sizing } = input;
  const known = sizing.depths.get(node);
  if (known !== undefined) return known;
  const properties = node['properties'];
  let deepest = 0;
  if (isRecord(properties)) for (const child of Object.values(properties)) deepest = Math.max(deepest, 1 + depthOf({ node: child as JsonSchema, sizing }));
  if (isRecord(node['items'])) deepest = Math.max(deepest, 1 + depthOf({ node: node['items'], sizing }));
  sizing.depths.set(node, deepest);
  return deepest;
}

type Opening = { readonly node: JsonSchema; readonly level: number; readonly cut: number; readonly sizing: Sizing };

/** Opens every node at `cut` levels below the root (root = level 0); shallower nodes keep their keywords. */
function openedAt(input: Opening): JsonSchema {
  const { node, level, cut } = input;
  const copies = input.sizing.opened.get(node) ?? new Map<number, JsonSchema>();
  input.sizing.opened.set(node, copies);
  const known = copies.get(cut - level);
  if (known !== undefined) return known;
  const copy = level >= cut ? opened(node) : openedBelow(input);
  copies.set(cut - level, copy);
  return copy;
}

function openedBelow(input: Opening): JsonSchema {
  const { node, level } = input;
  const inner = (child: unknown) => openedAt({ ...input, node: child as JsonSchema, level: level + 1 });
  const properties = node['properties'];
  return {
    ...node,
    ...(isRecord(properties) ? { properties: Object.fromEntries(Object.entries(properties).map(([name, child]) => [name, inner(child)])) } : {}),
    ...(isRecord(node['items']) ? { items: inner(node['items']) } : {}),
  };
}

/**
 * Coarsens an output schema to fit `budget` characters: the deepest level with structure is
 * opened first, then the next, until it fits or `floor` is reached. Safe because the runtime
 * leaves out of `structuredContent` any value the schema would reject, and an open object
 * rejects nothing. `floor` 2 keeps a paged tool's `{items, next_cursor, total, truncated}`
 * wrapper as it is (only the item shape coarsens); `floor` 1 may open any property of the root.
 */
export function collapseOutputSchema(input: { readonly schema: JsonSchema; readonly budget: number; readonly floor: 1 | 2; readonly sizing?: Sizing }): { readonly schema: JsonSchema; readonly fits: boolean } {
  const { schema, budget, floor } = input;
  const sizing = input.sizing ?? newSizing();
  if (sizeOf({ schema, sizing }) <= budget) return { schema, fits: true };
  let smallest = schema;
  for (let cut = depthOf({ node: schema, sizing }) - 1; cut >= floor; cut -= 1) {
    smallest = openedAt({ node: schema, level: 0, cut, sizing });
    if (sizeOf({ schema: smallest, sizing }) <= budget) return { schema: smallest, fits: true };
  }
  return { schema: smallest, fits: false };
}

function budgetOf(vendor: VendorIR): { readonly limit: number; readonly pointer: string; readonly declared: boolean } {
  const declared = vendor.outputSchemaBudget;
  return declared !== undefined ? { limit: declared.limit, pointer: declared.source.pointer, declared: true } : { limit: DEFAULT_OUTPUT_SCHEMA_BUDGET, pointer: vendor.source.pointer, declared: false };
}

/** Every tool's output schema within the vendor's budget; one note says how many were coarsened. */
export function boundOutputSchemas(input: { readonly context: BuildContext; readonly vendor: VendorIR; readonly tools: readonly ToolIR[] }): ToolIR[] {
  const budget = budgetOf(input.vendor);
  const sizing = newSizing();
  const over: string[] = [];
  let stillOver = 0;
  const tools = input.tools.map((tool) => {
    if (sizeOf({ schema: tool.outputSchema, sizing }) <= budget.limit) return tool;
    over.push(tool.name);
    const result = collapseOutputSchema({ schema: tool.outputSchema, budget: budget.limit, floor: tool.pagination !== undefined ? 2 : 1, sizing });
    if (!result.fits) stillOver += 1;
    return { ...tool, outputSchema: result.schema };
  });
  if (over.length === 0) return tools;
  const examples = [...over].sort(compareCodepoints).slice(0, 3).join(', ');
  const which = budget.declared ? 'x-mcp.outputSchemaBudget' : 'the default budget';
  const rest = stillOver === 0 ? '' : `; ${stillOver} still exceed it at the shallowest shape allowed (the root's fields, or a paged item's type)`;
  report({
    context: input.context,
    code: 'VMCP_OUTPUT_SCHEMA_COLLAPSED',
    severity: 'info',
    pointer: budget.pointer,
    message: `${over.length} of ${tools.length} tools had an output schema over ${budget.limit} characters (${which}); their deepest nested objects and arrays are now open (type only), e.g. ${examples}${rest}`,
  });
  return tools;
}
