import { McpServer } from '@modelcontextprotocol/server';
import { callTool, type RuntimeConfig } from './call-tool.ts';
import { registerDiscoveryTools, type ToolCaller } from './discovery-tools.ts';
import type { Admission } from './invocation-limit.ts';
import { toolInputSchema, toolOutputSchema } from './standard-schema.ts';
import type { ToolDefinition } from './tool-definition.ts';
import { failureResult } from './vendor-response.ts';

export type ToolsMode = 'all' | 'discovery';

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
}): McpServer {
  const { vendor } = input.config;
  const server = new McpServer(
    { name: vendor.packageName, version: vendor.version, title: vendor.title },
    { capabilities: { tools: { listChanged: false } } },
  );
  const call: ToolCaller = async ({ tool, args }) => {
    const admission = await input.admit?.({ readOnly: tool.annotations.readOnlyHint === true });
    if (admission !== undefined && !admission.allowed) return failureResult(admission.message);
    return callTool({ tool, args, config: input.config });
  };
  if (input.toolsMode === 'discovery') {
    registerDiscoveryTools({ server, tools: input.tools, vendorTitle: vendor.title, call });
    return server;
  }
  for (const tool of input.tools) {
    server.registerTool(
      tool.name,
      { title: tool.title, description: tool.description, inputSchema: toolInputSchema(tool), outputSchema: toolOutputSchema(tool), annotations: { ...tool.annotations } },
      (args) => call({ tool, args }),
    );
  }
  return server;
}
