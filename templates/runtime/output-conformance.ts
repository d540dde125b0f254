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

/** `path` is one stack shared by the whole walk; the JSON pointer is spelled out only for a value dropped. */
type Step = { readonly value: unknown; readonly schema: JsonObject; readonly path: (string | number)[]; readonly dropped: string[] };

const pointerOf = (path: readonly (string | number)[]) => path.map((token) => `/${escapeToken(String(token))}`).join('');

/**
 * Copy on write: a value that conforms throughout is returned as it is. Every result is conformed
 * (twice for a success: once when built, once on the way out), so copying each one whole would
 * make that much garbage per call for nothing.
 */
function conformAt(input: Step): { keep: boolean; value: unknown } {
  const { value, schema, path, dropped } = input;
  const types = allowedTypes(schema);
  if (types !== undefined && !types.some((type) => typeMatches(type, value))) {
    dropped.push(pointerOf(path));
    return { keep: false, value };
  }
  const properties = schema['properties'];
  if (typeMatches('object', value) && typeof properties === 'object' && properties !== null) {
    return { keep: true, value: conformObject({ ...input, value: value as Record<string, unknown>, properties: properties as Record<string, JsonObject> }) };
  }
  const items = schema['items'];
  if (Array.isArray(value) && typeof items === 'object' && items !== null) return { keep: true, value: conformArray({ ...input, value, items: items as JsonObject }) };
  return { keep: true, value };
}

function conformObject(input: Step & { readonly value: Record<string, unknown>; readonly properties: Readonly<Record<string, JsonObject>> }): Record<string, unknown> {
  const { value, properties, path, dropped } = input;
  let out: Record<string, unknown> | undefined;
  const keys = Object.keys(value);
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index]!;
    const inner = value[key];
    const propertySchema = properties[key];
    path.push(key);
    const result = propertySchema === undefined ? undefined : conformAt({ value: inner, schema: propertySchema, path, dropped });
    path.pop();
    if (out === undefined && result !== undefined && (!result.keep || result.value !== inner)) out = copyKeys({ from: value, keys: keys.slice(0, index) });
    if (out !== undefined && (result === undefined || result.keep)) out[key] = result === undefined ? inner : result.value;
  }
  return out ?? value;
}

function conformArray(input: Step & { readonly value: readonly unknown[]; readonly items: JsonObject }): readonly unknown[] {
  const { value, items, path, dropped } = input;
  let out: unknown[] | undefined;
  for (let index = 0; index < value.length; index += 1) {
    const inner = value[index];
    path.push(index);
    const result = conformAt({ value: inner, schema: items, path, dropped });
    path.pop();
    if (out === undefined && (!result.keep || result.value !== inner)) out = value.slice(0, index);
    if (out !== undefined && result.keep) out.push(result.value);
  }
  return out ?? value;
}

/** The first keys of an object, assigned one by one as the whole copy always was. */
function copyKeys(input: { readonly from: Record<string, unknown>; readonly keys: readonly string[] }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of input.keys) out[key] = input.from[key];
  return out;
}

/** `value` with every part that breaks `schema` left out, and the JSON pointers of what was left out. */
export function conformToSchema(input: { readonly value: unknown; readonly schema: JsonObject }): Conformed {
  const dropped: string[] = [];
  const result = conformAt({ value: input.value, schema: input.schema, path: [], dropped });
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
