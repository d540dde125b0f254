import { isObject } from './json-pointer.ts';
import { describeField } from './schema-validator.ts';
import type { IssueKind, IssueLocation, JsonObject, ValidationIssue } from './types.ts';

/** What coercion needs to know about a path or query parameter. */
export type CoercibleParam = {
  name: string;
  required: boolean;
  schema: JsonObject;
  style?: string;
  explode?: boolean;
};

/** Follows a `$ref` inside a parameter schema (array items, anyOf members); identity when there is none. */
export type SchemaResolver = (node: unknown) => JsonObject;

const identity: SchemaResolver = (node) => (isObject(node) ? node : {});

type Coerced = { ok: true; value: unknown } | { ok: false; kind: IssueKind; expected: string };

/** The JSON types a schema admits, looking through `anyOf`/`oneOf` and `enum`. */
export function typesOf(input: { schema: JsonObject; resolve?: SchemaResolver }): string[] {
  const resolve = input.resolve ?? identity;
  const { schema } = input;
  if (typeof schema.type === 'string') return [schema.type];
  if (Array.isArray(schema.type)) return schema.type.filter((type): type is string => typeof type === 'string');
  for (const key of ['anyOf', 'oneOf'] as const) {
    const members = schema[key];
    if (Array.isArray(members)) return [...new Set(members.flatMap((member) => typesOf({ schema: resolve(member), resolve })))];
  }
  if (Array.isArray(schema.enum)) {
    return [...new Set(schema.enum.map((value) => (Number.isInteger(value) ? 'integer' : value === null ? 'null' : typeof value)))];
  }
  return [];
}

const INTEGER = /^-?\d+$/;
const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Turns one wire string into the JSON value the schema asks for. Strings are the fallback, never a guess. */
export function coerceScalar(input: { raw: string; schema: JsonObject; resolve?: SchemaResolver }): Coerced {
  const types = typesOf(input);
  const { raw } = input;
  if (types.length === 0) return { ok: true, value: raw };
  if (types.includes('integer') && INTEGER.test(raw)) return { ok: true, value: Number(raw) };
  if (types.includes('number') && NUMBER.test(raw)) return { ok: true, value: Number(raw) };
  if (types.includes('boolean') && (raw === 'true' || raw === 'false')) return { ok: true, value: raw === 'true' };
  if (types.includes('null') && raw === 'null') return { ok: true, value: null };
  if (types.includes('string')) return { ok: true, value: raw };
  const first = types.find((type) => type !== 'null') ?? 'null';
  const kind: IssueKind = first === 'integer' ? 'type-integer' : first === 'number' ? 'type-number' : first === 'boolean' ? 'type-boolean' : 'other';
  return { ok: false, kind, expected: types.join(' or ') };
}

function itemSchemaOf(input: { schema: JsonObject; resolve: SchemaResolver }): JsonObject | undefined {
  const types = typesOf(input);
  if (!types.includes('array')) return undefined;
  return input.resolve(input.schema.items);
}

/** Splits a non-exploded array value the way OpenAPI `style` says. */
function splitDelimited(input: { raw: string; style: string | undefined }): string[] {
  const delimiter = input.style === 'spaceDelimited' ? ' ' : input.style === 'pipeDelimited' ? '|' : ',';
  return input.raw === '' ? [] : input.raw.split(delimiter);
}

export type ParamValidator = (input: { param: CoercibleParam; value: unknown; location: IssueLocation }) => ValidationIssue[];

/** Coerces one parameter's raw values (all occurrences of its key, in order). */
export function coerceParam(input: {
  param: CoercibleParam;
  raws: string[];
  location: IssueLocation;
  resolve?: SchemaResolver;
}): { value?: unknown; issues: ValidationIssue[] } {
  const resolve = input.resolve ?? identity;
  const { param, raws, location } = input;
  const field = param.name;
  const issue = (made: { kind: IssueKind; message: string }): ValidationIssue => ({ location, field, ...made });
  const itemSchema = itemSchemaOf({ schema: param.schema, resolve });
  if (itemSchema !== undefined) {
    const explode = param.explode ?? (param.style ?? 'form') === 'form';
    if (!explode && raws.length > 1) {
      return { issues: [issue({ kind: 'type-array', message: `${describeField({ location, field })} must be sent once, as a delimited list` })] };
    }
    const parts = explode ? raws : splitDelimited({ raw: raws[0] ?? '', style: param.style });
    const values: unknown[] = [];
    for (const part of parts) {
      const coerced = coerceScalar({ raw: part, schema: itemSchema, resolve });
      if (!coerced.ok) {
        return { issues: [issue({ kind: coerced.kind, message: `${describeField({ location, field })} items must be of type ${coerced.expected}` })] };
      }
      values.push(coerced.value);
    }
    return { value: values, issues: [] };
  }
  if (raws.length > 1) {
    return { issues: [issue({ kind: 'other', message: `${describeField({ location, field })} must not be repeated` })] };
  }
  const coerced = coerceScalar({ raw: raws[0] ?? '', schema: param.schema, resolve });
  if (!coerced.ok) return { issues: [issue({ kind: coerced.kind, message: `${describeField({ location, field })} must be of type ${coerced.expected}` })] };
  return { value: coerced.value, issues: [] };
}

/**
 * Coerces and checks a query string against the declared parameters: unknown keys, missing
 * required ones, type coercion, then `validate` (enum, bounds, formats) on the coerced value.
 */
export function coerceQuery(input: {
  params: readonly CoercibleParam[];
  entries: readonly (readonly [string, string])[];
  resolve?: SchemaResolver;
  validate?: ParamValidator;
}): { values: Record<string, unknown>; issues: ValidationIssue[] } {
  const declared = new Map(input.params.map((param) => [param.name, param]));
  const grouped = new Map<string, string[]>();
  const issues: ValidationIssue[] = [];
  for (const [key, value] of input.entries) {
    if (!declared.has(key)) {
      if (!grouped.has(key)) issues.push({ location: 'query', field: key, kind: 'unknown', message: `query parameter ${key} is not allowed` });
      grouped.set(key, []);
      continue;
    }
    grouped.set(key, [...(grouped.get(key) ?? []), value]);
  }
  const values: Record<string, unknown> = {};
  for (const param of input.params) {
    const raws = grouped.get(param.name);
    if (raws === undefined) {
      if (param.required) issues.push({ location: 'query', field: param.name, kind: 'required', message: `query parameter ${param.name} is required` });
      continue;
    }
    const coerced = coerceParam({ param, raws, location: 'query', resolve: input.resolve });
    if (coerced.issues.length > 0) {
      issues.push(...coerced.issues);
      continue;
    }
    const found = input.validate?.({ param, value: coerced.value, location: 'query' }) ?? [];
    if (found.length > 0) issues.push(...found);
    else values[param.name] = coerced.value;
  }
  return { values, issues };
}
