import { splitResource, toolName } from '../naming.ts';
import type { JsonSchema, VariantFamilyIR } from '../types.ts';
import { rootInputSchema } from './flat-arguments.ts';
import type { PendingTool } from './operation-object.ts';

function splitOne(input: { readonly tool: PendingTool; readonly family: VariantFamilyIR; readonly variant: VariantFamilyIR['variants'][number]; readonly vendorName: string }): PendingTool {
  const { tool, family, variant } = input;
  const variants = tool.variants!;
  // The discriminator stays bound (it is still sent) but leaves the input: the runtime fixes it.
  const args = tool.args.map((arg) => (arg.name === variants.payloadArg ? { ...arg, schema: { ...variant.schema, description: `${variant.name} fields.` } as JsonSchema } : arg));
  const listed = args.filter((arg) => arg.name !== variants.discriminatorArg);
  const resource = splitResource({ resource: tool.resource, variant: variant.name });
  const name = toolName({ vendor: input.vendorName, resource, method: tool.method });
  return {
    ...tool,
    nameCandidates: [name],
    resource,
    title: `${tool.title} (${variant.name})`,
    annotations: { ...tool.annotations, title: `${tool.annotations.title} (${variant.name})` },
    description: `${tool.description} This tool is for ${family.name} "${variant.name}" only.`,
    args,
    inputSchema: rootInputSchema(listed, tool.controls),
    variants: { ...variants, fixed: variant.name },
  };
}

/** Split mode: a tool bound to a split family becomes one tool per variant, from the same IR. */
export function splitTools(input: { readonly tools: readonly PendingTool[]; readonly families: readonly VariantFamilyIR[]; readonly vendorName: string }): PendingTool[] {
  return input.tools.flatMap((tool) => {
    const family = input.families.find((f) => f.name === tool.variants?.family);
    if (family === undefined || !family.split) return [tool];
    return family.variants.map((variant) => splitOne({ tool, family, variant, vendorName: input.vendorName }));
  });
}
