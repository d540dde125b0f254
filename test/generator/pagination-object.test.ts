import { describe, expect, it } from 'vitest';
import { buildFromText } from '../support/generate-in-memory.ts';

/**
 * Root `x-mcp.pagination` strategies and their binding to one list operation, read from a small
 * inline document: each case states the exact IR or the exact diagnostic it must produce.
 */
const PARAMS = [
  { name: 'page', in: 'query', schema: { type: 'integer' } },
  { name: 'size', in: 'query', schema: { type: 'integer' } },
  { name: 'after', in: 'query', schema: { type: 'string' } },
  { name: 'status', in: 'query', required: true, schema: { type: 'string' } },
];

function doc(input: { readonly paging?: unknown; readonly use?: string; readonly parameters?: unknown[]; readonly path?: string }): string {
  const path = input.path ?? '/things';
  return JSON.stringify({
    openapi: '3.1.0',
    info: { title: 'Acme', version: '1' },
    servers: [{ url: 'https://api.acme.test' }],
    'x-mcp': { vendor: 'Acme', package: 'acme', title: 'Acme', envPrefix: 'ACME', auth: { scheme: 'bearer', env: 'ACME_TOKEN' }, ...(input.paging === undefined ? {} : { pagination: input.paging }) },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths: {
      [path]: {
        get: {
          parameters: input.parameters ?? PARAMS,
          'x-mcp': { resource: 'things', method: 'list', description: 'List things.', ...(input.use === undefined ? {} : { pagination: input.use }) },
          responses: { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { data: { type: 'array', items: { type: 'object' } } } } } } } },
        },
      },
    },
  });
}

function build(input: Parameters<typeof doc>[0]) {
  const { api, diagnostics } = buildFromText({ text: doc(input), file: 'acme.json' });
  const tool = api?.tools[0];
  const { source, ...pagination } = tool?.pagination ?? { source: undefined };
  return {
    tool,
    pagination: tool?.pagination === undefined ? undefined : pagination,
    source,
    errors: diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.location.pointer}: ${d.message}`),
  };
}

const BASE = { items: '/data', defaultLimit: 20, maxLimit: 50 };

describe('a declared strategy becomes the operation\'s exact paging IR', () => {
  it.each<{ readonly name: string; readonly strategy: Record<string, unknown>; readonly want: Record<string, unknown> }>([
    { name: 'offset', strategy: { style: 'offset', offset: 'page', limit: 'size' }, want: { style: 'offset', limitArg: 'size', offsetArg: 'page' } },
    { name: 'page, first page 1 when not given', strategy: { style: 'page', page: 'page', limit: 'size' }, want: { style: 'page', limitArg: 'size', pageArg: 'page', firstPage: 1 } },
    { name: 'page, first page 0 as given', strategy: { style: 'page', page: 'page', limit: 'size', firstPage: 0 }, want: { style: 'page', limitArg: 'size', pageArg: 'page', firstPage: 0 } },
    { name: 'cursor with the vendor\'s next pointer', strategy: { style: 'cursor', cursor: 'after', limit: 'size', next: '/next' }, want: { style: 'cursor', limitArg: 'size', cursorArg: 'after', nextPointer: '/next' } },
    { name: 'cursor from the last item, fixed page size', strategy: { style: 'cursor', cursor: 'after', nextFromItem: '/id', pageSize: 25 }, want: { style: 'cursor', cursorArg: 'after', nextFromItem: '/id', pageSize: 25 } },
    { name: 'single with a total', strategy: { style: 'single', limit: 'size', total: '/meta/total' }, want: { style: 'single', limitArg: 'size', totalPointer: '/meta/total' } },
    { name: 'a total that is not a pointer is left out', strategy: { style: 'offset', offset: 'page', limit: 'size', total: 'meta/total' }, want: { style: 'offset', limitArg: 'size', offsetArg: 'page' } },
    { name: 'firstPage is only for page style', strategy: { style: 'offset', offset: 'page', limit: 'size', firstPage: 0 }, want: { style: 'offset', limitArg: 'size', offsetArg: 'page' } },
    { name: 'defaultLimit equal to maxLimit, both 1', strategy: { style: 'offset', offset: 'page', limit: 'size', defaultLimit: 1, maxLimit: 1 }, want: { style: 'offset', limitArg: 'size', offsetArg: 'page', defaultLimit: 1, maxLimit: 1 } },
    { name: 'a bare-array response ("" items)', strategy: { style: 'offset', offset: 'page', limit: 'size', items: '' }, want: { style: 'offset', limitArg: 'size', offsetArg: 'page', itemsPointer: '' } },
  ])('$name', ({ strategy, want }) => {
    const { pagination, source, errors } = build({ paging: { p: { ...BASE, ...strategy } }, use: 'p' });
    expect(errors).toStrictEqual([]);
    expect(pagination).toStrictEqual({ itemsPointer: '/data', defaultLimit: 20, maxLimit: 50, ...want });
    expect(source).toStrictEqual({ file: 'acme.json', pointer: '/x-mcp/pagination/p' });
  });

  it('the vendor\'s paging arguments are managed and optional; the model gets limit and cursor', () => {
    const { tool } = build({ paging: { p: { ...BASE, style: 'page', page: 'page', limit: 'size' } }, use: 'p' });
    expect(tool!.args.map((a) => ({ name: a.name, required: a.required, managed: a.managed }))).toStrictEqual([
      { name: 'page', required: false, managed: 'pagination' },
      { name: 'size', required: false, managed: 'pagination' },
      { name: 'after', required: false, managed: undefined },
      { name: 'status', required: true, managed: undefined },
    ]);
    expect(tool!.inputSchema['properties']).toStrictEqual({
      after: { type: 'string' },
      status: { type: 'string' },
      limit: { type: 'integer', minimum: 1, maximum: 50, default: 20, description: 'Items per page.' },
      cursor: { type: 'string', description: 'Omit first; then next_cursor, same other arguments.' },
    });
    expect(tool!.description).toBe('List things.');
  });

  it('a strategy that cannot page gives only limit, and its description says so', () => {
    const { tool } = build({ paging: { p: { ...BASE, style: 'single', limit: 'size' } }, use: 'p' });
    expect(Object.keys(tool!.inputSchema['properties'] as object)).toStrictEqual(['page', 'after', 'status', 'limit']);
    expect(tool!.description).toBe('List things.\n\nNot pageable: the vendor returns at most `limit` results and cannot skip ahead. When `truncated` is true more may have matched than came back; narrow the filters instead.');
  });

  it('a tool with no pagination named has none, whatever the root declares', () => {
    const { tool, errors } = build({ paging: { p: { ...BASE, style: 'offset', offset: 'page', limit: 'size' } } });
    expect(errors).toStrictEqual([]);
    expect(tool!.pagination).toBeUndefined();
    expect(tool!.args.some((a) => a.managed !== undefined)).toBe(false);
  });
});

describe('each wrong strategy is one exact diagnostic at its own place', () => {
  const at = '/x-mcp/pagination/p';
  it.each<{ readonly name: string; readonly strategy: unknown; readonly want: string }>([
    { name: 'not an object', strategy: 'offset', want: `${at}: x-mcp.pagination.p: must be an object` },
    { name: 'an unknown style', strategy: { ...BASE, style: 'pages', page: 'page', limit: 'size' }, want: `${at}/style: x-mcp.pagination.p: style must be one of offset, page, cursor, single` },
    { name: 'offset without offset', strategy: { ...BASE, style: 'offset', page: 'page', limit: 'size' }, want: `${at}: x-mcp.pagination.p: style offset needs offset (the vendor's parameter name)` },
    { name: 'page without page', strategy: { ...BASE, style: 'page', offset: 'page', limit: 'size' }, want: `${at}: x-mcp.pagination.p: style page needs page (the vendor's parameter name)` },
    { name: 'single without limit', strategy: { ...BASE, style: 'single', pageSize: 5 }, want: `${at}: x-mcp.pagination.p: style single needs limit (the vendor's parameter name)` },
    { name: 'a parameter name that is not a string', strategy: { ...BASE, style: 'cursor', cursor: 7, limit: 'size', next: '/next' }, want: `${at}: x-mcp.pagination.p: style cursor needs cursor (the vendor's parameter name)` },
    { name: 'items that is not a pointer', strategy: { ...BASE, items: 'data', style: 'offset', offset: 'page', limit: 'size' }, want: `${at}/items: x-mcp.pagination.p: items must be a JSON pointer into the response ("" for a bare array)` },
    { name: 'items missing', strategy: { defaultLimit: 20, maxLimit: 50, style: 'offset', offset: 'page', limit: 'size' }, want: `${at}/items: x-mcp.pagination.p: items must be a JSON pointer into the response ("" for a bare array)` },
    { name: 'cursor with neither next nor nextFromItem', strategy: { ...BASE, style: 'cursor', cursor: 'after', limit: 'size' }, want: `${at}/nextFromItem: x-mcp.pagination.p: style cursor needs exactly one of next (a pointer to the vendor's next-page cursor in the response) or nextFromItem (a pointer inside the last item)` },
    { name: 'cursor with both', strategy: { ...BASE, style: 'cursor', cursor: 'after', limit: 'size', next: '/next', nextFromItem: '/id' }, want: `${at}/nextFromItem: x-mcp.pagination.p: style cursor needs exactly one of next (a pointer to the vendor's next-page cursor in the response) or nextFromItem (a pointer inside the last item)` },
    { name: 'defaultLimit 0', strategy: { ...BASE, defaultLimit: 0, style: 'offset', offset: 'page', limit: 'size' }, want: `${at}: x-mcp.pagination.p: defaultLimit and maxLimit must be positive integers, defaultLimit ≤ maxLimit` },
    { name: 'maxLimit not whole', strategy: { ...BASE, maxLimit: 50.5, style: 'offset', offset: 'page', limit: 'size' }, want: `${at}: x-mcp.pagination.p: defaultLimit and maxLimit must be positive integers, defaultLimit ≤ maxLimit` },
    { name: 'maxLimit a string', strategy: { ...BASE, maxLimit: '50', style: 'offset', offset: 'page', limit: 'size' }, want: `${at}: x-mcp.pagination.p: defaultLimit and maxLimit must be positive integers, defaultLimit ≤ maxLimit` },
    { name: 'defaultLimit one above maxLimit', strategy: { ...BASE, defaultLimit: 51, style: 'offset', offset: 'page', limit: 'size' }, want: `${at}: x-mcp.pagination.p: defaultLimit and maxLimit must be positive integers, defaultLimit ≤ maxLimit` },
    { name: 'neither limit nor pageSize', strategy: { ...BASE, style: 'offset', offset: 'page' }, want: `${at}: x-mcp.pagination.p: give either limit (the vendor's page-size parameter) or pageSize (its fixed page size)` },
    { name: 'a pageSize of 0 is no page size', strategy: { ...BASE, style: 'offset', offset: 'page', pageSize: 0 }, want: `${at}: x-mcp.pagination.p: give either limit (the vendor's page-size parameter) or pageSize (its fixed page size)` },
  ])('$name', ({ strategy, want }) => {
    const { errors } = build({ paging: { p: strategy } });
    expect(errors).toStrictEqual([`VMCP_MCP_EXTENSION_INVALID ${want}`]);
  });

  it('a pagination block that is not a map', () => {
    expect(build({ paging: ['p'] }).errors).toStrictEqual(['VMCP_MCP_EXTENSION_INVALID /x-mcp/pagination: x-mcp.pagination must map strategy names to strategies']);
  });

  it('a good strategy beside a bad one still binds', () => {
    const { pagination, errors } = build({ paging: { bad: 1, p: { ...BASE, style: 'offset', offset: 'page', limit: 'size' } }, use: 'p' });
    expect(errors).toStrictEqual(['VMCP_MCP_EXTENSION_INVALID /x-mcp/pagination/bad: x-mcp.pagination.bad: must be an object']);
    expect(pagination).toMatchObject({ style: 'offset', offsetArg: 'page' });
  });
});

describe('binding to an operation refuses what it cannot page', () => {
  const at = '/paths/~1things/get/x-mcp/pagination';
  const offset = { ...BASE, style: 'offset', offset: 'page', limit: 'size' };
  it.each<{ readonly name: string; readonly paging?: unknown; readonly use: string; readonly parameters?: unknown[]; readonly path?: string; readonly want: string }>([
    { name: 'no root strategies at all', use: 'p', want: `${at}: x-mcp pagination "p" is not declared in the root x-mcp.pagination` },
    { name: 'an undeclared name', paging: { p: offset }, use: 'q', want: `${at}: x-mcp pagination "q" is not declared in the root x-mcp.pagination` },
    { name: 'a paging parameter the operation lacks', paging: { p: offset }, use: 'p', parameters: PARAMS.slice(1), want: `${at}: pagination p pages with "page", which this operation does not take` },
    {
      name: 'a paging parameter that is only a path parameter',
      paging: { p: offset },
      use: 'p',
      path: '/things/{page}',
      parameters: [{ name: 'page', in: 'path', required: true, schema: { type: 'integer' } }, ...PARAMS.slice(1)],
      want: '/paths/~1things~1{page}/get/x-mcp/pagination: pagination p pages with "page", which this operation does not take',
    },
    { name: 'a vendor argument called limit', paging: { p: offset }, use: 'p', parameters: [...PARAMS, { name: 'limit', in: 'query', schema: { type: 'integer' } }], want: `${at}: argument "limit" clashes with the paging argument of the same name` },
    { name: 'a vendor argument called cursor', paging: { p: offset }, use: 'p', parameters: [...PARAMS, { name: 'cursor', in: 'query', schema: { type: 'string' } }], want: `${at}: argument "cursor" clashes with the paging argument of the same name` },
  ])('$name', ({ name: _name, want, ...input }) => {
    const { tool, errors } = build(input);
    expect(errors).toStrictEqual([`VMCP_MCP_EXTENSION_INVALID ${want}`]);
    expect(tool?.pagination).toBeUndefined();
  });

  it('the vendor\'s own limit argument is managed, not a clash', () => {
    const { pagination, errors } = build({ paging: { p: { ...BASE, style: 'offset', offset: 'page', limit: 'limit' } }, use: 'p', parameters: [...PARAMS, { name: 'limit', in: 'query', schema: { type: 'integer' } }] });
    expect(errors).toStrictEqual([]);
    expect(pagination).toMatchObject({ limitArg: 'limit', offsetArg: 'page' });
  });

  it('a single-page tool may keep a vendor argument called cursor', () => {
    const { pagination, errors } = build({ paging: { p: { ...BASE, style: 'single', limit: 'size' } }, use: 'p', parameters: [...PARAMS, { name: 'cursor', in: 'query', schema: { type: 'string' } }] });
    expect(errors).toStrictEqual([]);
    expect(pagination).toMatchObject({ style: 'single', limitArg: 'size' });
  });
});
