import type { SurfaceTool, ToolSurface } from '../shared/tool-surface.ts';
import { sortByKey } from './sort.ts';
import type { ToolIR, VariantFamilyIR } from './types.ts';

/**
 * The IR's tools as clients receive them from `tools/list`, in name order, with the schema tools
 * of its variant families (a client lists them like any other tool). The display title is listed
 * once, as `annotations.title` (see SurfaceTool).
 */
export function surfaceOf(input: { readonly tools: readonly ToolIR[]; readonly families?: readonly VariantFamilyIR[] }): ToolSurface {
  const listed: SurfaceTool[] = input.tools.map((tool) => ({
    name: tool.name,
    description: tool.description,
    inputSchema: tool.inputSchema,
    outputSchema: tool.outputSchema,
    annotations: tool.annotations,
    ...(tool.icons !== undefined ? { icons: tool.icons } : {}),
    _meta: tool._meta,
  }));
  const schemaTools: SurfaceTool[] = (input.families ?? []).flatMap((family) => {
    if (family.schemaTool === undefined) return [];
    const { discriminatorArg: _arg, title: _title, ...surface } = family.schemaTool;
    return [surface];
  });
  return sortByKey([...listed, ...schemaTools], (tool) => tool.name);
}
