import type { CallToolResult } from '@modelcontextprotocol/server';
import type { JsonObject } from './tool-definition.ts';

/**
 * Output schemas are generated tolerant (types, properties, items only), but a vendor can still
 * send a string where its doc promised a number. Clients reject a `structuredContent` that breaks
 * the advertised schema, so the offending values are left out of it (the text keeps everything)
 * and named, instead of failing a call that succeeded.
 */
export type Conformed = { readonly value: unknown; readonly dropped: readonly string[] };

function typeMatches(type: string, value: unknown): boolean {
  switch (type) {
    case 'null': return value === null;
    case 'boolean': return typeof value === 'boolean';
    case 'string': return typeof value === 'string';
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'integer': return Number.isInteger(value);
    case 'array': return Array.isArray(value);
    case 'object': return typeof value === 'object' && value !== null && !Array.isArray(value);
    default: return true;
  }
}

function allowedTypes(schema: JsonObject): readonly string[] | undefined {
  const type = schema['type'];
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? (type as string[]) : undefined;
}

function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function conformAt(input: { readonly value: unknown; readonly schema: JsonObject; readonly pointer: string; readonly dropped: string[] }): { keep: boolean; value: unknown } {
  const { value, schema, pointer, dropped } = input;
  const types = allowedTypes(schema);
  if (types !== undefined && !types.some((type) => typeMatches(type, value))) {
    dropped.push(pointer);
    return { keep: false, value };
  }
  const properties = schema['properties'];
  if (typeMatches('object', value) && typeof properties === 'object' && properties !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      const propertySchema = (properties as Record<string, JsonObject>)[key];
      if (propertySchema === undefined) {
        out[key] = inner;
        continue;
      }
      const result = conformAt({ value: inner, schema: propertySchema, pointer: `${pointer}/${escapeToken(key)}`, dropped });
      if (result.keep) out[key] = result.value;
    }
    return { keep: true, value: out };
  }
  const items = schema['items'];
  if (Array.isArray(value) && typeof items === 'object' && items !== null) {
    const out: unknown[] = [];
    value.forEach((inner, index) => {
      const result = conformAt({ value: inner, schema: items as JsonObject, pointer: `${pointer}/${index}`, dropped });
      if (result.keep) out.push(result.value);
    });
    return { keep: true, value: out };
  }
  return { keep: true, value };
}

/** `value` with every part that breaks `schema` left out, and the JSON pointers of what was left out. */
export function conformToSchema(input: { readonly value: unknown; readonly schema: JsonObject }): Conformed {
  const dropped: string[] = [];
  const result = conformAt({ value: input.value, schema: input.schema, pointer: '', dropped });
  return { value: result.keep ? result.value : {}, dropped };
}

export function matchesSchema(input: { readonly value: unknown; readonly schema: JsonObject }): boolean {
  return conformToSchema(input).dropped.length === 0;
}

/**
 * Every result that carries `structuredContent`, errors, refusals and dry runs included, is made
 * to match the advertised schema: some clients validate error results too.
 */
export function conformResult(input: { readonly result: CallToolResult; readonly schema: JsonObject }): CallToolResult {
  const { result } = input;
  if (result.structuredContent === undefined) return result;
  const conformed = conformToSchema({ value: result.structuredContent, schema: input.schema });
  if (conformed.dropped.length === 0) return result;
  const note = `These fields clash with the tool's output schema and are only in this text: ${conformed.dropped.join(', ')}. Full structured value: ${JSON.stringify(result.structuredContent)}`;
  return { ...result, structuredContent: conformed.value as Record<string, unknown>, content: [...result.content, { type: 'text', text: note }] };
}
