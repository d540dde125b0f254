import { McpServer } from '@modelcontextprotocol/server';
import { callTool, type RuntimeConfig } from './call-tool.ts';
import { toolInputSchema, toolOutputSchema } from './standard-schema.ts';
import type { ToolDefinition } from './tool-definition.ts';

/** An MCP server exposing the given tools; one per connection (stdio) or per request (stateless HTTP). */
export function createServer(input: { readonly tools: readonly ToolDefinition[]; readonly config: RuntimeConfig }): McpServer {
  const { vendor } = input.config;
  const server = new McpServer(
    { name: vendor.packageName, version: vendor.version, title: vendor.title },
    { capabilities: { tools: { listChanged: false } } },
  );
  for (const tool of input.tools) {
    server.registerTool(
      tool.name,
      { title: tool.title, description: tool.description, inputSchema: toolInputSchema(tool), outputSchema: toolOutputSchema(tool), annotations: { ...tool.annotations } },
      (args) => callTool({ tool, args, config: input.config }),
    );
  }
  return server;
}
