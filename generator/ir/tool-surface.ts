import type { SurfaceTool, ToolSurface } from '../shared/tool-surface.ts';
import { sortByKey } from './sort.ts';
import type { ToolIR, VariantFamilyIR } from './types.ts';

type SurfaceInput = { readonly tools: readonly ToolIR[]; readonly families?: readonly VariantFamilyIR[] };

/**
 * Surfaces by the IR's tool list (the IR is never mutated): lint's token budget, emit's bundle
 * manifest and release each ask for it, and tokenReport remembers its count by surface, so one
 * surface means the package's tools are tokenized once, not once for lint and again for release.
 */
const surfaces = new WeakMap<readonly ToolIR[], { readonly families: readonly VariantFamilyIR[] | undefined; readonly surface: ToolSurface }>();

/**
 * The IR's tools as clients receive them from `tools/list`, in name order, with the schema tools
 * of its variant families (a client lists them like any other tool). The display title is listed
 * once, as `annotations.title` (see SurfaceTool).
 */
export function surfaceOf(input: SurfaceInput): ToolSurface {
  const known = surfaces.get(input.tools);
  if (known !== undefined && known.families === input.families) return known.surface;
  const surface = listedSurface(input);
  surfaces.set(input.tools, { families: input.families, surface });
  return surface;
}

function listedSurface(input: SurfaceInput): ToolSurface {
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
