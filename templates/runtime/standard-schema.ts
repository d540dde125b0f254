import type { StandardSchemaWithJSON } from '@modelcontextprotocol/server';
import { tooDeepMessage, tooDeepPath } from './argument-depth.ts';
import { ownFieldsOnly, withPrototypes } from './own-fields.ts';
import { cappedIssues } from './issue-cap.ts';
import { conformToSchema } from './output-conformance.ts';
import type { ToolDefinition } from './tool-definition.ts';

/**
 * The SDK lists `~standard.jsonSchema` and validates with `~standard.validate`. Handing it the
 * generated JSON Schema keeps `tools/list` byte-identical to the committed snapshot, while the
 * strict zod schema does the validating.
 */
/**
 * JSON.parse makes `"__proto__"` an own key, and zod's object checks skip it: a strict schema would
 * silently drop it instead of refusing it. No vendor field is named that, so it is refused anywhere.
 */
export function protoKeyPath(value: unknown): (string | number)[] | undefined {
  return protoKeyBelow({ value, at: [] });
}

function protoKeyBelow(input: { readonly value: unknown; readonly at: readonly (string | number)[] }): (string | number)[] | undefined {
  const { value, at } = input;
  if (typeof value !== 'object' || value === null) return undefined;
  if (!Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, '__proto__')) return [...at, '__proto__'];
  for (const [key, inner] of Object.entries(value)) {
    const found = protoKeyBelow({ value: inner, at: [...at, Array.isArray(value) ? Number(key) : key] });
    if (found !== undefined) return found;
  }
  return undefined;
}

export function toolInputSchema(tool: Pick<ToolDefinition, 'input' | 'inputSchema'>): StandardSchemaWithJSON<unknown, Record<string, unknown>> {
  return {
    '~standard': {
      version: 1,
      vendor: 'vendor-mcp',
      validate: (value) => {
        const deep = tooDeepPath(value);
        if (deep !== undefined) return { issues: [{ message: tooDeepMessage(deep), path: deep.slice(0, 3) }] };
        const proto = protoKeyPath(value);
        if (proto !== undefined) return { issues: [{ message: 'Unrecognized key: "__proto__"', path: proto }] };
        const result = tool.input()['~standard'].validate(ownFieldsOnly(value));
        return result instanceof Promise ? result.then(handedOn) : handedOn(result);
      },
      jsonSchema: {
        input: () => ({ ...tool.inputSchema }),
        output: () => ({ ...tool.inputSchema }),
      },
    },
  };
}

/** A refusal reports its first few problems and counts the rest (issue-cap.ts); a success hands on ordinary objects (own-fields.ts). */
function handedOn<T extends { readonly issues?: readonly { readonly message: string }[] | undefined; readonly value?: unknown }>(result: T): T {
  return result.issues === undefined ? { ...result, value: withPrototypes(result.value) } : { ...result, issues: cappedIssues(result.issues) };
}

/** A JSON pointer's steps as the object names them: `/a~1b` is the one key `a/b` (RFC 6901 order: `~1` before `~0`). */
function pathOf(pointer: string): string[] {
  return pointer.split('/').slice(1).map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * The SDK checks every successful result against this before sending it. The runtime has already
 * made `structuredContent` conform (see output-conformance.ts), so a failure here is a real bug.
 */
export function toolOutputSchema(tool: Pick<ToolDefinition, 'outputSchema'>): StandardSchemaWithJSON<Record<string, unknown>, Record<string, unknown>> {
  return {
    '~standard': {
      version: 1,
      vendor: 'vendor-mcp',
      validate: (value) => {
        const { dropped } = conformToSchema({ value, schema: tool.outputSchema });
        if (dropped.length === 0) return { value: value as Record<string, unknown> };
        return { issues: dropped.map((pointer) => ({ message: `does not match the output schema at ${pointer || '/'}`, path: pathOf(pointer) })) };
      },
      jsonSchema: {
        input: () => ({ ...tool.outputSchema }),
        output: () => ({ ...tool.outputSchema }),
      },
    },
  };
}
