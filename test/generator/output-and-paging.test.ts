import { describe, expect, it } from 'vitest';
import { collapseOutputSchema, newSizing } from '../../generator/ir/from-openapi/output-budget.ts';
import type { JsonSchema } from '../../generator/ir/types.ts';
import { formatDiagnostic } from '../../generator/diagnostics/format.ts';
import { buildFromText } from '../support/generate-in-memory.ts';

const PAGING = { pages: { style: 'page', page: 'page', limit: 'size', items: '/data', total: '/meta/total', defaultLimit: 20, maxLimit: 50 } };

/** One JSON vendor doc with a single GET operation; each case replaces its parts. */
function doc(input: { readonly response?: unknown; readonly parameters?: unknown[]; readonly xmcp?: Record<string, unknown>; readonly paging?: unknown; readonly schemas?: Record<string, unknown>; readonly root?: Record<string, unknown> }): string {
  return JSON.stringify({
    openapi: '3.1.0',
    info: { title: 'Acme', version: '1' },
    servers: [{ url: 'https://api.acme.test' }],
    'x-mcp': { vendor: 'Acme', package: 'acme', title: 'Acme', envPrefix: 'ACME', auth: { scheme: 'bearer', env: 'ACME_TOKEN' }, ...(input.paging ? { pagination: input.paging } : {}), ...input.root },
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
    // The contract is stated once, on `cursor`, not again in the description of every list tool.
    expect((tool.inputSchema['properties'] as Record<string, unknown>)['cursor']).toStrictEqual({ type: 'string', description: 'Omit first; then next_cursor, same other arguments.' });
    expect(tool.description).toBe('List things.');
  });

  it('a tool that cannot page says so in its description, a fact no argument carries', () => {
    const paging = { one: { style: 'single', limit: 'size', items: '/data', defaultLimit: 20, maxLimit: 50 } };
    const { api } = buildFromText({ text: doc({ paging, parameters: PAGE_PARAMS.slice(1), xmcp: { pagination: 'one' }, response: { type: 'object', properties: { data: { type: 'array', items: THING } } } }), file: 'acme.json' });
    const tool = api!.tools[0]!;
    expect(Object.keys(tool.inputSchema['properties'] as object)).toStrictEqual(['status', 'limit']);
    expect(tool.description).toBe('List things.\n\nNot pageable: the vendor returns at most `limit` results and cannot skip ahead. When `truncated` is true more may have matched than came back; narrow the filters instead.');
  });

  it.each([
    { name: 'the vendor\'s own cursor (next)', setting: { next: '/meta/next' }, want: { nextPointer: '/meta/next' } },
    { name: 'a bookmark from the last item (nextFromItem)', setting: { nextFromItem: '/id' }, want: { nextFromItem: '/id' } },
  ])('binds a cursor strategy: $name', ({ setting, want }) => {
    const paging = { tokens: { style: 'cursor', cursor: 'page', limit: 'size', items: '/data', ...setting, defaultLimit: 20, maxLimit: 50 } };
    const { api, diagnostics } = buildFromText({ text: doc({ paging, parameters: PAGE_PARAMS, xmcp: { pagination: 'tokens' }, response: { type: 'object', properties: { data: { type: 'array', items: THING } } } }), file: 'acme.json' });
    expect(diagnostics.filter((d) => d.severity === 'error')).toStrictEqual([]);
    const { source: _source, ...pagination } = api!.tools[0]!.pagination!;
    expect(pagination).toStrictEqual({ style: 'cursor', cursorArg: 'page', limitArg: 'size', itemsPointer: '/data', ...want, defaultLimit: 20, maxLimit: 50 });
  });

  it.each<{ readonly name: string; readonly paging?: unknown; readonly parameters: unknown[]; readonly use: string; readonly message: RegExp }>([
    { name: 'an undeclared strategy', paging: PAGING, parameters: PAGE_PARAMS, use: 'pagez', message: /pagination "pagez" is not declared/ },
    { name: 'a strategy naming a parameter the operation lacks', paging: PAGING, parameters: PAGE_PARAMS.slice(1), use: 'pages', message: /pages with "page", which this operation does not take/ },
    { name: 'a style without its parameter', paging: { bad: { style: 'cursor', items: '', defaultLimit: 1, maxLimit: 1, pageSize: 5 } }, parameters: PAGE_PARAMS, use: 'bad', message: /style cursor needs cursor/ },
    { name: 'a cursor style with neither next nor nextFromItem', paging: { bad: { style: 'cursor', cursor: 'page', items: '', defaultLimit: 1, maxLimit: 1, pageSize: 5 } }, parameters: PAGE_PARAMS, use: 'bad', message: /style cursor needs exactly one of next .* or nextFromItem/ },
    { name: 'a cursor style with both next and nextFromItem', paging: { bad: { style: 'cursor', cursor: 'page', items: '', next: '/next', nextFromItem: '/id', defaultLimit: 1, maxLimit: 1, pageSize: 5 } }, parameters: PAGE_PARAMS, use: 'bad', message: /style cursor needs exactly one of/ },
    { name: 'default above max', paging: { bad: { style: 'offset', offset: 'page', limit: 'size', items: '', defaultLimit: 60, maxLimit: 50 } }, parameters: PAGE_PARAMS, use: 'bad', message: /defaultLimit ≤ maxLimit/ },
    { name: 'a vendor argument already called limit', paging: PAGING, parameters: [...PAGE_PARAMS, { name: 'limit', in: 'query', schema: { type: 'integer' } }], use: 'pages', message: /clashes with the paging argument/ },
  ])('$name is a VMCP_MCP_EXTENSION_INVALID diagnostic', ({ paging, parameters, use, message }) => {
    const { diagnostics } = buildFromText({ text: doc({ paging, parameters, xmcp: { pagination: use } }), file: 'acme.json' });
    const errors = diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.code)).toContain('VMCP_MCP_EXTENSION_INVALID');
    expect(errors.map((d) => d.message).join('\n')).toMatch(message);
  });
});

const obj = (properties: Record<string, JsonSchema>): JsonSchema => ({ type: 'object', properties });
const NESTED = obj({ a: obj({ b: obj({ c: { type: 'string' } }) }), list: { type: 'array', items: obj({ x: { type: 'integer' } }) } });
const PAGE_WRAPPER = (items: JsonSchema): JsonSchema => obj({ items: { type: 'array', items }, next_cursor: { type: ['null', 'string'] }, total: { type: 'number' }, truncated: { type: 'boolean' } });
const PAGED = PAGE_WRAPPER(obj({ id: { type: 'string' }, owner: obj({ login: { type: 'string' } }) }));

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}

describe('output schema budget: the deepest levels open first, the paging wrapper never', () => {
  it.each<{ readonly name: string; readonly given: { readonly schema: JsonSchema; readonly budget: number; readonly floor: 1 | 2 }; readonly want: { readonly schema: JsonSchema; readonly fits: boolean } }>([
    { name: 'under budget (216 characters): unchanged', given: { schema: NESTED, budget: 216, floor: 1 }, want: { schema: NESTED, fits: true } },
    {
      name: 'one character over: only the deepest level opens',
      given: { schema: NESTED, budget: 215, floor: 1 },
      want: { schema: obj({ a: obj({ b: { type: 'object' } }), list: { type: 'array', items: { type: 'object' } } }), fits: true },
    },
    {
      name: 'exactly the budget (141 characters) once the deepest level opens: it stops there',
      given: { schema: NESTED, budget: 141, floor: 1 },
      want: { schema: obj({ a: obj({ b: { type: 'object' } }), list: { type: 'array', items: { type: 'object' } } }), fits: true },
    },
    {
      name: 'leaves keep their own keywords: a flat object one character over stays as it is',
      given: { schema: obj({ a: { type: 'string', description: 'The login of the owner, as shown on the profile page' } }), budget: 122, floor: 1 },
      want: { schema: obj({ a: { type: 'string', description: 'The login of the owner, as shown on the profile page' } }), fits: false },
    },
    { name: 'a node without a type opens to the empty schema, not a type of undefined', given: { schema: obj({ a: { properties: { k: { type: 'string' } } } }), budget: 10, floor: 1 }, want: { schema: obj({ a: {} }), fits: false } },
    { name: 'still over after one level: the next level opens; arrays keep an any items', given: { schema: NESTED, budget: 140, floor: 1 }, want: { schema: obj({ a: { type: 'object' }, list: { type: 'array', items: {} } }), fits: true } },
    { name: 'cannot fit: the root and its property names stay, reported as not fitting', given: { schema: NESTED, budget: 10, floor: 1 }, want: { schema: obj({ a: { type: 'object' }, list: { type: 'array', items: {} } }), fits: false } },
    {
      name: 'union types are kept as declared',
      given: { schema: obj({ n: { type: ['null', 'object'], properties: { k: { type: 'string' } } }, m: { type: ['array', 'null'], items: { type: 'string' } } }), budget: 120, floor: 1 },
      want: { schema: obj({ n: { type: ['null', 'object'] }, m: { type: ['array', 'null'], items: {} } }), fits: true },
    },
    { name: 'paged: the item shape coarsens first', given: { schema: PAGED, budget: 250, floor: 2 }, want: { schema: PAGE_WRAPPER(obj({ id: { type: 'string' }, owner: { type: 'object' } })), fits: true } },
    { name: 'paged: at most the item opens; items, next_cursor, total, truncated stay', given: { schema: PAGED, budget: 10, floor: 2 }, want: { schema: PAGE_WRAPPER({ type: 'object' }), fits: false } },
  ])('$name', ({ given, want }) => {
    expect(collapseOutputSchema(deepFreeze(structuredClone(given)))).toStrictEqual(want);
  });

  it('one subtree shared at two levels, and by two schemas cut at different depths: each place opens by its own level', () => {
    // Shapes share subtrees (shape-memo.ts); the opened copy of one must depend on how far above the cut it sits.
    const shared = obj({ a: obj({ b: { type: 'string' } }) });
    const schema = obj({ near: shared, far: obj({ inner: shared }) });
    const other = obj({ only: shared });
    // One sizing for the three, as boundOutputSchemas keeps one for all of a document's tools.
    const sizing = newSizing();
    expect(collapseOutputSchema({ schema, budget: 159, floor: 1, sizing })).toStrictEqual({ schema: obj({ near: obj({ a: { type: 'object' } }), far: obj({ inner: { type: 'object' } }) }), fits: true });
    expect(collapseOutputSchema({ schema: other, budget: 94, floor: 1, sizing })).toStrictEqual({ schema: obj({ only: obj({ a: { type: 'object' } }) }), fits: true });
    expect(collapseOutputSchema({ schema, budget: 81, floor: 1, sizing })).toStrictEqual({ schema: obj({ near: { type: 'object' }, far: { type: 'object' } }), fits: true });
    expect(shared).toStrictEqual(obj({ a: obj({ b: { type: 'string' } }) }));
  });

  const WIDE = obj(Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`f${i}`, obj({ deep: obj({ x: { type: 'string' } }) })])));

  it('a plain OpenAPI file gets the default budget, and one info diagnostic counts the tools', () => {
    const plain = JSON.parse(doc({ response: WIDE }));
    delete plain['x-mcp'];
    plain.paths['/things'].get.description = 'List things.';
    const text = JSON.stringify(plain);
    const first = buildFromText({ text, file: 'acme.json', plainSlug: 'acme' });
    expect(first.api!.tools[0]!.outputSchema).toStrictEqual(obj(Object.fromEntries(Object.keys(WIDE['properties'] as object).map((name) => [name, { type: 'object' }]))));
    expect(first.diagnostics.filter((d) => d.code === 'VMCP_OUTPUT_SCHEMA_COLLAPSED').map((d) => formatDiagnostic(d).split('\n')[0])).toStrictEqual([
      'acme.json:1:1 info VMCP_OUTPUT_SCHEMA_COLLAPSED: 1 of 1 tools had an output schema over 4096 characters (the default budget); their deepest nested objects and arrays are now open (type only), e.g. list_all_acme_things',
    ]);
    expect(JSON.stringify(buildFromText({ text, file: 'acme.json', plainSlug: 'acme' }).api)).toBe(JSON.stringify(first.api));
  });

  it('x-mcp.outputSchemaBudget overrides the default and is where the diagnostic points', () => {
    const { api, diagnostics } = buildFromText({ text: doc({ root: { outputSchemaBudget: 60 }, response: obj({ owner: obj({ login: { type: 'string' } }) }) }), file: 'acme.json' });
    expect(api!.tools[0]!.outputSchema).toStrictEqual(obj({ owner: { type: 'object' } }));
    expect(diagnostics.map((d) => `${d.severity} ${d.code} ${d.location.pointer}`)).toStrictEqual(['info VMCP_OUTPUT_SCHEMA_COLLAPSED /x-mcp/outputSchemaBudget']);
  });

  it('the note counts the tools over budget, names the first three in order and those still over', () => {
    const document = JSON.parse(doc({ root: { outputSchemaBudget: 60 } }));
    const owner = obj({ owner: obj({ login: { type: 'string' } }) });
    const flat = obj(Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((name) => [`field_${name}`, { type: 'string' }])));
    // Paths in reverse order of their tool names: the note sorts them itself.
    const responses: Record<string, JsonSchema> = { '/e': owner, '/d': owner, '/c': owner, '/b': owner, '/a': flat, '/small': { type: 'object' } };
    document.paths = Object.fromEntries(Object.entries(responses).map(([path, schema]) => [path, { get: { 'x-mcp': { resource: path.slice(1), method: 'get', description: 'Get.' }, responses: { 200: { description: 'ok', content: { 'application/json': { schema } } } } } }]));
    const { diagnostics } = buildFromText({ text: JSON.stringify(document), file: 'acme.json' });
    expect(diagnostics.filter((d) => d.code === 'VMCP_OUTPUT_SCHEMA_COLLAPSED').map((d) => d.message)).toStrictEqual([
      "5 of 6 tools had an output schema over 60 characters (x-mcp.outputSchemaBudget); their deepest nested objects and arrays are now open (type only), e.g. get_single_acme_a_by_id, get_single_acme_b_by_id, get_single_acme_c_by_id; 1 still exceed it at the shallowest shape allowed (the root's fields, or a paged item's type)",
    ]);
  });

  it.each([
    { name: 'exactly at the budget: left alone, no note', over: 0, want: [] },
    { name: 'one character over: coarsened, one note', over: 1, want: ['1 of 1'] },
  ])('$name', ({ over, want }) => {
    const response = obj({ owner: obj({ login: { type: 'string' } }) });
    const size = JSON.stringify(response).length;
    const { api, diagnostics } = buildFromText({ text: doc({ root: { outputSchemaBudget: size - over }, response }), file: 'acme.json' });
    expect(api!.tools[0]!.outputSchema).toStrictEqual(over === 0 ? response : obj({ owner: { type: 'object' } }));
    expect(diagnostics.filter((d) => d.code === 'VMCP_OUTPUT_SCHEMA_COLLAPSED').map((d) => d.message.split(' tools')[0])).toStrictEqual(want);
  });

  it('a paged tool over budget keeps its wrapper exactly', () => {
    const response = { type: 'object', properties: { data: { type: 'array', items: obj({ id: { type: 'string' }, owner: obj({ login: { type: 'string' } }) }) } } };
    const { api } = buildFromText({ text: doc({ root: { outputSchemaBudget: 10 }, paging: PAGING, parameters: PAGE_PARAMS, xmcp: { pagination: 'pages' }, response }), file: 'acme.json' });
    expect(api!.tools[0]!.outputSchema).toStrictEqual(PAGE_WRAPPER({ type: 'object' }));
  });

  it.each([0, 2.5, 'big'])('outputSchemaBudget %j is a VMCP_MCP_EXTENSION_INVALID diagnostic', (value) => {
    const { diagnostics } = buildFromText({ text: doc({ root: { outputSchemaBudget: value } }), file: 'acme.json' });
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.location.pointer}: ${d.message}`)).toStrictEqual([
      `VMCP_MCP_EXTENSION_INVALID /x-mcp/outputSchemaBudget: x-mcp.outputSchemaBudget must be a positive integer (characters of compact JSON), not ${JSON.stringify(value)}`,
    ]);
  });
});
