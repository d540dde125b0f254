import { describe, expect, it } from 'vitest';
import { buildFromText } from '../support/generate-in-memory.ts';

const PAGING = { pages: { style: 'page', page: 'page', limit: 'size', items: '/data', total: '/meta/total', defaultLimit: 20, maxLimit: 50 } };

/** One JSON vendor doc with a single GET operation; each case replaces its parts. */
function doc(input: { readonly response?: unknown; readonly parameters?: unknown[]; readonly xmcp?: Record<string, unknown>; readonly paging?: unknown; readonly schemas?: Record<string, unknown> }): string {
  return JSON.stringify({
    openapi: '3.1.0',
    info: { title: 'Acme', version: '1' },
    servers: [{ url: 'https://api.acme.test' }],
    'x-mcp': { vendor: 'Acme', package: 'acme', title: 'Acme', envPrefix: 'ACME', auth: { scheme: 'bearer', env: 'ACME_TOKEN' }, ...(input.paging ? { pagination: input.paging } : {}) },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } }, schemas: input.schemas ?? {} },
    paths: {
      '/things': {
        get: {
          parameters: input.parameters ?? [],
          'x-mcp': { resource: 'things', method: 'list', description: 'List things.', ...input.xmcp },
          responses: { 200: { description: 'ok', ...(input.response !== undefined ? { content: { 'application/json': { schema: input.response } } } : {}) } },
        },
      },
    },
  });
}

const THING = { type: 'object', required: ['id'], additionalProperties: false, properties: { id: { type: 'string', format: 'uuid', pattern: '^[a-f0-9-]+$' }, size: { type: 'integer', enum: [1, 2] }, secret: { type: 'string', writeOnly: true } } };

describe('outputSchema: an object root, tolerant, from the 2xx response', () => {
  it.each<{ readonly name: string; readonly response?: unknown; readonly schemas?: Record<string, unknown>; readonly want: unknown }>([
    { name: 'no JSON response: an open object', want: { type: 'object' } },
    { name: 'an object: types and properties only; no required, enum, format, pattern; writeOnly dropped', response: THING, want: { type: 'object', properties: { id: { type: 'string' }, size: { type: 'integer' } } } },
    { name: 'an array root is wrapped as {items}', response: { type: 'array', items: THING }, want: { type: 'object', properties: { items: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, size: { type: 'integer' } } } } } } },
    { name: 'a scalar root is wrapped as {value}', response: { type: 'string' }, want: { type: 'object', properties: { value: { type: 'string' } } } },
    { name: 'oneOf array | object keeps both forms', response: { oneOf: [{ type: 'array', items: { $ref: '#/components/schemas/T' } }, { $ref: '#/components/schemas/T' }] }, schemas: { T: { type: 'object', properties: { id: { type: 'string' } } } }, want: { type: 'object', properties: { id: { type: 'string' }, items: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' } } } } } } },
    { name: 'nullable and 3.1 null types are kept', response: { type: 'object', properties: { a: { type: 'string', nullable: true }, b: { type: ['integer', 'null'] } } }, want: { type: 'object', properties: { a: { type: ['null', 'string'] }, b: { type: ['integer', 'null'] } } } },
    { name: 'a self-reference stops as an open object', response: { $ref: '#/components/schemas/Node' }, schemas: { Node: { type: 'object', properties: { child: { $ref: '#/components/schemas/Node' } } } }, want: { type: 'object', properties: { child: { type: 'object' } } } },
    { name: 'deeper than 3 levels: types only', response: { type: 'object', properties: { a: { type: 'object', properties: { b: { type: 'object', properties: { c: { type: 'object', properties: { d: { type: 'string' } } } } } } } } }, want: { type: 'object', properties: { a: { type: 'object', properties: { b: { type: 'object', properties: { c: { type: 'object' } } } } } } } },
  ])('$name', ({ response, schemas, want }) => {
    const { api, diagnostics } = buildFromText({ text: doc({ response, ...(schemas ? { schemas } : {}) }), file: 'acme.json' });
    expect(diagnostics.filter((d) => d.severity === 'error')).toStrictEqual([]);
    expect(api!.tools[0]!.outputSchema).toStrictEqual(want);
  });
});

const PAGE_PARAMS = [
  { name: 'page', in: 'query', schema: { type: 'integer' } },
  { name: 'size', in: 'query', schema: { type: 'integer' } },
  { name: 'status', in: 'query', schema: { type: 'string' } },
];

describe('pagination: the model sees limit and cursor, never the vendor paging parameters', () => {
  it('binds a declared strategy', () => {
    const { api } = buildFromText({ text: doc({ paging: PAGING, parameters: PAGE_PARAMS, xmcp: { pagination: 'pages' }, response: { type: 'object', properties: { data: { type: 'array', items: THING } } } }), file: 'acme.json' });
    const tool = api!.tools[0]!;
    expect(Object.keys(tool.inputSchema['properties'] as object)).toStrictEqual(['status', 'limit', 'cursor']);
    expect((tool.inputSchema['properties'] as Record<string, unknown>)['limit']).toMatchObject({ type: 'integer', minimum: 1, maximum: 50, default: 20 });
    expect(tool.args.filter((a) => a.managed).map((a) => a.wireName)).toStrictEqual(['page', 'size']);
    expect(tool.pagination).toMatchObject({ style: 'page', pageArg: 'page', limitArg: 'size', itemsPointer: '/data', totalPointer: '/meta/total' });
    expect(tool.outputSchema).toStrictEqual({
      type: 'object',
      properties: { items: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, size: { type: 'integer' } } } }, next_cursor: { type: ['null', 'string'] }, total: { type: 'number' }, truncated: { type: 'boolean' } },
    });
    expect(tool.description).toMatch(/While `next_cursor` is not null, call again with `cursor`/);
  });

  it.each<{ readonly name: string; readonly paging?: unknown; readonly parameters: unknown[]; readonly use: string; readonly message: RegExp }>([
    { name: 'an undeclared strategy', paging: PAGING, parameters: PAGE_PARAMS, use: 'pagez', message: /pagination "pagez" is not declared/ },
    { name: 'a strategy naming a parameter the operation lacks', paging: PAGING, parameters: PAGE_PARAMS.slice(1), use: 'pages', message: /pages with "page", which this operation does not take/ },
    { name: 'a style without its parameter', paging: { bad: { style: 'cursor', items: '', defaultLimit: 1, maxLimit: 1, pageSize: 5 } }, parameters: PAGE_PARAMS, use: 'bad', message: /style cursor needs cursor/ },
    { name: 'default above max', paging: { bad: { style: 'offset', offset: 'page', limit: 'size', items: '', defaultLimit: 60, maxLimit: 50 } }, parameters: PAGE_PARAMS, use: 'bad', message: /defaultLimit ≤ maxLimit/ },
    { name: 'a vendor argument already called limit', paging: PAGING, parameters: [...PAGE_PARAMS, { name: 'limit', in: 'query', schema: { type: 'integer' } }], use: 'pages', message: /clashes with the paging argument/ },
  ])('$name is a VMCP_MCP_EXTENSION_INVALID diagnostic', ({ paging, parameters, use, message }) => {
    const { diagnostics } = buildFromText({ text: doc({ paging, parameters, xmcp: { pagination: use } }), file: 'acme.json' });
    const errors = diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.code)).toContain('VMCP_MCP_EXTENSION_INVALID');
    expect(errors.map((d) => d.message).join('\n')).toMatch(message);
  });
});
