import { describe, expect, it } from 'vitest';
import { buildFromText } from '../support/generate-in-memory.ts';

/** Parameters → wire arguments, from a small inline document: schema sources, pointers, what is left out. */
function build(input: { readonly parameters?: unknown[]; readonly pathParameters?: unknown[] }) {
  const text = JSON.stringify({
    openapi: '3.1.0',
    info: { title: 'Acme', version: '1' },
    servers: [{ url: 'https://acme.test' }],
    'x-mcp': { vendor: 'Acme', package: 'acme', title: 'Acme', envPrefix: 'ACME', auth: { scheme: 'b', env: 'ACME_TOKEN' } },
    components: { securitySchemes: { b: { type: 'http', scheme: 'bearer' } } },
    paths: {
      '/things/{id}': {
        parameters: input.pathParameters ?? [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        get: { parameters: input.parameters ?? [], 'x-mcp': { resource: 'thing', method: 'get', description: 'Get it.' }, responses: { 200: { description: 'ok' } } },
      },
    },
  });
  const { api, diagnostics } = buildFromText({ text, file: 'acme.json' });
  return { tool: api?.tools[0], diagnostics: diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.code} ${d.location.pointer}`) };
}

const BAD_PATTERN = { type: 'string', pattern: '(?<!a)\\p{Foo}' };
const at = '/paths/~1things~1{id}/get/parameters';

describe('a parameter\'s schema', () => {
  it('from `schema`, read as input, with diagnostics pointing into it', () => {
    const { tool, diagnostics } = build({ parameters: [{ name: 'filter', in: 'query', schema: { type: 'object', properties: { id: { type: 'string', readOnly: true }, p: BAD_PATTERN } } }] });
    expect(tool!.args[1]!.schema).toStrictEqual({ type: 'object', properties: { p: { type: 'string' } } });
    expect(diagnostics).toStrictEqual([`VMCP_PATTERN_UNSUPPORTED ${at}/0/schema/properties/p/pattern`]);
  });

  it('from the first `content` entry, read as input, with diagnostics pointing into it', () => {
    const { tool, diagnostics } = build({ parameters: [{ name: 'filter', in: 'query', content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string', readOnly: true }, p: BAD_PATTERN } } } } }] });
    expect(tool!.args[1]!.schema).toStrictEqual({ type: 'object', properties: { p: { type: 'string' } } });
    expect(diagnostics).toStrictEqual([`VMCP_PATTERN_UNSUPPORTED ${at}/0/content/application~1json/schema/properties/p/pattern`]);
  });

  it('content that is not a map of media types gives no schema', () => {
    expect(build({ parameters: [{ name: 'filter', in: 'query', content: [{ schema: { type: 'integer' } }] }] }).tool!.args[1]!.schema).toStrictEqual({});
  });

  it('a path-item parameter points at the path item', () => {
    expect(build({}).tool!.args[0]!.source).toStrictEqual({ file: 'acme.json', pointer: '/paths/~1things~1{id}/parameters/0' });
  });

  it('only headers HTTP owns are left out; a query parameter of the same name is kept', () => {
    const { tool } = build({ parameters: [{ name: 'Accept', in: 'header', schema: { type: 'string' } }, { name: 'accept', in: 'query', schema: { type: 'string' } }, { name: 'X-Trace', in: 'header', schema: { type: 'string' } }] });
    expect(tool!.args.map((a) => `${a.location}:${a.wireName}`)).toStrictEqual(['path:id', 'query:accept', 'header:X-Trace']);
  });
});
