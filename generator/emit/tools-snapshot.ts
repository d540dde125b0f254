import type { ToolIR } from '../ir/types.ts';

/** `tools.json`: the tool surface exactly as `tools/list` returns it, for review and diffing. */
export function toolsSnapshot(input: { readonly tools: readonly ToolIR[]; readonly provenance: readonly string[] }): string {
  const tools = input.tools.map((tool) => ({
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: tool.inputSchema,
    outputSchema: tool.outputSchema,
    annotations: tool.annotations,
  }));
  return `${JSON.stringify({ '//': input.provenance.join(' '), tools }, null, 2)}\n`;
}
