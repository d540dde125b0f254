import { sameFieldsWithin } from './same-fields.ts';
import type { ToolDefinition } from './tool-definition.ts';

export const METHOD_CLASSES = ['read', 'write', 'custom'] as const;

/**
 * Which tools one party allows. Every given filter must match (AND); an absent filter allows all.
 * The server's flags and a token's claims are both scopes; a call needs both.
 */
export type ToolScope = {
  /** Method classes (`read`, `write`, `custom`) or exact vendor-doc methods (`list`, `get`, `archive`, …). */
  readonly methods?: readonly string[];
  /** A tool matches when it carries at least one of these tags. */
  readonly tags?: readonly string[];
  /** An allow-list of tool names. */
  readonly tools?: readonly string[];
  /** Only tools whose `readOnlyHint` is true. */
  readonly readOnly?: boolean;
};

function matchesMethods(input: { readonly tool: ToolDefinition; readonly methods: readonly string[] }): boolean {
  return input.methods.some((method) => method === input.tool.methodClass || method === input.tool.method);
}

export function inScope(input: { readonly tool: ToolDefinition; readonly scope: ToolScope }): boolean {
  const { tool, scope } = input;
  if (scope.readOnly === true && !tool.annotations.readOnlyHint) return false;
  if (scope.methods !== undefined && !matchesMethods({ tool, methods: scope.methods })) return false;
  if (scope.tags !== undefined && !tool.tags.some((tag) => scope.tags!.includes(tag))) return false;
  if (scope.tools !== undefined && !scope.tools.includes(tool.name)) return false;
  return true;
}

/** The tools every scope allows, in table order; a shape they share with a tool left out is listed in full (same-fields.ts). */
export function toolsInScope(input: { readonly tools: readonly ToolDefinition[]; readonly scopes: readonly ToolScope[] }): readonly ToolDefinition[] {
  return sameFieldsWithin({ listed: input.tools.filter((tool) => input.scopes.every((scope) => inScope({ tool, scope }))), all: input.tools });
}

/** Names in a scope that match nothing in this package: a typo must be an error, never a silent narrowing. */
export function unknownScopeNames(input: { readonly tools: readonly ToolDefinition[]; readonly scope: ToolScope }): readonly string[] {
  const { tools, scope } = input;
  const methods = new Set<string>([...METHOD_CLASSES, ...tools.map((t) => t.method)]);
  const tags = new Set(tools.flatMap((t) => t.tags));
  const names = new Set(tools.map((t) => t.name));
  return [
    ...(scope.methods ?? []).filter((m) => !methods.has(m)).map((m) => `unknown method ${JSON.stringify(m)} (known: ${[...methods].sort().join(', ')})`),
    ...(scope.tags ?? []).filter((t) => !tags.has(t)).map((t) => `unknown tag ${JSON.stringify(t)} (known: ${[...tags].sort().join(', ')})`),
    ...(scope.tools ?? []).filter((n) => !names.has(n)).map((n) => `unknown tool ${JSON.stringify(n)}`),
  ];
}

function filterCounts(input: { readonly tools: readonly ToolDefinition[]; readonly scope: ToolScope; readonly label: string }): string[] {
  const { tools, scope, label } = input;
  const count = (only: ToolScope) => toolsInScope({ tools, scopes: [only] }).length;
  return [
    ...(scope.methods ? [`${label}methods ${scope.methods.join(',')} matches ${count({ methods: scope.methods })}`] : []),
    ...(scope.tags ? [`${label}tags ${scope.tags.join(',')} matches ${count({ tags: scope.tags })}`] : []),
    ...(scope.tools ? [`${label}tools ${scope.tools.join(',')} matches ${count({ tools: scope.tools })}`] : []),
    ...(scope.readOnly ? [`${label}read-only matches ${count({ readOnly: true })}`] : []),
  ];
}

/** Why no tool is left: each filter alone and what it matches, so the user sees which one to widen. */
export function emptyScopeReason(input: { readonly tools: readonly ToolDefinition[]; readonly scopes: readonly { readonly scope: ToolScope; readonly label: string }[] }): string {
  const parts = input.scopes.flatMap(({ scope, label }) => filterCounts({ tools: input.tools, scope, label }));
  return `No tool is in scope: ${parts.join('; ')} of ${input.tools.length} tools, and together they match none.`;
}
