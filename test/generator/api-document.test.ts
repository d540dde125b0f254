import { describe, expect, it } from 'vitest';
import { buildApi } from '../../generator/ir/from-openapi/api-document.ts';
import { parseDocumentText } from '../../generator/load/parse-document.ts';
import type { ApiIR } from '../../generator/ir/types.ts';

// Every document is built inside its test: code run while the file is collected is static to
// Stryker, so a mutant it reaches could not be told apart per test.

const ok = { '200': { description: 'ok' } };

/** A plain GET with a summary (what makes it a tool) and, if given, an operationId (its fallback name). */
const plainGet = (operationId?: string) => ({ summary: 'Read.', ...(operationId === undefined ? {} : { operationId }), responses: ok });

function build(input: { readonly root: Record<string, unknown>; readonly plain?: boolean; readonly split?: boolean }): ApiIR {
  const parsed = parseDocumentText({ file: 'spec.json', text: JSON.stringify(input.root) });
  if ('diagnostics' in parsed) throw new Error('fixture did not parse');
  const built = buildApi({ document: parsed.document, ...(input.plain === true ? { plain: { slug: 'pets' } } : {}), ...(input.split === undefined ? {} : { split: input.split }) });
  if (built.api === undefined) throw new Error(built.diagnostics.map((d) => d.message).join('\n'));
  return built.api;
}

const plainDoc = (paths: Record<string, unknown>) => ({ openapi: '3.1.0', info: { title: 'Pets', version: '1' }, servers: [{ url: 'https://pets.test' }], paths });

function vendorDoc(input: { readonly paths: Record<string, unknown>; readonly settings?: Record<string, unknown> }) {
  return {
    openapi: '3.1.0',
    info: { title: 'T', version: '1' },
    servers: [{ url: 'https://t.test' }],
    'x-mcp': { vendor: 'T', package: 't', title: 'T', envPrefix: 'T', auth: { scheme: 'b', env: 'T_TOKEN' }, ...input.settings },
    components: { securitySchemes: { b: { type: 'http', scheme: 'bearer' } } },
    paths: input.paths,
  };
}

const names = (api: ApiIR) => api.tools.map((tool) => `${tool.http.method} ${tool.http.path} ${tool.name}`);

describe('plain documents: derived tool names', () => {
  it('numbers a convention name three operations share in path order, not document order', () => {
    // '/DOGS' < '/Dogs' < '/dogs' in codepoints; the document lists them in neither that order nor its reverse.
    const api = build({ plain: true, root: plainDoc({ '/Dogs': { get: plainGet() }, '/dogs': { get: plainGet() }, '/DOGS': { get: plainGet() } }) });
    expect(names(api)).toStrictEqual(['GET /DOGS list_all_pets_dogs', 'GET /Dogs list_all_pets_dogs_2', 'GET /dogs list_all_pets_dogs_3']);
  });

  it('a shared convention name falls back to the operationId, unless another tool holds that name uniquely', () => {
    const api = build({
      plain: true,
      root: plainDoc({ '/cats': { get: plainGet('petsHead') }, '/Cats': { get: plainGet('findCats') }, '/pets': { head: plainGet() } }),
    });
    expect(names(api)).toStrictEqual(['GET /cats list_all_pets_cats', 'GET /Cats pets_find_cats', 'HEAD /pets pets_pets_head']);
  });

  it('skips a path item that is not an object and builds the others', () => {
    const api = build({ plain: true, root: plainDoc({ '/nothing': null, '/dogs': { get: plainGet() } }) });
    expect(names(api)).toStrictEqual(['GET /dogs list_all_pets_dogs']);
  });
});

describe('the IR of a vendor doc', () => {
  const create = (resource: string) => ({
    post: {
      'x-mcp': { resource, method: 'create', description: `Create a ${resource}.` },
      requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { address: ADDRESS() } } } } },
      responses: ok,
    },
  });

  it('lists tools and omitted operations in name order whatever the document order, and is of kind api', () => {
    const api = build({ root: vendorDoc({ settings: { listing: 'full' }, paths: { '/z': { ...create('zeta'), get: { responses: ok } }, '/a': { ...create('alpha'), get: { responses: ok } } } }) });
    expect(api.kind).toBe('api');
    expect(names(api)).toStrictEqual(['POST /a create_a_t_alpha', 'POST /z create_a_t_zeta']);
    expect(api.omitted.map((entry) => entry.operation)).toStrictEqual(['GET /a', 'GET /z']);
  });

  it('the lean listing (default) lists a shared shape in full at the first tool in name order and refers to it after', () => {
    const api = build({ root: vendorDoc({ paths: { '/z': create('zeta'), '/a': create('alpha') } }) });
    const address = (index: number) => (api.tools[index]!.inputSchema['properties'] as Record<string, unknown>)['address'];
    expect(names(api)).toStrictEqual(['POST /a create_a_t_alpha', 'POST /z create_a_t_zeta']);
    expect(address(0)).toStrictEqual(ADDRESS());
    expect(address(1)).toStrictEqual({ type: 'object', description: 'Same fields as address of create_a_t_alpha.' });
  });

  it('listing: full lists the shape in every tool', () => {
    const api = build({ root: vendorDoc({ settings: { listing: 'full' }, paths: { '/z': create('zeta'), '/a': create('alpha') } }) });
    expect(api.tools.map((tool) => (tool.inputSchema['properties'] as Record<string, unknown>)['address'])).toStrictEqual([ADDRESS(), ADDRESS()]);
  });
});

/** An object shape long enough (> MIN_SHARED_SHAPE_CHARS of JSON) to be listed once. */
function ADDRESS() {
  const field = (description: string) => ({ type: 'string', description });
  return { type: 'object', properties: { line_1: field('First line of the street address.'), city: field('City or town.'), country: field('Two-letter country code.') } };
}

describe('split: the option overrides each family, and only families a tool uses are listed', () => {
  const doc = (split?: boolean) =>
    vendorDoc({
      settings: {
        variants: {
          objectKey: { payload: 'json', schemas: { order: { type: 'object', properties: { notes: { type: 'string' } } }, invoice: { type: 'object', properties: { customer: { type: 'string' } } } }, ...(split === undefined ? {} : { split }) },
          unused: { payload: 'json', schemas: { a: { type: 'object', properties: { b: { type: 'string' } } } } },
        },
      },
      paths: {
        '/objects': {
          get: { 'x-mcp': { resource: 'objects', method: 'list', description: 'List.' }, responses: ok },
          post: {
            'x-mcp': { resource: 'object', method: 'create', description: 'Create.', variants: 'objectKey' },
            requestBody: { content: { 'application/json': { schema: { type: 'object', required: ['objectKey', 'json'], properties: { objectKey: { type: 'string' }, json: { type: 'object' } } } } } },
            responses: ok,
          },
        },
      },
    });

  it.each([
    { declared: undefined, option: undefined, split: false },
    { declared: true, option: undefined, split: true },
    { declared: undefined, option: true, split: true },
    { declared: true, option: false, split: false },
  ])('declared $declared, option $option: split $split', ({ declared, option, split }) => {
    const api = build({ root: doc(declared), ...(option === undefined ? {} : { split: option }) });
    const writes = split ? ['create_a_t_invoice', 'create_a_t_order'] : ['create_a_t_object'];
    expect(api.tools.map((tool) => tool.name).filter((name) => name.startsWith('create_'))).toStrictEqual(writes);
    expect(api.families.map((family) => [family.name, family.split])).toStrictEqual([['objectKey', split]]);
  });
});
