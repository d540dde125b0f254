import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { layout } from '../../generator/emit/ts/code-layout.ts';
import { zodExpression } from '../../generator/emit/ts/zod-expression.ts';
import { buildFromText } from '../support/generate-in-memory.ts';

const ok = { responses: { 200: { description: 'ok' } } };

/** One plain operation → its tool's arguments as [name, location, wireName, required, schema, style, explode], and the diagnostics. */
function wire(input: { readonly path?: string; readonly verb?: string; readonly operation: Record<string, unknown>; readonly pathParameters?: unknown[]; readonly components?: unknown }) {
  const path = input.path ?? '/things';
  const text = JSON.stringify({
    openapi: '3.1.0',
    info: { title: 'T', version: '1' },
    servers: [{ url: 'https://t.test' }],
    ...(input.components ? { components: input.components } : {}),
    paths: { [path]: { ...(input.pathParameters ? { parameters: input.pathParameters } : {}), [input.verb ?? 'get']: { summary: 'Does it.', ...ok, ...input.operation } } },
  });
  const { api, diagnostics } = buildFromText({ text, file: 't.json', plainSlug: 't' });
  const tool = api?.tools[0];
  return {
    args: tool?.args.map((a) => [a.name, a.location, a.wireName, a.required, a.schema, a.style ?? null, a.explode ?? null]),
    inputRequired: tool?.inputSchema['required'],
    omitted: api?.omitted.map((o) => o.reason),
    diagnostics: diagnostics.filter((d) => d.code !== 'VMCP_PLAIN_SPEC_NO_AUTH').map((d) => [d.code, d.severity, d.location.pointer, d.message]),
  };
}

const param = (extra: Record<string, unknown>) => ({ operation: { parameters: [{ schema: { type: 'string' }, ...extra }] } });

describe('parameters', () => {
  it('headers HTTP owns, cookies, other locations and nameless parameters bind nothing', () => {
    const { args, diagnostics } = wire({
      operation: {
        parameters: [
          { name: 'Accept', in: 'header' },
          { name: 'content-type', in: 'header' },
          { name: 'AUTHORIZATION', in: 'header' },
          { name: 'sid', in: 'cookie' },
          { name: 'b', in: 'body' },
          { name: 7, in: 'query' },
          { name: 'n', in: 3 },
          'not an object',
        ],
      },
    });
    expect(args).toStrictEqual([]);
    expect(diagnostics).toStrictEqual([['VMCP_PARAMETER_UNSUPPORTED', 'warning', '/paths/~1things/get/parameters/3', 'Cookie parameter "sid" is not sent']]);
  });

  it('query styles: form and exploded by default, another style not exploded, explode as given, unknown styles are form', () => {
    const q = (extra: Record<string, unknown>) => wire(param({ name: 'q', in: 'query', ...extra })).args![0]!.slice(5);
    expect(q({})).toStrictEqual(['form', true]);
    expect(q({ style: 'spaceDelimited' })).toStrictEqual(['spaceDelimited', false]);
    expect(q({ style: 'pipeDelimited', explode: true })).toStrictEqual(['pipeDelimited', true]);
    expect(q({ style: 'deepObject' })).toStrictEqual(['deepObject', false]);
    expect(q({ style: 'form', explode: false })).toStrictEqual(['form', false]);
    expect(q({ style: 'matrix', explode: 'yes' })).toStrictEqual(['form', true]);
  });

  it('headers are optional unless required, and carry no style', () => {
    expect(wire(param({ name: 'X-A', in: 'header' })).args).toStrictEqual([['x_a', 'header', 'X-A', false, { type: 'string' }, null, null]]);
    expect(wire(param({ name: 'X-A', in: 'header', required: true })).args![0]![3]).toBe(true);
    expect(wire(param({ name: 'q', in: 'query', required: 'yes' })).args![0]![3]).toBe(false);
  });

  it('a path value is always required and never empty; a non-string path value keeps its schema', () => {
    const p = (schema: unknown) => wire({ path: '/things/{id}', operation: { parameters: [{ name: 'id', in: 'path', required: false, schema }] } }).args![0]!.slice(3, 5);
    expect(p({ type: 'string' })).toStrictEqual([true, { type: 'string', minLength: 1 }]);
    expect(p({ type: 'string', minLength: 0 })).toStrictEqual([true, { type: 'string', minLength: 1 }]);
    expect(p({ type: 'string', minLength: 4 })).toStrictEqual([true, { type: 'string', minLength: 4 }]);
    expect(p({})).toStrictEqual([true, { type: 'string', minLength: 1 }]);
    expect(p({ type: 'integer' })).toStrictEqual([true, { type: 'integer' }]);
  });

  it('a path value whose pattern fixes a non-zero length lists no minLength (the pattern refuses the empty value), and the validator still refuses it', () => {
    const p = (schema: unknown) => wire({ path: '/things/{id}', operation: { parameters: [{ name: 'id', in: 'path', schema }] } }).args![0]![4] as Record<string, unknown>;
    const sid = p({ type: 'string', pattern: '^DG[0-9a-fA-F]{32}$' });
    expect(sid).toStrictEqual({ type: 'string', pattern: '^DG[0-9a-fA-F]{32}$' });
    const validator = new Function('z', `return ${layout(zodExpression(sid))}`)(z) as z.ZodType;
    expect([validator.safeParse('').success, validator.safeParse(`DG${'a'.repeat(32)}`).success]).toStrictEqual([false, true]);
    // The bound stays wherever the pattern does not prove it: a pattern of any length, or one that matches the empty value.
    expect(p({ type: 'string', pattern: '^[a-z]+$' })).toStrictEqual({ type: 'string', pattern: '^[a-z]+$', minLength: 1 });
    expect(p({ type: 'string', pattern: '^$' })).toStrictEqual({ type: 'string', pattern: '^$', minLength: 1 });
    expect(p({ type: 'string', pattern: '^[A-Z]{2}$', minLength: 3 })).toStrictEqual({ type: 'string', pattern: '^[A-Z]{2}$', minLength: 3 });
  });

  it('the schema from content when there is no schema, the description trimmed, a blank one left out', () => {
    const s = (extra: Record<string, unknown>) => wire({ operation: { parameters: [{ name: 'f', in: 'query', ...extra }] } }).args![0]![4];
    expect(s({ content: { 'application/json': { schema: { type: 'integer' } } } })).toStrictEqual({ type: 'integer' });
    expect(s({ content: {} })).toStrictEqual({});
    expect(s({ content: { 'application/json': 'x' } })).toStrictEqual({});
    expect(s({ schema: { type: 'string' }, description: '  Filter.  ' })).toStrictEqual({ type: 'string', description: 'Filter.' });
    expect(s({ schema: { type: 'string' }, description: '   ' })).toStrictEqual({ type: 'string' });
  });

  it('an operation parameter replaces the path item one of the same name and place; refs are followed', () => {
    const { args } = wire({
      pathParameters: [{ name: 'q', in: 'query', schema: { type: 'string' } }, { name: 'q', in: 'header', schema: { type: 'string' } }],
      operation: { parameters: [{ $ref: '#/components/parameters/Q' }] },
      components: { parameters: { Q: { name: 'q', in: 'query', schema: { type: 'integer' } } } },
    });
    expect(args!.map((a) => [a[0], a[1], a[4]])).toStrictEqual([
      ['q', 'query', { type: 'integer' }],
      ['header_q', 'header', { type: 'string' }],
    ]);
  });
});

describe('request bodies', () => {
  const body = (content: Record<string, unknown>, extra: Record<string, unknown> = {}, verb = 'post') => wire({ verb, operation: { requestBody: { content, ...extra } } });
  const object = { schema: { type: 'object', required: ['a'], properties: { a: { type: 'string' }, b: { type: 'integer' } } } };

  it('an object body is spread into fields, required as the schema says', () => {
    const { args, inputRequired } = body({ 'application/json': object });
    expect(args!.map((a) => a.slice(0, 4))).toStrictEqual([
      ['a', 'body', 'a', true],
      ['b', 'body', 'b', false],
    ]);
    expect(inputRequired).toStrictEqual(['a']);
  });

  it('JSON media types: +json suffixes, then anything naming json; then forms; the rest is unsupported', () => {
    expect(body({ 'text/plain': {}, 'application/merge-patch+json': object }).args!.length).toBe(2);
    expect(body({ 'text/x-json': object }).args!.length).toBe(2);
    expect(body({ 'application/x-www-form-urlencoded': object }).args!.length).toBe(2);
    expect(body({ 'text/plain': object, 'multipart/form-data': object })).toMatchObject({ args: undefined, omitted: ['request body media type text/plain, multipart/form-data is not supported'] });
    expect(body({})).toMatchObject({ args: undefined, omitted: ['request body media type (none) is not supported'] });
  });

  it('anything but an object with properties travels whole, as `body`, required when the body is', () => {
    const whole = (schema: unknown, extra: Record<string, unknown> = {}) => body({ 'application/json': { schema } }, extra).args!.map((a) => a.slice(0, 4));
    expect(whole({ type: 'array', items: {} }, { required: true })).toStrictEqual([['body', 'body', 'body', true]]);
    expect(whole({ type: 'object' })).toStrictEqual([['body', 'body', 'body', false]]);
    expect(whole({ type: 'object', properties: { a: {} }, oneOf: [{ required: ['a'] }] })).toStrictEqual([['body', 'body', 'body', false]]);
    expect(whole({ properties: { a: {} }, anyOf: [{}] })).toStrictEqual([['body', 'body', 'body', false]]);
    expect(whole({ properties: { a: {} } })).toStrictEqual([['a', 'body', 'a', false]]);
  });

  it('a JSON body on GET is sent; a form body on GET and any body on HEAD are not, with a warning', () => {
    expect(body({ 'application/json': object }, {}, 'get').args!.length).toBe(2);
    const form = body({ 'application/x-www-form-urlencoded': object }, {}, 'get');
    expect(form.args).toStrictEqual([]);
    expect(form.diagnostics).toStrictEqual([['VMCP_GET_BODY_IGNORED', 'warning', '/paths/~1things/get/requestBody', 'GET operation declares a request body that is not JSON; it is not sent']]);
    expect(body({ 'application/json': object }, {}, 'head').diagnostics.map((d) => d[3])).toStrictEqual(['HEAD operation declares a request body, which a HEAD request never carries; it is not sent']);
  });

  it('a body without content, or not an object, is no body', () => {
    expect(wire({ verb: 'post', operation: { requestBody: { description: 'x' } } }).args).toStrictEqual([]);
    expect(wire({ verb: 'post', operation: { requestBody: 'x' } }).args).toStrictEqual([]);
  });
});

describe('flat names', () => {
  it('a body field named like a path variable of the same type fills both; of another type it is its own argument', () => {
    const run = (type: string) =>
      wire({ path: '/things/{key}', verb: 'put', operation: { parameters: [{ name: 'key', in: 'path', schema: { type: 'string' } }], requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { key: { type } } } } } } } });
    expect(run('string').args!.map((a) => [a[0], a[1]])).toStrictEqual([['key', 'path']]);
    expect(run('integer').args!.map((a) => [a[0], a[1]])).toStrictEqual([
      ['key', 'path'],
      ['body_key', 'body'],
    ]);
  });

  it('a third clash is numbered; an empty wire name is `value`', () => {
    const { args } = wire({
      verb: 'post',
      operation: {
        parameters: [{ name: 'id', in: 'query', schema: {} }, { name: 'id', in: 'header', schema: {} }, { name: 'header_id', in: 'query', schema: {} }, { name: '-', in: 'query', schema: {} }],
        requestBody: { content: { 'application/json': { schema: { properties: { id: {}, 'a~b/c': {} } } } } },
      },
    });
    expect(args!.map((a) => [a[0], a[1], a[2]])).toStrictEqual([
      ['id', 'query', 'id'],
      ['header_id', 'query', 'header_id'],
      ['value', 'query', '-'],
      ['id_2', 'header', 'id'],
      ['body_id', 'body', 'id'],
      ['a_b_c', 'body', 'a~b/c'],
    ]);
  });
});

describe('references to parameters and bodies', () => {
  const components = {
    parameters: { 'a b': { name: 'ab', in: 'query', schema: {} }, Loop: { $ref: '#/components/parameters/Back' }, Back: { $ref: '#/components/parameters/Loop' }, Hop: { $ref: '#/components/parameters/a%20b' } },
    requestBodies: { Widget: { content: { 'application/json': { schema: { properties: { w: {} } } } } } },
  };

  it('follows percent-encoded and chained refs, for parameters and bodies alike', () => {
    const { args, diagnostics } = wire({ verb: 'post', components, operation: { parameters: [{ $ref: '#/components/parameters/Hop' }], requestBody: { $ref: '#/components/requestBodies/Widget' } } });
    expect(args!.map((a) => a[0])).toStrictEqual(['ab', 'w']);
    expect(diagnostics).toStrictEqual([]);
  });

  it('a ref cycle binds nothing; a missing target, a non-local or non-string ref is an error naming it', () => {
    expect(wire({ components, operation: { parameters: [{ $ref: '#/components/parameters/Loop' }] } })).toMatchObject({ args: [], diagnostics: [] });
    expect(wire({ components, operation: { parameters: [{ $ref: '#/components/parameters/None' }] } }).diagnostics).toStrictEqual([
      ['VMCP_REF_NOT_FOUND', 'error', '/paths/~1things/get/parameters/0', '$ref "#/components/parameters/None" does not resolve'],
    ]);
    expect(wire({ components, operation: { parameters: [{ $ref: 'common.yaml#/P' }, { $ref: 7 }] } }).diagnostics).toStrictEqual([
      ['VMCP_REF_EXTERNAL', 'error', '/paths/~1things/get/parameters/0', '$ref "common.yaml#/P" is not a local reference (it must start with "#/")'],
      ['VMCP_REF_EXTERNAL', 'error', '/paths/~1things/get/parameters/1', '$ref 7 is not a local reference (it must start with "#/")'],
    ]);
  });
});

describe('argument names on a clash', () => {
  const names = (parameters: unknown[]) => wire({ operation: { parameters } }).args!.map((a) => a[0]);
  const q = (name: string, location = 'query') => ({ name, in: location, schema: { type: 'string' } });

  it('a later clash takes its location as a prefix, then the first free number from 2', () => {
    expect(names([q('x'), q('x', 'header')])).toStrictEqual(['x', 'header_x']);
    expect(names([q('x'), q('header_x', 'header'), q('x', 'header')])).toStrictEqual(['x', 'header_x', 'x_2']);
    expect(names([q('x'), q('x_2'), q('header_x', 'header'), q('x', 'header')])).toStrictEqual(['x', 'x_2', 'header_x', 'x_3']);
  });
});

describe('a parameter schema given in content', () => {
  const run = (schema: unknown) => wire({ operation: { parameters: [{ name: 'f', in: 'query', content: { 'application/json': { schema } } }] } });

  it('is read as input: a readOnly property is dropped, a writeOnly one kept', () => {
    const schema = { type: 'object', properties: { id: { type: 'string', readOnly: true }, secret: { type: 'string', writeOnly: true } } };
    expect((run(schema).args![0]![4] as Record<string, unknown>)['properties']).toStrictEqual({ secret: { type: 'string' } });
  });

  it('a problem inside it points into content/<media type>/schema', () => {
    expect(run({ $ref: '#/components/schemas/None' }).diagnostics).toStrictEqual([
      ['VMCP_REF_NOT_FOUND', 'error', '/paths/~1things/get/parameters/0/content/application~1json/schema', '$ref "#/components/schemas/None" does not resolve'],
    ]);
  });
});

describe('where a parameter comes from', () => {
  it('a path-item parameter is reported at the path item, an argument points at its parameter', () => {
    expect(wire({ pathParameters: [{ name: 'sid', in: 'cookie' }], operation: {} }).diagnostics).toStrictEqual([['VMCP_PARAMETER_UNSUPPORTED', 'warning', '/paths/~1things/parameters/0', 'Cookie parameter "sid" is not sent']]);
    const text = JSON.stringify({ openapi: '3.1.0', info: { title: 'T', version: '1' }, servers: [{ url: 'https://t.test' }], paths: { '/things': { get: { summary: 'Does it.', ...ok, parameters: [{ name: 'q', in: 'query', schema: {} }] } } } });
    expect(buildFromText({ text, file: 't.json', plainSlug: 't' }).api?.tools[0]?.args[0]?.source).toStrictEqual({ file: 't.json', pointer: '/paths/~1things/get/parameters/0' });
  });

  it('a body points at the schema of its media type', () => {
    const text = JSON.stringify({ openapi: '3.1.0', info: { title: 'T', version: '1' }, servers: [{ url: 'https://t.test' }], paths: { '/things': { post: { summary: 'Does it.', ...ok, requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { a: {} } } } } } } } } });
    expect(buildFromText({ text, file: 't.json', plainSlug: 't' }).api?.tools[0]?.body?.source).toStrictEqual({ file: 't.json', pointer: '/paths/~1things/post/requestBody/content/application~1json/schema' });
  });

  it('only a header named Accept is the HTTP layer\'s: a query parameter of that name is an argument', () => {
    expect(wire(param({ name: 'Accept', in: 'query' })).args!.map((a) => [a[0], a[1]])).toStrictEqual([['accept', 'query']]);
  });
});
