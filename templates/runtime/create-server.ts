import { McpServer } from '@modelcontextprotocol/server';
import { callTool, type RuntimeConfig } from './call-tool.ts';
import { registerDiscoveryTools, type ToolCaller } from './discovery-tools.ts';
import type { Admission } from './invocation-limit.ts';
import { DEFAULT_CONFIRM_POLICY, type ConfirmPolicy } from './confirm-policy.ts';
import { callWithPerson, personFor } from './person-confirmation.ts';
import { memoized } from './memoized.ts';
import { registerPrompts } from './prompts.ts';
import { answerSchemaTool, schemaToolInput, type SchemaTool } from './schema-tool.ts';
import { toolInputSchema, toolOutputSchema } from './standard-schema.ts';
import type { ToolDefinition } from './tool-definition.ts';
import { serveToolListing, type ListingSource } from './tool-listing.ts';
import { failureResult } from './vendor-response.ts';

export type ToolsMode = 'all' | 'discovery';

/**
 * 2026-07-28 cache hints: the lists change only with a release, so a client may keep them an hour.
 * `private`, because over HTTP each token's scope narrows the list: a shared cache must not serve it.
 */
const LIST_CACHE_HINTS = {
  'tools/list': { ttlMs: 3_600_000, cacheScope: 'private' },
  'prompts/list': { ttlMs: 3_600_000, cacheScope: 'private' },
  'server/discover': { ttlMs: 3_600_000, cacheScope: 'private' },
} as const;

/**
 * An MCP server exposing the given tools (already narrowed to the caller's scope); one per
 * connection (stdio) or per request (stateless HTTP). `admit` is asked before every vendor call.
 */
export function createServer(input: {
  readonly tools: readonly ToolDefinition[];
  readonly config: RuntimeConfig;
  readonly toolsMode?: ToolsMode;
  /** Asked before every vendor call, with whether the tool only reads (a limiter whose store is down may care). */
  readonly admit?: (call: { readonly readOnly: boolean }) => Admission | Promise<Admission>;
  /** How removals and destructive calls are confirmed (default `elicit`). */
  readonly confirm?: ConfirmPolicy;
}): McpServer {
  const { vendor } = input.config;
  const server = new McpServer(
    { name: vendor.packageName, version: vendor.version, title: vendor.title, ...(vendor.icons ? { icons: [...vendor.icons] } : {}) },
    { capabilities: { tools: { listChanged: false } }, cacheHints: LIST_CACHE_HINTS },
  );
  registerPrompts({ server, prompts: vendor.prompts ?? [] });
  const call: ToolCaller = async ({ tool, args, ctx }) => {
    const admission = await input.admit?.({ readOnly: tool.annotations.readOnlyHint === true });
    if (admission !== undefined && !admission.allowed) return failureResult(admission.message);
    // The SDK's own accessor: initialize-declared capabilities (2025-11-25); per-request ones come from ctx.
    const person = personFor({ ctx, declared: server.server.getClientCapabilities(), policy: input.confirm ?? DEFAULT_CONFIRM_POLICY, vendorTitle: vendor.title });
    return callWithPerson({ tool, args, person, call: (confirmed) => callTool({ tool, args: confirmed, config: input.config }) });
  };
  const schemaTools = schemaToolsOf(input.tools);
  if (input.toolsMode === 'discovery') {
    registerDiscoveryTools({ server, tools: input.tools, schemaTools, vendorTitle: vendor.title, call });
    return server;
  }
  // The tools keep their given order (name order in a generated package, as tools.json records it);
  // each schema tool goes in just before the first tool named after it, so it sits where tools.json has it.
  const pending = [...schemaTools].sort((a, b) => (a.name < b.name ? -1 : 1));
  const listed: ListingSource[] = [];
  const schemaToolNow = (schemaTool: SchemaTool) => {
    registerSchemaTool({ server, schemaTool });
    listed.push(schemaTool);
  };
  for (const tool of input.tools) {
    while (pending.length > 0 && pending[0]!.name < tool.name) schemaToolNow(pending.shift()!);
    registerHttpTool({ server, tool, call });
    listed.push(tool);
  }
  pending.forEach(schemaToolNow);
  // With no tool the SDK installs no tools/list handler either (main and serve-http never get here with none).
  if (listed.length > 0) serveToolListing({ server, sources: listed });
  return server;
}

/** The schema tools the given tools point to, once each: only a family some tool in scope writes. */
function schemaToolsOf(tools: readonly ToolDefinition[]): SchemaTool[] {
  const found = new Map<string, SchemaTool>();
  for (const tool of tools) {
    const schemaTool = tool.variants?.schemaTool;
    if (schemaTool !== undefined && !found.has(schemaTool.name)) found.set(schemaTool.name, schemaTool);
  }
  return [...found.values()];
}

/**
 * No `title` beside `annotations.title`: clients show `title`, else `annotations.title`, so the
 * display name is unchanged and each turn's tool list carries it once (generator/shared/tool-surface.ts).
 */
function registerHttpTool(input: { readonly server: McpServer; readonly tool: ToolDefinition; readonly call: ToolCaller }): void {
  const { tool } = input;
  input.server.registerTool(
    tool.name,
    { description: tool.description, inputSchema: toolInputSchema(tool), outputSchema: toolOutputSchema(tool), annotations: { ...tool.annotations }, ...(tool.icons ? { icons: [...tool.icons] } : {}), ...(tool._meta ? { _meta: { ...tool._meta } } : {}) },
    (args, ctx) => input.call({ tool, args, ctx }),
  );
}

/** Answered from generated data: no vendor call, so no admission, confirmation or credentials. */
function registerSchemaTool(input: { readonly server: McpServer; readonly schemaTool: SchemaTool }): void {
  const { schemaTool } = input;
  const validated = { input: memoized(() => schemaToolInput(schemaTool)), inputSchema: schemaTool.inputSchema };
  input.server.registerTool(
    schemaTool.name,
    { description: schemaTool.description, inputSchema: toolInputSchema(validated), outputSchema: toolOutputSchema(schemaTool), annotations: { ...schemaTool.annotations }, ...(schemaTool._meta ? { _meta: { ...schemaTool._meta } } : {}) },
    (args) => answerSchemaTool({ tool: schemaTool, args }),
  );
}
