import { describe, expect, it } from 'vitest';
import { buildDoc } from '../../scripts/simulator/load-doc.ts';
import { coerceQuery, coerceScalar, type CoercibleParam } from '../../scripts/simulator/query-coercion.ts';
import { createSchemaValidator } from '../../scripts/simulator/schema-validator.ts';
import type { JsonObject } from '../../scripts/simulator/types.ts';

describe('coerceScalar', () => {
  const cases: { given: { raw: string; schema: JsonObject }; want: unknown }[] = [
    { given: { raw: '12', schema: { type: 'integer' } }, want: { ok: true, value: 12 } },
    { given: { raw: '-3', schema: { type: 'integer' } }, want: { ok: true, value: -3 } },
    { given: { raw: '1.5', schema: { type: 'integer' } }, want: { ok: false, kind: 'type-integer', expected: 'integer' } },
    { given: { raw: '', schema: { type: 'integer' } }, want: { ok: false, kind: 'type-integer', expected: 'integer' } },
    { given: { raw: '1.5', schema: { type: 'number' } }, want: { ok: true, value: 1.5 } },
    { given: { raw: 'abc', schema: { type: 'number' } }, want: { ok: false, kind: 'type-number', expected: 'number' } },
    { given: { raw: 'true', schema: { type: 'boolean' } }, want: { ok: true, value: true } },
    { given: { raw: 'false', schema: { type: 'boolean' } }, want: { ok: true, value: false } },
    { given: { raw: 'yes', schema: { type: 'boolean' } }, want: { ok: false, kind: 'type-boolean', expected: 'boolean' } },
    { given: { raw: '42', schema: { type: 'string' } }, want: { ok: true, value: '42' } },
    { given: { raw: '42', schema: { type: ['integer', 'null'] } }, want: { ok: true, value: 42 } },
    { given: { raw: 'null', schema: { type: ['integer', 'null'] } }, want: { ok: true, value: null } },
    { given: { raw: '7', schema: { enum: [5, 7] } }, want: { ok: true, value: 7 } },
    { given: { raw: 'x', schema: {} }, want: { ok: true, value: 'x' } },
  ];
  it.each(cases)('$given.raw as $given.schema', ({ given, want }) => {
    expect(coerceScalar(given)).toEqual(want);
  });
});

/** A tiny doc so validation runs through the same ajv setup as the simulator. */
const doc = buildDoc({
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths: {
    '/things': {
      get: {
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 0, maximum: 200 } },
          { name: 'order', in: 'query', schema: { type: 'string', enum: ['asc', 'desc'] } },
          { name: 'flag', in: 'query', schema: { type: 'boolean' } },
          { name: 'ids', in: 'query', style: 'form', explode: false, schema: { type: 'array', items: { type: 'integer' } } },
          { name: 'types', in: 'query', schema: { type: 'array', items: { $ref: '#/components/schemas/Kind' } } },
          { name: 'day', in: 'query', schema: { type: 'string', format: 'date' } },
          { name: 'owner', in: 'query', schema: { type: 'string', format: 'uuid' } },
          { name: 'email', in: 'query', schema: { type: 'string', format: 'email' } },
          { name: 'need', in: 'query', required: true, schema: { type: 'string' } },
        ],
        responses: { '200': { description: 'ok' } },
      },
    },
  },
  components: { schemas: { Kind: { type: 'string', enum: ['create', 'mutate'] } } },
});
const validator = createSchemaValidator(doc.raw);
const operation = doc.operations[0]!;
const params: CoercibleParam[] = operation.parameters;
const resolve = (node: unknown): JsonObject => {
  const ref = (node as JsonObject | undefined)?.$ref;
  return typeof ref === 'string' ? ((doc.raw.components as JsonObject).schemas as Record<string, JsonObject>)[ref.split('/').pop() ?? '']! : ((node ?? {}) as JsonObject);
};

function run(query: string) {
  return coerceQuery({
    params,
    entries: [...new URLSearchParams(query)],
    resolve,
    validate: ({ param, value, location }) => {
      const pointer = operation.parameters.find((candidate) => candidate.name === param.name)!.schemaPointer;
      return validator.validate({ pointer, value, location, field: param.name });
    },
  });
}

describe('coerceQuery', () => {
  const cases: { given: string; want: { values?: Record<string, unknown>; issues?: { field: string; kind: string }[] } }[] = [
    { given: 'need=x&limit=20&order=desc&flag=true', want: { values: { need: 'x', limit: 20, order: 'desc', flag: true }, issues: [] } },
    { given: 'need=x&ids=1,2,3', want: { values: { need: 'x', ids: [1, 2, 3] }, issues: [] } },
    { given: 'need=x&types=create&types=mutate', want: { values: { need: 'x', types: ['create', 'mutate'] }, issues: [] } },
    { given: 'need=x&types=create', want: { values: { need: 'x', types: ['create'] }, issues: [] } },
    { given: 'need=x&day=2026-02-28&owner=6f1c2d3e-0000-4000-8000-000000000001&email=a%2Bb@example.com', want: { issues: [] } },
    { given: 'limit=1', want: { issues: [{ field: 'need', kind: 'required' }] } },
    { given: 'need=x&bogus=1&bogus=2', want: { issues: [{ field: 'bogus', kind: 'unknown' }] } },
    { given: 'need=x&limit=abc', want: { issues: [{ field: 'limit', kind: 'type-integer' }] } },
    { given: 'need=x&limit=500', want: { issues: [{ field: 'limit', kind: 'range' }] } },
    { given: 'need=x&limit=-1', want: { issues: [{ field: 'limit', kind: 'range' }] } },
    { given: 'need=x&order=sideways', want: { issues: [{ field: 'order', kind: 'enum' }] } },
    { given: 'need=x&flag=1', want: { issues: [{ field: 'flag', kind: 'type-boolean' }] } },
    { given: 'need=x&types=delay', want: { issues: [{ field: 'types.0', kind: 'enum' }] } },
    { given: 'need=x&ids=1&ids=2', want: { issues: [{ field: 'ids', kind: 'type-array' }] } },
    { given: 'need=x&ids=1,b', want: { issues: [{ field: 'ids', kind: 'type-integer' }] } },
    { given: 'need=x&limit=1&limit=2', want: { issues: [{ field: 'limit', kind: 'other' }] } },
    { given: 'need=x&day=2026-02-30', want: { issues: [{ field: 'day', kind: 'format-date' }] } },
    { given: 'need=x&owner=L-4599', want: { issues: [{ field: 'owner', kind: 'format-other' }] } },
    { given: 'need=x&email=not-an-email', want: { issues: [{ field: 'email', kind: 'format-email' }] } },
  ];
  it.each(cases)('$given', ({ given, want }) => {
    const result = run(given);
    if (want.values !== undefined) expect(result.values).toEqual(want.values);
    if (want.issues !== undefined) expect(result.issues.map(({ field, kind }) => ({ field, kind }))).toEqual(want.issues);
  });

  it('writes messages that name the parameter', () => {
    expect(run('need=x&order=sideways').issues[0]?.message).toBe('query parameter order must be one of: "asc", "desc"');
    expect(run('').issues[0]?.message).toBe('query parameter need is required');
  });
});
