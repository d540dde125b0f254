import { joinPointer } from '../../shared/json-pointer.ts';
import type { ArgLocation, JsonSchema, QueryStyle, SourceRef } from '../types.ts';
import { isRecord, report, type BuildContext } from './build-context.ts';
import { dropLengthsThePatternFixes } from './pattern-length.ts';
import { derefObject } from './reference-object.ts';
import { normalizeSchema } from './schema-object.ts';

/** A parameter before it gets its flat argument name. */
export type WireParameter = {
  readonly wireName: string;
  readonly location: Exclude<ArgLocation, 'body'>;
  readonly required: boolean;
  readonly schema: JsonSchema;
  readonly style?: QueryStyle;
  readonly explode?: boolean;
  readonly source: SourceRef;
};

/** OpenAPI says these header parameters are ignored: the HTTP layer owns them. */
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);
const QUERY_STYLES: ReadonlySet<string> = new Set(['form', 'spaceDelimited', 'pipeDelimited', 'deepObject']);

function parameterSchema(input: { readonly context: BuildContext; readonly parameter: Record<string, unknown>; readonly at: string }): JsonSchema {
  const { context, parameter, at } = input;
  let schema: JsonSchema = {};
  if ('schema' in parameter) schema = normalizeSchema({ context, schema: parameter['schema'], at: joinPointer(at, 'schema'), direction: 'input' });
  else if (isRecord(parameter['content'])) {
    const [mediaType, media] = Object.entries(parameter['content'])[0] ?? [];
    if (mediaType !== undefined && isRecord(media)) schema = normalizeSchema({ context, schema: media['schema'], at: joinPointer(at, 'content', mediaType, 'schema'), direction: 'input' });
  }
  const description = typeof parameter['description'] === 'string' ? parameter['description'].trim() : '';
  if (description !== '') schema = { ...schema, description };
  if (parameter['in'] === 'path' && (schema['type'] === 'string' || schema['type'] === undefined)) {
    // An empty path value would silently address a different resource (`/orders/` lists orders).
    // A pattern that fixes a non-zero length already refuses it, so the bound goes again (~2.4 tokens a Twilio tool).
    schema = { type: 'string', ...schema, minLength: Math.max(1, Number(schema['minLength'] ?? 1)) };
    dropLengthsThePatternFixes(schema);
  }
  return schema;
}

function toWireParameter(input: { readonly context: BuildContext; readonly parameter: Record<string, unknown>; readonly at: string }): WireParameter | undefined {
  const { context, parameter, at } = input;
  const name = parameter['name'];
  const location = parameter['in'];
  if (typeof name !== 'string' || typeof location !== 'string') return undefined;
  if (location === 'cookie') {
    report({ context, code: 'VMCP_PARAMETER_UNSUPPORTED', severity: 'warning', pointer: at, message: `Cookie parameter ${JSON.stringify(name)} is not sent` });
    return undefined;
  }
  if (location === 'header' && IGNORED_HEADERS.has(name.toLowerCase())) return undefined;
  if (location !== 'path' && location !== 'query' && location !== 'header') return undefined;
  const style = typeof parameter['style'] === 'string' && QUERY_STYLES.has(parameter['style']) ? (parameter['style'] as QueryStyle) : undefined;
  return {
    wireName: name,
    location,
    required: location === 'path' || parameter['required'] === true,
    schema: parameterSchema({ context, parameter, at }),
    ...(location === 'query' ? { style: style ?? 'form', explode: typeof parameter['explode'] === 'boolean' ? parameter['explode'] : (style ?? 'form') === 'form' } : {}),
    source: { file: context.file, pointer: at },
  };
}

/** Path-item parameters apply unless the operation redeclares the same name and location. */
export function collectParameters(input: {
  readonly context: BuildContext;
  readonly pathItem: Record<string, unknown>;
  readonly pathPointer: string;
  readonly operation: Record<string, unknown>;
  readonly operationPointer: string;
}): WireParameter[] {
  const byKey = new Map<string, WireParameter>();
  const lists = [
    { list: input.pathItem['parameters'], at: joinPointer(input.pathPointer, 'parameters') },
    { list: input.operation['parameters'], at: joinPointer(input.operationPointer, 'parameters') },
  ];
  for (const { list, at } of lists) {
    if (!Array.isArray(list)) continue;
    list.forEach((entry, index) => {
      const resolved = derefObject({ context: input.context, value: entry, at: joinPointer(at, index) });
      if (resolved === undefined || !isRecord(resolved.value)) return;
      const parameter = toWireParameter({ context: input.context, parameter: resolved.value, at: resolved.pointer });
      if (parameter !== undefined) byKey.set(`${parameter.location}:${parameter.wireName}`, parameter);
    });
  }
  return [...byKey.values()];
}
