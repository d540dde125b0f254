import type { StandardSchemaWithJSON } from '@modelcontextprotocol/server';
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
