import { describe, expect, it } from 'vitest';
import { MAX_REF_CHAIN } from '../../generator/ir/from-openapi/schema-object.ts';
import { buildFromText } from '../support/generate-in-memory.ts';

/**
 * A tool's outputSchema from its documented 2xx response, read from a small inline document: which
 * response is used, how unions and refs fold into one shape, and where the depth cut falls.
 */
function doc(input: { readonly responses: Record<string, unknown>; readonly schemas?: Record<string, unknown>; readonly componentResponses?: Record<string, unknown>; readonly paging?: Record<string, unknown> }): string {
  return JSON.stringify({
    openapi: '3.1.0',
    info: { title: 'Acme', version: '1' },
    servers: [{ url: 'https://api.acme.test' }],
    'x-mcp': { vendor: 'Acme', package: 'acme', title: 'Acme', envPrefix: 'ACME', auth: { scheme: 'bearer', env: 'ACME_TOKEN' }, ...(input.paging ? { pagination: { p: input.paging } } : {}) },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } }, schemas: input.schemas ?? {}, responses: input.componentResponses ?? {} },
    paths: {
      '/things': {
        get: {
          parameters: [{ name: 'offset', in: 'query', schema: { type: 'integer' } }, { name: 'size', in: 'query', schema: { type: 'integer' } }],
          'x-mcp': { resource: 'things', method: 'list', description: 'List things.', ...(input.paging ? { pagination: 'p' } : {}) },
          responses: input.responses,
        },
      },
    },
  });
}

function outputOf(input: Parameters<typeof doc>[0]): unknown {
  const { api, diagnostics } = buildFromText({ text: doc(input), file: 'acme.json' });
  expect(diagnostics.filter((d) => d.severity === 'error')).toStrictEqual([]);
  return api!.tools[0]!.outputSchema;
}

const json = (schema: unknown, media = 'application/json') => ({ description: 'ok', content: { [media]: { schema } } });
const ID = { type: 'object', properties: { id: { type: 'string' } } };
const ID_OUT = { type: 'object', properties: { id: { type: 'string' } } };

describe('which response describes the result', () => {
  it.each<{ readonly name: string; readonly responses: Record<string, unknown>; readonly componentResponses?: Record<string, unknown>; readonly want: unknown }>([
    { name: 'the first 2xx with JSON content, in code order', responses: { 201: json({ type: 'object', properties: { b: { type: 'string' } } }), 200: { description: 'empty' } }, want: { type: 'object', properties: { b: { type: 'string' } } } },
    { name: '200 before 201', responses: { 201: json({ type: 'object', properties: { b: { type: 'string' } } }), 200: json(ID) }, want: ID_OUT },
    { name: 'a 2XX range, in any case', responses: { '2xx': json(ID) }, want: ID_OUT },
    { name: 'not a 3xx, default or a two-digit code', responses: { 302: json(ID), default: json(ID), 20: json(ID) }, want: { type: 'object' } },
    { name: 'a vendor JSON media type', responses: { 200: json(ID, 'application/vnd.acme+json; charset=utf-8') }, want: ID_OUT },
    { name: 'any media type (*/*)', responses: { 200: json(ID, '*/*') }, want: ID_OUT },
    { name: 'not text', responses: { 200: json(ID, 'text/plain') }, want: { type: 'object' } },
    { name: 'not a type that only starts like JSON', responses: { 200: json(ID, 'application/jsonl') }, want: { type: 'object' } },
    { name: 'JSON content without a schema', responses: { 200: { description: 'ok', content: { 'application/json': {} } } }, want: { type: 'object' } },
    { name: 'a response by $ref', responses: { 200: { $ref: '#/components/responses/Ok' } }, componentResponses: { Ok: json(ID) }, want: ID_OUT },
    { name: 'not a code that only ends or only starts like 2xx', responses: { 1200: json(ID), 2000: json(ID) }, want: { type: 'object' } },
    { name: 'the next 2xx when the first JSON content has no schema', responses: { 200: { description: 'ok', content: { 'application/json': {} } }, 201: json(ID) }, want: ID_OUT },
    { name: 'not multipart that names JSON in a parameter', responses: { 200: json(ID, 'multipart/related; type=application/json') }, want: { type: 'object' } },
    { name: 'not a type that only ends like */*', responses: { 200: json(ID, 'text/*/*') }, want: { type: 'object' } },
    { name: 'not a media key that is no type at all', responses: { 200: json(ID, 'undefined') }, want: { type: 'object' } },
    { name: 'a response $ref that loops: an open object', responses: { 200: { $ref: '#/components/responses/Ok' } }, componentResponses: { Ok: { $ref: '#/components/responses/Ok' } }, want: { type: 'object' } },
  ])('$name', ({ responses, componentResponses, want }) => {
    expect(outputOf({ responses, ...(componentResponses ? { componentResponses } : {}) })).toStrictEqual(want);
  });
});

describe('the shape: types, properties and items only', () => {
  const of = (schema: unknown, schemas?: Record<string, unknown>) => outputOf({ responses: { 200: json({ type: 'object', properties: { f: schema } }) }, ...(schemas ? { schemas } : {}) });
  const field = (want: unknown) => ({ type: 'object', properties: { f: want } });

  it.each<{ readonly name: string; readonly schema: unknown; readonly schemas?: Record<string, unknown>; readonly want: unknown }>([
    { name: 'a number that is sometimes an integer is a number', schema: { oneOf: [{ type: 'integer' }, { type: 'number' }] }, want: { type: 'number' } },
    { name: 'integer and string stay a union, sorted', schema: { anyOf: [{ type: 'string' }, { type: 'integer' }] }, want: { type: ['integer', 'string'] } },
    { name: 'unknown type names are dropped', schema: { type: ['string', 'file', 7] }, want: { type: 'string' } },
    { name: 'no type at all: any', schema: { description: 'Anything.' }, want: {} },
    { name: 'a true schema (3.1): any', schema: true, want: {} },
    { name: 'an object without properties stays an object', schema: { type: 'object' }, want: { type: 'object' } },
    { name: 'nullable adds null', schema: { type: 'string', nullable: true }, want: { type: ['null', 'string'] } },
    { name: 'properties imply an object', schema: { properties: { a: { type: 'boolean' } } }, want: { type: 'object', properties: { a: { type: 'boolean' } } } },
    { name: 'items imply an array', schema: { items: { type: 'string' } }, want: { type: 'array', items: { type: 'string' } } },
    { name: 'an array without items says items: any', schema: { type: 'array' }, want: { type: 'array', items: {} } },
    { name: 'allOf members merge; the first member\'s property wins', schema: { allOf: [{ type: 'object', properties: { a: { type: 'string' } } }, { properties: { a: { type: 'integer' }, b: { type: 'boolean' } } }] }, want: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'boolean' } } } },
    { name: 'the first items win', schema: { oneOf: [{ type: 'array', items: { type: 'string' } }, { type: 'array', items: { type: 'integer' } }] }, want: { type: 'array', items: { type: 'string' } } },
    { name: 'writeOnly properties are left out', schema: { type: 'object', properties: { a: { type: 'string', writeOnly: true }, b: { type: 'string', writeOnly: false } } }, want: { type: 'object', properties: { b: { type: 'string' } } } },
    { name: 'a ref is followed', schema: { $ref: '#/components/schemas/T' }, schemas: { T: ID }, want: ID_OUT },
    { name: 'a ref to a schema that is not an object is an open object', schema: { $ref: '#/components/schemas/T' }, schemas: { T: true }, want: { type: 'object' } },
    { name: 'a self-reference stops as an open object', schema: { $ref: '#/components/schemas/N' }, schemas: { N: { type: 'object', properties: { next: { $ref: '#/components/schemas/N' } } } }, want: { type: 'object', properties: { next: { type: 'object' } } } },
    { name: 'the same ref twice side by side is not a recursion', schema: { type: 'object', properties: { a: { $ref: '#/components/schemas/T' }, b: { $ref: '#/components/schemas/T' } } }, schemas: { T: { type: 'string' } }, want: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } } } },
  ])('$name', ({ schema, schemas, want }) => {
    expect(of(schema, schemas)).toStrictEqual(field(want));
  });

  it('three levels of properties below the root are kept; the fourth is types only', () => {
    const nest = (depth: number): unknown => (depth === 0 ? { type: 'string' } : { type: 'object', properties: { n: nest(depth - 1) } });
    const open = (depth: number): unknown => (depth === 0 ? { type: 'object' } : { type: 'object', properties: { n: open(depth - 1) } });
    expect(outputOf({ responses: { 200: json(nest(3)) } })).toStrictEqual(nest(3));
    expect(outputOf({ responses: { 200: json(nest(4)) } })).toStrictEqual(open(3));
    // At the cut an array keeps an any items; one level above it keeps its item type.
    const arrayAt = (depth: number): unknown => (depth === 1 ? { type: 'array', items: { type: 'string' } } : { type: 'object', properties: { n: arrayAt(depth - 1) } });
    const cutArrayAt = (depth: number): unknown => (depth === 1 ? { type: 'array', items: {} } : { type: 'object', properties: { n: cutArrayAt(depth - 1) } });
    expect(outputOf({ responses: { 200: json(arrayAt(3)) } })).toStrictEqual(arrayAt(3));
    expect(outputOf({ responses: { 200: json(arrayAt(4)) } })).toStrictEqual(cutArrayAt(4));
  });
});

describe('the root is always an object', () => {
  it.each<{ readonly name: string; readonly schema: unknown; readonly want: unknown }>([
    { name: 'an array as {items}', schema: { type: 'array', items: { type: 'string' } }, want: { type: 'object', properties: { items: { type: 'array', items: { type: 'string' } } } } },
    { name: 'a scalar as {value}', schema: { type: 'integer' }, want: { type: 'object', properties: { value: { type: 'integer' } } } },
    { name: 'a scalar union as one {value}', schema: { type: ['string', 'integer'] }, want: { type: 'object', properties: { value: { type: ['integer', 'string'] } } } },
    { name: 'no type at all as an any {value}', schema: { description: 'Whatever.' }, want: { type: 'object', properties: { value: {} } } },
    { name: 'a nullable object keeps its fields and a value', schema: { type: 'object', nullable: true, properties: { a: { type: 'string' } } }, want: { type: 'object', properties: { a: { type: 'string' }, value: { type: 'null' } } } },
    { name: 'an object or an array: fields and items', schema: { oneOf: [ID, { type: 'array' }] }, want: { type: 'object', properties: { id: { type: 'string' }, items: { type: 'array', items: {} } } } },
    { name: 'an object without fields as it is', schema: { type: 'object' }, want: { type: 'object' } },
    { name: 'an object or a string: fields and a value', schema: { oneOf: [ID, { type: 'string' }] }, want: { type: 'object', properties: { id: { type: 'string' }, value: { type: 'string' } } } },
  ])('$name', ({ schema, want }) => {
    expect(outputOf({ responses: { 200: json(schema) } })).toStrictEqual(want);
  });
});

describe('a paged tool: the wrapper the runtime builds, with the item shape at the items pointer', () => {
  const PAGING = { style: 'offset', offset: 'offset', limit: 'size', items: '/data', defaultLimit: 10, maxLimit: 50 };
  const wrapper = (items: unknown, total = false) => ({
    type: 'object',
    properties: { items: { type: 'array', items }, next_cursor: { type: ['null', 'string'] }, ...(total ? { total: { type: 'number' } } : {}), truncated: { type: 'boolean' } },
  });

  it.each<{ readonly name: string; readonly schema: unknown; readonly paging?: Record<string, unknown>; readonly schemas?: Record<string, unknown>; readonly want: unknown }>([
    { name: 'the items of /data', schema: { type: 'object', properties: { data: { type: 'array', items: ID } } }, want: wrapper(ID_OUT) },
    { name: 'a total when the strategy reads one', schema: { type: 'object', properties: { data: { type: 'array', items: ID } } }, paging: { total: '/count' }, want: wrapper(ID_OUT, true) },
    { name: 'a bare array ("" items)', schema: { type: 'array', items: ID }, paging: { items: '' }, want: wrapper(ID_OUT) },
    { name: 'items without type', schema: { items: ID }, paging: { items: '' }, want: wrapper(ID_OUT) },
    { name: 'the array among the union members at the pointer', schema: { oneOf: [{ type: 'array', items: ID }, { type: 'null' }] }, paging: { items: '' }, want: wrapper(ID_OUT) },
    { name: 'a schema $ref that loops: any items', schema: { $ref: '#/components/schemas/A' }, schemas: { A: { $ref: '#/components/schemas/A' } }, paging: { items: '' }, want: wrapper({}) },
    { name: 'through a ref and a union member', schema: { $ref: '#/components/schemas/Page' }, schemas: { Page: { oneOf: [{ type: 'object', properties: { error: { type: 'string' } } }, { type: 'object', properties: { data: { type: 'array', items: ID } } }] } }, want: wrapper(ID_OUT) },
    { name: 'a pointer the response lacks: any items', schema: { type: 'object', properties: { rows: { type: 'array', items: ID } } }, want: wrapper({}) },
    { name: 'a pointer to something that is not a list: any items', schema: { type: 'object', properties: { data: { type: 'string' } } }, want: wrapper({}) },
    { name: 'two levels below the items, then types only', schema: { type: 'object', properties: { data: { type: 'array', items: { type: 'object', properties: { a: { type: 'object', properties: { b: { type: 'object', properties: { c: { type: 'string' } } } } } } } } } }, want: wrapper({ type: 'object', properties: { a: { type: 'object', properties: { b: { type: 'object' } } } } }) },
  ])('$name', ({ schema, paging, schemas, want }) => {
    expect(outputOf({ responses: { 200: json(schema) }, paging: { ...PAGING, ...paging }, ...(schemas ? { schemas } : {}) })).toStrictEqual(want);
  });

  it('no documented response: the wrapper with any items', () => {
    expect(outputOf({ responses: { 200: { description: 'ok' } }, paging: PAGING })).toStrictEqual(wrapper({}));
  });
});

describe('responses the table above cannot state', () => {
  it('an operation without responses: an open object', () => {
    const parsed = JSON.parse(doc({ responses: {} })) as { paths: { '/things': { get: Record<string, unknown> } } };
    delete parsed.paths['/things'].get['responses'];
    const text = JSON.stringify(parsed);
    const { api, diagnostics } = buildFromText({ text, file: 'acme.json' });
    expect(diagnostics.filter((d) => d.severity === 'error')).toStrictEqual([]);
    expect(api!.tools[0]!.outputSchema).toStrictEqual({ type: 'object' });
  });

  it('two 2xx ranges that differ only in case: the same choice whatever their order', () => {
    const a = json({ type: 'object', properties: { a: { type: 'string' } } });
    const b = json({ type: 'object', properties: { b: { type: 'string' } } });
    const want = { type: 'object', properties: { a: { type: 'string' } } };
    expect(outputOf({ responses: { '2XX': a, '2xx': b } })).toStrictEqual(want);
    expect(outputOf({ responses: { '2xx': b, '2XX': a } })).toStrictEqual(want);
  });

  it('a response $ref that does not resolve is reported where the response is', () => {
    const { diagnostics } = buildFromText({ text: doc({ responses: { 200: { $ref: '#/components/responses/Nope' } } }), file: 'acme.json' });
    expect(diagnostics.map((d) => `${d.code} ${d.location.pointer}`)).toContain('VMCP_REF_NOT_FOUND /paths/~1things/get/responses/200');
  });
});

describe('property names as the document writes them', () => {
  it('keep first-seen order across union members (index-like names first, as in any JSON object), and __proto__ stays a property', () => {
    const first = { type: 'object', properties: { b: { type: 'string' }, 10: { type: 'string' }, ['__proto__']: { type: 'integer' } } };
    const second = { type: 'object', properties: { a: { type: 'boolean' }, 2: { type: 'boolean' }, b: { type: 'integer' }, ['__proto__']: { type: 'string' } } };
    const out = outputOf({ responses: { 200: { description: 'ok', content: { 'application/json': { schema: { anyOf: [first, second] } } } } } }) as { properties: Record<string, unknown> };
    expect(JSON.stringify(out)).toBe('{"type":"object","properties":{"2":{"type":"boolean"},"10":{"type":"string"},"b":{"type":"string"},"__proto__":{"type":"integer"},"a":{"type":"boolean"}}}');
    expect(Object.getPrototypeOf(out.properties)).toBe(Object.prototype);
    expect(Object.hasOwn(out.properties, '__proto__')).toBe(true);
  });
});

describe('a response $ref chain', () => {
  /** `links` $refs in a row under the 200 response: S0 → S1 → … ending in an object with an id. */
  const chained = (links: number) => {
    const schemas: Record<string, unknown> = { [`S${links - 1}`]: ID };
    for (let index = 0; index < links - 1; index += 1) schemas[`S${index}`] = { $ref: `#/components/schemas/S${index + 1}` };
    return doc({ responses: { 200: json({ $ref: '#/components/schemas/S0' }) }, schemas });
  };

  it('of exactly the request side\'s bound is folded to its end', () => {
    const { api, diagnostics } = buildFromText({ text: chained(MAX_REF_CHAIN), file: 'acme.json' });
    expect(diagnostics.filter((d) => d.severity === 'error')).toStrictEqual([]);
    expect(api!.tools[0]!.outputSchema).toStrictEqual(ID_OUT);
  });

  it.each([MAX_REF_CHAIN + 1, 5_000])('of %i links ends in one error diagnostic, not a stack overflow', (links) => {
    const { diagnostics } = buildFromText({ text: chained(links), file: 'acme.json' });
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.location.pointer}: ${d.message}`)).toStrictEqual([
      `VMCP_REF_CHAIN_TOO_LONG /components/schemas/S${MAX_REF_CHAIN - 1}: More than ${MAX_REF_CHAIN} $refs are being followed at once in a response schema here (the chain began at /components/schemas/S0); the generator stops rather than follow it further`,
    ]);
  });
});

describe('a response schema that is a cycle of bare $refs', () => {
  it.each<{ readonly name: string; readonly schemas: Record<string, unknown>; readonly want: string[] }>([
    { name: 'one $ref to itself', schemas: { A: { $ref: '#/components/schemas/A' } }, want: ['VMCP_REF_CYCLE /components/schemas/A/$ref'] },
    { name: 'two $refs to each other', schemas: { A: { $ref: '#/components/schemas/B' }, B: { $ref: '#/components/schemas/A' } }, want: ['VMCP_REF_CYCLE /components/schemas/B/$ref'] },
    { name: 'not a tree, which has a schema on its cycle', schemas: { A: { type: 'object', properties: { child: { $ref: '#/components/schemas/A' } } } }, want: [] },
  ])('$name: refused as in a request', ({ schemas, want }) => {
    const { diagnostics } = buildFromText({ text: doc({ responses: { 200: json({ $ref: '#/components/schemas/A' }) }, schemas }), file: 'acme.json' });
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.location.pointer}`)).toStrictEqual(want);
  });
});
