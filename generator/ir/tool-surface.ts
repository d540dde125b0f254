import type { ToolSurface } from '../shared/tool-surface.ts';
import type { ToolIR } from './types.ts';

/** The IR's tools as clients receive them from `tools/list`, in name order. */
export function surfaceOf(tools: readonly ToolIR[]): ToolSurface {
  return tools.map((tool) => ({
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: tool.inputSchema,
    outputSchema: tool.outputSchema,
    annotations: tool.annotations,
    ...(tool.icons !== undefined ? { icons: tool.icons } : {}),
  }));
}
