import { describe, expect, it } from 'vitest';
import { buildFromText } from '../support/generate-in-memory.ts';

/**
 * An operation's request body → the tool's body IR and its arguments, from a small inline document:
 * which media type is read, when the body is spread into fields, and where each argument points.
 */
function build(input: { readonly requestBody?: unknown; readonly verb?: string; readonly parameters?: unknown[]; readonly bodies?: Record<string, unknown>; readonly path?: string }) {
  const path = input.path ?? '/things/{id}';
  const text = JSON.stringify({
    openapi: '3.1.0',
    info: { title: 'Acme', version: '1' },
    servers: [{ url: 'https://acme.test' }],
    'x-mcp': { vendor: 'Acme', package: 'acme', title: 'Acme', envPrefix: 'ACME', auth: { scheme: 'b', env: 'ACME_TOKEN' } },
    components: { securitySchemes: { b: { type: 'http', scheme: 'bearer' } }, requestBodies: input.bodies ?? {} },
    paths: {
      [path]: {
        [input.verb ?? 'put']: {
          parameters: input.parameters ?? [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          'x-mcp': { resource: 'thing', method: input.verb === 'get' || input.verb === 'head' ? 'get' : 'update', description: 'Do it.' },
          ...(input.requestBody === undefined ? {} : { requestBody: input.requestBody }),
          responses: { 200: { description: 'ok' } },
        },
      },
    },
  });
  const { api, diagnostics } = buildFromText({ text, file: 'acme.json' });
  return { tool: api?.tools[0], omitted: api?.omitted.map((o) => o.reason), diagnostics: diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.severity} ${d.code} ${d.location.pointer}: ${d.message}`) };
}

const FIELDS = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };
const at = '/paths/~1things~1{id}/put/requestBody';

describe('which media type is read', () => {
  it.each<{ readonly name: string; readonly content: Record<string, unknown>; readonly want: { readonly mediaType: string; readonly encoding: string } }>([
    { name: 'application/json', content: { 'application/json': { schema: FIELDS } }, want: { mediaType: 'application/json', encoding: 'json' } },
    { name: 'a vendor +json type, in any case', content: { 'Application/Vnd.Acme+JSON': { schema: FIELDS } }, want: { mediaType: 'Application/Vnd.Acme+JSON', encoding: 'json' } },
    { name: 'application/json before any other type naming json', content: { 'text/x-json': { schema: FIELDS }, 'application/json': { schema: FIELDS } }, want: { mediaType: 'application/json', encoding: 'json' } },
    { name: 'a type that only mentions json, when nothing else does', content: { 'text/plain': {}, 'text/x-json': { schema: FIELDS } }, want: { mediaType: 'text/x-json', encoding: 'json' } },
    { name: 'a form', content: { 'application/x-www-form-urlencoded; charset=utf-8': { schema: FIELDS } }, want: { mediaType: 'application/x-www-form-urlencoded; charset=utf-8', encoding: 'form' } },
    { name: 'JSON over a form', content: { 'application/x-www-form-urlencoded': { schema: FIELDS }, 'application/json': { schema: FIELDS } }, want: { mediaType: 'application/json', encoding: 'json' } },
  ])('$name', ({ content, want }) => {
    const { tool, diagnostics } = build({ requestBody: { required: true, content } });
    expect(diagnostics).toStrictEqual([]);
    expect(tool!.body).toMatchObject({ kind: 'body', ...want, mode: 'fields', required: true });
  });

  it.each<{ readonly name: string; readonly content: Record<string, unknown>; readonly want: string }>([
    { name: 'multipart', content: { 'multipart/form-data': { schema: FIELDS } }, want: 'request body media type multipart/form-data is not supported' },
    { name: 'a type that only starts like a form', content: { 'application/x-www-form-urlencodedx': { schema: FIELDS } }, want: 'request body media type application/x-www-form-urlencodedx is not supported' },
    { name: 'no media type at all', content: {}, want: 'request body media type (none) is not supported' },
  ])('$name: the operation is left out and says why', ({ content, want }) => {
    const { tool, omitted } = build({ requestBody: { content } });
    expect(tool).toBeUndefined();
    expect(omitted).toStrictEqual([want]);
  });

  it('a request body without content is no body', () => {
    const { tool } = build({ requestBody: { description: 'Nothing.' } });
    expect(tool!.body).toBeUndefined();
    expect(tool!.args.map((a) => a.name)).toStrictEqual(['id']);
  });
});

describe('fields or whole', () => {
  it.each<{ readonly name: string; readonly schema: unknown; readonly mode: string }>([
    { name: 'an object with properties is spread into fields', schema: FIELDS, mode: 'fields' },
    { name: 'properties without a type too', schema: { properties: { name: { type: 'string' } } }, mode: 'fields' },
    { name: 'an object without properties travels whole', schema: { type: 'object', additionalProperties: { type: 'string' } }, mode: 'whole' },
    { name: 'a nullable object travels whole', schema: { type: ['object', 'null'], properties: { name: { type: 'string' } } }, mode: 'whole' },
    { name: 'an object with a oneOf travels whole', schema: { type: 'object', properties: { name: { type: 'string' } }, oneOf: [{ required: ['name'] }] }, mode: 'whole' },
    { name: 'an object with an anyOf travels whole', schema: { type: 'object', properties: { name: { type: 'string' } }, anyOf: [{ required: ['name'] }] }, mode: 'whole' },
    { name: 'an array travels whole', schema: { type: 'array', items: { type: 'string' } }, mode: 'whole' },
    { name: 'a string with properties travels whole', schema: { type: 'string', properties: { name: { type: 'string' } } }, mode: 'whole' },
  ])('$name', ({ schema, mode }) => {
    const { tool } = build({ requestBody: { content: { 'application/json': { schema } } } });
    expect(tool!.body!.mode).toBe(mode);
    expect(tool!.args.filter((a) => a.location === 'body').map((a) => a.wireName)).toStrictEqual(mode === 'fields' ? ['name'] : ['body']);
  });

  it('a body not marked required is optional; body fields point at their own property, escaped', () => {
    const { tool } = build({ requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { 'a/b~c': { type: 'string' } } } } } } });
    expect(tool!.body).toStrictEqual({ kind: 'body', mediaType: 'application/json', encoding: 'json', mode: 'fields', required: false, source: { file: 'acme.json', pointer: `${at}/content/application~1json/schema` } });
    expect(tool!.args.map((a) => [a.wireName, a.source])).toStrictEqual([
      ['id', { file: 'acme.json', pointer: '/paths/~1things~1{id}/put/parameters/0' }],
      ['a/b~c', { file: 'acme.json', pointer: `${at}/content/application~1json/schema/properties/a~1b~0c` }],
    ]);
  });

  it('a whole body is one argument called body, whatever else is called body', () => {
    const { tool } = build({
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, { name: 'body', in: 'query', schema: { type: 'string' } }],
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'array', items: { type: 'string' } } } } },
    });
    expect(tool!.args.map((a) => `${a.name}:${a.location}:${a.required}`)).toStrictEqual(['id:path:true', 'body:query:false', 'body_body:body:true']);
  });

  it('a body by $ref points at the shared body', () => {
    const { tool } = build({ requestBody: { $ref: '#/components/requestBodies/Thing' }, bodies: { Thing: { required: true, content: { 'application/json': { schema: FIELDS } } } } });
    expect(tool!.body).toMatchObject({ required: true, source: { file: 'acme.json', pointer: '/components/requestBodies/Thing/content/application~1json/schema' } });
  });

  it('a body $ref that does not resolve: no body, and the error', () => {
    const { tool, diagnostics } = build({ requestBody: { $ref: '#/components/requestBodies/Missing' } });
    expect(tool!.body).toBeUndefined();
    expect(diagnostics).toStrictEqual([`error VMCP_REF_NOT_FOUND ${at}: $ref "#/components/requestBodies/Missing" does not resolve`]);
  });
});

describe('a body on a read', () => {
  it('a JSON body on GET is sent', () => {
    const { tool, diagnostics } = build({ verb: 'get', requestBody: { content: { 'application/json': { schema: FIELDS } } } });
    expect(diagnostics).toStrictEqual([]);
    expect(tool!.body).toMatchObject({ encoding: 'json' });
  });

  it.each([
    { verb: 'get', content: { 'application/x-www-form-urlencoded': { schema: FIELDS } }, want: 'GET operation declares a request body that is not JSON' },
    { verb: 'get', content: { 'text/plain': { schema: { type: 'string' } } }, want: 'GET operation declares a request body that is not JSON' },
    // The message used to say "not JSON" of a JSON body too.
    { verb: 'head', content: { 'application/json': { schema: FIELDS } }, want: 'HEAD operation declares a request body, which a HEAD request never carries' },
  ])('a body that is not sent is said so, and why ($verb)', ({ verb, content, want }) => {
    const { tool, diagnostics } = build({ verb, requestBody: { content } });
    expect(tool!.body).toBeUndefined();
    expect(diagnostics).toStrictEqual([`warning VMCP_GET_BODY_IGNORED /paths/~1things~1{id}/${verb}/requestBody: ${want}; it is not sent`]);
  });
});

describe('the flat arguments and the input schema', () => {
  it('an object root (strict at run time; additionalProperties not listed): one property per argument and control, required only when some are', () => {
    const { tool } = build({ requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string' } } } } } } });
    expect(tool!.args.map((a) => a.kind)).toStrictEqual(['arg', 'arg']);
    expect(tool!.inputSchema).toStrictEqual({
      type: 'object',
      properties: { id: { type: 'string', minLength: 1 }, name: { type: 'string' }, dry_run: { type: 'boolean', description: 'Preview only.' } },
      required: ['id'],
    });
    const read = build({ verb: 'get', path: '/things', parameters: [{ name: 'q', in: 'query', schema: { type: 'string' } }] }).tool!;
    expect(read.inputSchema).toStrictEqual({ type: 'object', properties: { q: { type: 'string' } } });
  });

  it('a body field named like a path variable of the same type is that variable; a query parameter of the name is not', () => {
    const { tool } = build({
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, { name: 'id', in: 'query', schema: { type: 'string' } }],
      requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } } } } },
    });
    expect(tool!.args.map((a) => ({ name: a.name, location: a.location, mirrors: a.mirrors }))).toStrictEqual([
      { name: 'id', location: 'path', mirrors: [{ in: 'body', name: 'id' }] },
      { name: 'query_id', location: 'query', mirrors: undefined },
      { name: 'name', location: 'body', mirrors: undefined },
    ]);
  });

  it('a body read as input drops readOnly fields', () => {
    const { tool } = build({ requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { id2: { type: 'string', readOnly: true }, name: { type: 'string' } } } } } } });
    expect(tool!.args.map((a) => a.name)).toStrictEqual(['id', 'name']);
  });

  it('only a type that starts as application/…json or as a form is preferred', () => {
    const json = build({ requestBody: { content: { 'text/x-json': { schema: FIELDS }, 'x/application/json': { schema: FIELDS }, 'application/vnd.acme+json': { schema: FIELDS } } } });
    expect(json.tool!.body!.mediaType).toBe('application/vnd.acme+json');
    const anchored = build({ requestBody: { content: { 'text/x-json': { schema: FIELDS }, 'x/application/json': { schema: FIELDS } } } });
    expect(anchored.tool!.body!.mediaType).toBe('text/x-json');
    expect(build({ requestBody: { content: { 'x/application/x-www-form-urlencoded': { schema: FIELDS } } } }).omitted).toStrictEqual(['request body media type x/application/x-www-form-urlencoded is not supported']);
  });
});
