import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/server';
import * as z from 'zod';

/** Plain JSON data; declared here, not taken from tool-definition.ts, which imports this module's type through variant-check.ts. */
type JsonObject = { readonly [key: string]: unknown };

/**
 * A tool the server answers itself from generated data, with no vendor call: the exact shape of a
 * variant family's payload for one discriminator value. The tools that write the payload point to
 * it, so the model pays for one shape when it needs it instead of every shape in every such tool,
 * on every turn. The run-time check (variant-check.ts) enforces the same shapes either way.
 */
export type SchemaTool = {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly inputSchema: JsonObject;
  readonly outputSchema: JsonObject;
  readonly annotations: Readonly<ToolAnnotations>;
  readonly _meta?: JsonObject;
  /** The one argument, e.g. `object_key`. */
  readonly discriminator: string;
  /** Per value: the JSON Schema the payload must fit. */
  readonly shapes: Readonly<Record<string, JsonObject>>;
};

/** The strict input: exactly one argument, one of the declared values. */
export function schemaToolInput(tool: SchemaTool): z.ZodType<Record<string, unknown>> {
  const values = Object.keys(tool.shapes) as [string, ...string[]];
  return z.strictObject({ [tool.discriminator]: z.enum(values) });
}

/** Answers from the generated shapes; anything else is refused with the values it takes. */
export function answerSchemaTool(input: { readonly tool: SchemaTool; readonly args: Readonly<Record<string, unknown>> }): CallToolResult {
  const { tool } = input;
  const value = input.args[tool.discriminator];
  const shape = typeof value === 'string' && Object.hasOwn(tool.shapes, value) ? tool.shapes[value] : undefined;
  if (shape === undefined) return { isError: true, content: [{ type: 'text', text: `${tool.discriminator} ${JSON.stringify(value)} has no declared shape; use one of: ${Object.keys(tool.shapes).join(', ')}.` }] };
  const structured = { [tool.discriminator]: value, schema: shape };
  return { content: [{ type: 'text', text: JSON.stringify(structured) }], structuredContent: structured };
}
