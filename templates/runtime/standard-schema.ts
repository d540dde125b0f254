import type { StandardSchemaWithJSON } from '@modelcontextprotocol/server';
import { conformToSchema } from './output-conformance.ts';
import type { ToolDefinition } from './tool-definition.ts';

/**
 * The SDK lists `~standard.jsonSchema` and validates with `~standard.validate`. Handing it the
 * generated JSON Schema keeps `tools/list` byte-identical to the committed snapshot, while the
 * strict zod schema does the validating.
 */
export function toolInputSchema(tool: ToolDefinition): StandardSchemaWithJSON<unknown, Record<string, unknown>> {
  const zod = tool.input['~standard'];
  return {
    '~standard': {
      version: 1,
      vendor: 'vendor-mcp',
      validate: (value) => zod.validate(value),
      jsonSchema: {
        input: () => ({ ...tool.inputSchema }),
        output: () => ({ ...tool.inputSchema }),
      },
    },
  };
}

/**
 * The SDK checks every successful result against this before sending it. The runtime has already
 * made `structuredContent` conform (see output-conformance.ts), so a failure here is a real bug.
 */
export function toolOutputSchema(tool: ToolDefinition): StandardSchemaWithJSON<Record<string, unknown>, Record<string, unknown>> {
  return {
    '~standard': {
      version: 1,
      vendor: 'vendor-mcp',
      validate: (value) => {
        const { dropped } = conformToSchema({ value, schema: tool.outputSchema });
        if (dropped.length === 0) return { value: value as Record<string, unknown> };
        return { issues: dropped.map((pointer) => ({ message: `does not match the output schema at ${pointer || '/'}`, path: pointer.split('/').slice(1) })) };
      },
      jsonSchema: {
        input: () => ({ ...tool.outputSchema }),
        output: () => ({ ...tool.outputSchema }),
      },
    },
  };
}
