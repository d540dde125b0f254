import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compiledPackage } from '../support/compiled-package.ts';
import { REPO_ROOT } from '../../scripts/shared/repo-root.ts';

/** Every name an object inherits (`constructor`, `toString`, `__proto__`, `__defineGetter__`, …). */
const INHERITED = Object.getOwnPropertyNames(Object.prototype).sort();
const text = (description: string) => ({ type: 'string', description });
/** An own `__proto__` key, as JSON.parse makes it (a literal `__proto__:` would set the prototype). */
const withProto = <T>(input: { readonly proto: T; readonly rest: Record<string, T> }): Record<string, T> => ({ ['__proto__']: input.proto, ...input.rest });

/**
 * Document names that are JavaScript's own: every inherited name as a query parameter, a body field
 * and a response field named `__proto__`, a variant value and a static header of that name, body
 * fields named like the generator's control arguments, and two paths whose tools camel-case alike.
 */
const doc = {
  openapi: '3.0.3',
  info: { title: 'Acme', version: '1' },
  servers: [{ url: 'https://api.acme.test' }],
  'x-mcp': {
    vendor: 'Acme', package: 'acme', title: 'Acme', envPrefix: 'ACME',
    auth: { scheme: 'b', env: 'ACME_TOKEN' },
    headers: withProto({ proto: 'p', rest: { constructor: 'c' } }),
    variants: { kind: { payload: 'data', schemas: withProto<unknown>({ proto: { type: 'object', properties: { q: text('q') } }, rest: { x: { type: 'object', properties: { p: text('p') } }, constructor: { type: 'object' } } }) } },
  },
  components: { securitySchemes: { b: { type: 'http', scheme: 'bearer' } } },
  paths: {
    '/things/{kind}': {
      post: {
        parameters: [{ name: 'kind', in: 'path', required: true, schema: { type: 'string' }, description: 'k' }, ...INHERITED.map((name) => ({ name, in: 'query', schema: text(name), description: name }))],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['__proto__', 'dry_run'],
                properties: withProto<unknown>({
                  proto: text('proto'),
                  rest: {
                    dry_run: { type: 'string', enum: ['plan', 'apply'], description: 'Vendor mode.' },
                    confirm_removed_tags: text('A vendor field.'),
                    tags: { type: 'array', description: 'Tags.', items: { type: 'object', properties: { id: text('id') } } },
                    data: { type: 'object', description: 'Payload.' },
                  },
                }),
              },
            },
          },
        },
        'x-mcp': { resource: 'thing', method: 'create', description: 'Create a thing.', variants: 'kind', safeguards: [{ kind: 'full-array', field: 'tags', identity: ['id'] }] },
        responses: { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: withProto<unknown>({ proto: { type: 'object', properties: { type: { type: 'string' } } }, rest: { constructor: { type: 'integer' }, id: { type: 'string' } } }) } } } } },
      },
    },
    '/ab1': { get: { 'x-mcp': { resource: 'ab1', method: 'list', description: 'List ab1.' }, responses: { 200: { description: 'ok' } } } },
    '/ab_1': { get: { 'x-mcp': { resource: 'ab_1', method: 'list', description: 'List ab_1.' }, responses: { 200: { description: 'ok' } } } },
  },
};

type Tool = {
  name: string;
  inputSchema: { properties: Record<string, { type?: unknown; enum?: unknown }>; required: string[] };
  outputSchema: { properties: Record<string, unknown> };
  input: () => { safeParse: (value: unknown) => { success: boolean } };
  http: { args: Record<string, unknown> };
  variants: { variants: Record<string, unknown>; schemaTool: { shapes: Record<string, unknown> } };
};
type Request = { request: { url: string; body: string } };

describe('a document\'s names that JavaScript and TypeScript give meanings of their own', () => {
  const dir = path.join(REPO_ROOT, '.cache', `hostile-names-${process.pid}`);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('build a package that type-checks, keeps every key, and sends every argument where the document says', async () => {
    const { diagnostics, load } = compiledPackage({ text: JSON.stringify(doc), file: 'acme.json', dir });
    expect(diagnostics.filter((d) => d.severity === 'error')).toStrictEqual([]);
    const { tools } = await load<{ tools: Tool[] }>('tools/index.js');
    const { vendor } = await load<{ vendor: { headers: Record<string, string> } }>('vendor.js');
    const { buildHttpRequest } = await load<{ buildHttpRequest: (input: unknown) => Request }>('runtime/http-request.js');

    // Two tools whose identifiers camel-case alike are both in the table.
    expect(tools.map((t) => t.name)).toStrictEqual(['create_a_acme_thing', 'list_all_acme_ab1', 'list_all_acme_ab_1']);
    const tool = tools[0]!;
    // A query parameter named `constructor` and the doc's `dry_run` / `confirm_removed_tags` are
    // prefixed with their location; the generator's own control arguments keep their names.
    expect(Object.keys(tool.inputSchema.properties)).toStrictEqual([
      'kind', 'define_getter', 'define_setter', 'lookup_getter', 'lookup_setter', 'proto', 'query_constructor', 'has_own_property', 'is_prototype_of',
      'property_is_enumerable', 'to_locale_string', 'to_string', 'value_of', 'body_proto', 'body_dry_run', 'body_confirm_removed_tags', 'tags', 'data',
      'dry_run', 'confirm_removed_tags',
    ]);
    expect(tool.inputSchema.required).toStrictEqual(['kind', 'body_proto', 'body_dry_run']);
    expect(tool.inputSchema.properties['body_dry_run']!.enum).toStrictEqual(['plan', 'apply']);
    expect(tool.inputSchema.properties['dry_run']!.type).toBe('boolean');
    expect(tool.input().safeParse({ kind: 'x', body_proto: 'v', body_dry_run: 'plan' }).success).toBe(true);
    expect(tool.input().safeParse({ kind: 'x', body_proto: 'v', body_dry_run: 'plan', dry_run: true, query_constructor: 'c', to_string: 's' }).success).toBe(true);

    const built = buildHttpRequest({ binding: tool.http, args: { kind: 'x', body_proto: 'v', body_dry_run: 'plan', body_confirm_removed_tags: 'f', query_constructor: 'c', proto: 'q', dry_run: true }, baseUrl: 'https://api.acme.test', headers: {} });
    expect(built.request.url).toBe('https://api.acme.test/things/x?__proto__=q&constructor=c');
    expect(Object.entries(JSON.parse(built.request.body) as object)).toStrictEqual([['__proto__', 'v'], ['dry_run', 'plan'], ['confirm_removed_tags', 'f']]);

    // `__proto__` keys of the document stay keys in the compiled modules.
    const own = (record: object) => Object.keys(record).filter((key) => key === '__proto__' || key === 'constructor');
    expect(own(tool.outputSchema.properties)).toStrictEqual(['__proto__', 'constructor']);
    expect(own(tool.variants.variants)).toStrictEqual(['__proto__', 'constructor']);
    expect(own(tool.variants.schemaTool.shapes)).toStrictEqual(['__proto__', 'constructor']);
    expect(Object.entries(vendor.headers).filter(([name]) => own({ [name]: 1 }).length > 0)).toStrictEqual([['__proto__', 'p'], ['constructor', 'c']]);
  }, 120_000);
});
