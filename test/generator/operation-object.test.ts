import { describe, expect, it } from 'vitest';
import { MINIMAL_VENDOR_DOC } from '../fixtures/minimal-vendor-doc.ts';
import { buildFromText } from '../support/generate-in-memory.ts';

function plainDoc(paths: Record<string, unknown>): string {
  return JSON.stringify({ openapi: '3.0.3', info: { title: 'Pets', version: '1' }, servers: [{ url: 'https://pets.test/api' }], paths });
}

const ok = { responses: { 200: { description: 'ok' } } };

describe('plain OpenAPI operations get convention names', () => {
  it.each([
    { given: { path: '/pets', method: 'get' }, want: 'list_all_pets_pets' },
    { given: { path: '/pets/{petId}', method: 'get' }, want: 'get_single_pets_pet_by_id' },
    { given: { path: '/pets', method: 'post' }, want: 'create_a_pets_pet' },
    { given: { path: '/pets/{petId}', method: 'patch' }, want: 'update_a_pets_pet_by_id' },
    { given: { path: '/pets/{petId}', method: 'delete' }, want: 'delete_a_pets_pet_by_id' },
    { given: { path: '/pets/{petId}/vaccinate', method: 'post' }, want: 'pets_pets_vaccinate' },
    { given: { path: '/stores/{id}/pets/{petId}', method: 'put' }, want: 'update_a_pets_stores_pet_by_id' },
  ])('$given.method $given.path → $want', ({ given, want }) => {
    const { api } = buildFromText({ text: plainDoc({ [given.path]: { [given.method]: { summary: 'Does it.', ...ok } } }), file: 'pets.json', plainSlug: 'pets' });
    expect(api?.tools.map((t) => t.name)).toStrictEqual([want]);
  });

  it('falls back to the operationId when two operations would share a name', () => {
    const { api } = buildFromText({
      file: 'pets.json',
      plainSlug: 'pets',
      text: plainDoc({
        '/pets': { get: { operationId: 'listPets', summary: 'List.', ...ok } },
        '/v2/pets': { get: { operationId: 'listPetsV2', summary: 'List v2.', ...ok } },
        '/pets/': { get: { summary: 'Trailing slash.', ...ok } },
      }),
    });
    expect(api?.tools.map((t) => t.name)).toStrictEqual(['list_all_pets_pets', 'list_all_pets_v2_pets', 'pets_list_pets']);
  });

  it('uses the summary as documentation and leaves out undocumented operations', () => {
    const { api } = buildFromText({ file: 'pets.json', plainSlug: 'pets', text: plainDoc({ '/pets': { get: { ...ok }, post: { description: 'Adds a pet.', ...ok } } }) });
    expect(api?.tools.map((t) => [t.name, t.description])).toStrictEqual([['create_a_pets_pet', 'Adds a pet.']]);
    expect(api?.omitted.map((o) => `${o.operation}: ${o.reason}`)).toStrictEqual(['GET /pets: no description or summary']);
  });
});

describe('flat arguments', () => {
  const doc = JSON.stringify({
    openapi: '3.1.0',
    info: { title: 'T', version: '1' },
    servers: [{ url: 'https://t.test' }],
    paths: {
      '/things/{thingKey}/{id}': {
        parameters: [{ name: 'thingKey', in: 'path', required: true, schema: { type: 'string' } }],
        patch: {
          summary: 'Upsert a thing.',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'id', in: 'query', schema: { type: 'string' } },
            { name: 'X-Trace', in: 'header', schema: { type: 'string' } },
            { name: 'Accept', in: 'header', schema: { type: 'string' } },
            { name: 'session', in: 'cookie', schema: { type: 'string' } },
            { name: 'tags', in: 'query', style: 'form', explode: false, schema: { type: 'array', items: { type: 'string' } } },
          ],
          requestBody: { content: { 'application/json': { schema: { type: 'object', required: ['thingKey'], properties: { thingKey: { type: 'string' }, id: { type: 'integer' }, itemsPerPage: { type: 'integer' } } } } } },
          ...ok,
        },
      },
    },
  });

  it('bind every wire value once, in path → query → header → body order, with clashes named by location', () => {
    const { api, diagnostics } = buildFromText({ text: doc, file: 't.json', plainSlug: 't' });
    const tool = api!.tools[0]!;
    expect(tool.args.map((a) => [a.name, a.location, a.wireName, a.required, a.mirrors ?? null])).toStrictEqual([
      ['thing_key', 'path', 'thingKey', true, [{ in: 'body', name: 'thingKey' }]],
      ['id', 'path', 'id', true, null],
      ['query_id', 'query', 'id', false, null],
      ['tags', 'query', 'tags', false, null],
      ['x_trace', 'header', 'X-Trace', false, null],
      ['body_id', 'body', 'id', false, null],
      ['items_per_page', 'body', 'itemsPerPage', false, null],
    ]);
    expect(tool.inputSchema['required']).toStrictEqual(['thing_key', 'id']);
    // Listed without `additionalProperties: false`: the root's strict validator refuses other keys (shared/tool-surface.ts closedRoot).
    expect(tool.inputSchema['additionalProperties']).toBeUndefined();
    expect(tool.args.find((a) => a.name === 'tags')).toMatchObject({ style: 'form', explode: false });
    expect(diagnostics.map((d) => `${d.code}: ${d.message}`)).toStrictEqual([
      'VMCP_PLAIN_SPEC_NO_AUTH: the document declares no security scheme, so the generated server sends no credentials',
      'VMCP_PARAMETER_UNSUPPORTED: Cookie parameter "session" is not sent',
    ]);
  });
});

describe('annotations are explicit and derived from class and HTTP method', () => {
  it.each([
    { given: { verb: 'get', method: 'list' }, want: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true } },
    { given: { verb: 'post', method: 'search' }, want: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true } },
    { given: { verb: 'put', method: 'update' }, want: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true } },
    { given: { verb: 'delete', method: 'delete' }, want: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true } },
  ])('$given.verb as $given.method', ({ given, want }) => {
    const text = MINIMAL_VENDOR_DOC.replace(/\n    post:[\s\S]*$/, '\n').replace('    get:\n      x-mcp:\n        resource: widgets\n        method: list', `    ${given.verb}:\n      x-mcp:\n        resource: widgets\n        method: ${given.method}`);
    const { api } = buildFromText({ text });
    const { title: _title, ...hints } = api!.tools[0]!.annotations;
    expect(hints).toStrictEqual(want);
  });

  it('lets x-mcp override a hint', () => {
    const text = MINIMAL_VENDOR_DOC.replace('description: Create a widget.', 'description: Create a widget.\n        annotations:\n          idempotentHint: true');
    const { api } = buildFromText({ text });
    expect(api!.tools.find((t) => t.name === 'create_a_acme_widget')!.annotations.idempotentHint).toBe(true);
  });
});

describe('a method class that contradicts the HTTP method is refused (read-only must mean it)', () => {
  /** The widgets GET turned into `verb`, with extra x-mcp lines under its method. */
  const doc = (input: { readonly verb: string; readonly method: string; readonly extra?: string }) =>
    MINIMAL_VENDOR_DOC.replace(/\n    post:[\s\S]*$/, '\n').replace(
      '    get:\n      x-mcp:\n        resource: widgets\n        method: list',
      `    ${input.verb}:\n      x-mcp:\n        resource: widgets\n        method: ${input.method}${input.extra === undefined ? '' : `\n        ${input.extra.split('\n').join('\n        ')}`}`,
    );
  const reason = 'classReason: Filters travel in the body; nothing is changed.';
  const outcome = (input: Parameters<typeof doc>[0]) => {
    const { api, diagnostics } = buildFromText({ text: doc(input) });
    const conflicts = diagnostics.filter((d) => d.code === 'VMCP_METHOD_CLASS_CONFLICT').map((d) => `${d.severity}: ${d.message}`);
    return conflicts.length > 0 ? conflicts : api!.tools[0]!.annotations.readOnlyHint ? 'read-only' : 'writes';
  };

  it.each([
    { given: { verb: 'delete', method: 'get' }, want: ['error: Tool "get_single_acme_widgets_by_id": an HTTP DELETE changes the resource, so it cannot be a read-only tool (class read)'] },
    { given: { verb: 'put', method: 'list', extra: reason }, want: ['error: Tool "list_all_acme_widgets": an HTTP PUT changes the resource, so it cannot be a read-only tool (class read)'] },
    { given: { verb: 'patch', method: 'touch', extra: `${reason}\nannotations:\n  readOnlyHint: true` }, want: ['error: Tool "acme_widgets_touch": an HTTP PATCH changes the resource, so it cannot be a read-only tool (class custom, readOnlyHint: true)'] },
    { given: { verb: 'delete', method: 'purge', extra: 'class: read' }, want: ['error: Tool "acme_widgets_purge": an HTTP DELETE changes the resource, so it cannot be a read-only tool (class read)'] },
    { given: { verb: 'post', method: 'list' }, want: ['error: Tool "list_all_acme_widgets": an HTTP POST is declared read-only (class read) without x-mcp.classReason saying why'] },
    { given: { verb: 'post', method: 'search', extra: 'annotations:\n  readOnlyHint: true' }, want: ['error: Tool "acme_widgets_search": an HTTP POST is declared read-only (class custom, readOnlyHint: true) without x-mcp.classReason saying why'] },
    { given: { verb: 'get', method: 'delete' }, want: ['error: Tool "delete_a_acme_widgets_by_id": an HTTP GET is declared to write (class write) without x-mcp.classReason saying why'] },
    { given: { verb: 'post', method: 'list', extra: reason }, want: 'read-only' },
    { given: { verb: 'post', method: 'search', extra: `${reason}\nannotations:\n  readOnlyHint: true` }, want: 'read-only' },
    { given: { verb: 'get', method: 'delete', extra: reason }, want: 'writes' },
    { given: { verb: 'post', method: 'create' }, want: 'writes' },
    { given: { verb: 'delete', method: 'delete' }, want: 'writes' },
    { given: { verb: 'get', method: 'list' }, want: 'read-only' },
    { given: { verb: 'get', method: 'whoami', extra: 'class: read' }, want: 'read-only' },
  ])('$given.verb as $given.method ($given.extra) → $want', ({ given, want }) => {
    expect(outcome(given)).toStrictEqual(want);
  });

  it('refuses an empty classReason', () => {
    const { diagnostics } = buildFromText({ text: doc({ verb: 'post', method: 'list', extra: "classReason: ' '" }) });
    expect(diagnostics.map((d) => `${d.code}: ${d.message}`)).toContain('VMCP_MCP_EXTENSION_INVALID: x-mcp `classReason` must be a sentence saying why the class departs from the HTTP method');
  });
});

describe('one documented operation → its tool', () => {
  const params = [
    { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
    { name: 'q', in: 'query', schema: { type: 'string' } },
    { name: 'status', in: 'query', schema: { type: 'string' } },
  ];
  function toolOf(input: { readonly xmcp?: Record<string, unknown>; readonly operation?: Record<string, unknown>; readonly verb?: string }) {
    const operation = { parameters: params, 'x-mcp': { resource: 'thing', method: 'get', description: 'Get a thing.', ...input.xmcp }, ...ok, ...input.operation };
    const text = JSON.stringify({
      openapi: '3.1.0', info: { title: 'Acme', version: '1' }, servers: [{ url: 'https://acme.test' }],
      'x-mcp': { vendor: 'Acme', package: 'acme', title: 'Acme', envPrefix: 'ACME', auth: { scheme: 'b', env: 'ACME_TOKEN' } },
      components: { securitySchemes: { b: { type: 'http', scheme: 'bearer' } } },
      paths: { '/things/{id}': { [input.verb ?? 'get']: operation } },
    });
    const { api, diagnostics } = buildFromText({ text, file: 'acme.json' });
    return { api, tool: api?.tools[0], errors: diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.location.pointer}: ${d.message}`) };
  }

  it('a read: no dry_run, the title made from the name, its search hint the title, its source the x-mcp block', () => {
    const { tool, errors } = toolOf({});
    expect(errors).toStrictEqual([]);
    expect(tool).toMatchObject({ name: 'get_single_acme_thing_by_id', title: 'Get single acme thing by id', description: 'Get a thing.', dryRun: false, controls: [], safeguards: [], http: { method: 'GET', path: '/things/{id}' } });
    expect(tool!._meta).toStrictEqual({ 'anthropic/searchHint': 'Get single acme thing by id' });
    expect(tool!.source).toStrictEqual({ file: 'acme.json', pointer: '/paths/~1things~1{id}/get/x-mcp' });
    expect(tool).not.toHaveProperty('operationId');
    expect(tool).not.toHaveProperty('icons');
  });

  it('a summary of up to 80 characters is the title, its first line only; a longer one is not', () => {
    expect(toolOf({ operation: { summary: `${'s'.repeat(80)}\nmore` } }).tool!.title).toBe('s'.repeat(80));
    expect(toolOf({ operation: { summary: 's'.repeat(81) } }).tool!.title).toBe('Get single acme thing by id');
    expect(toolOf({ operation: { summary: '  ' } }).tool!.title).toBe('Get single acme thing by id');
    expect(toolOf({ operation: { summary: 'Fetch it.' }, xmcp: { title: 'The thing' } }).tool!.title).toBe('The thing');
  });

  it('operationId is kept, trimmed; seed tools and search hints are the doc\'s', () => {
    const { tool } = toolOf({ operation: { operationId: ' getThing ' }, xmcp: { alwaysLoad: true, searchHint: 'one thing by id' } });
    expect(tool!.operationId).toBe('getThing');
    expect(tool!._meta).toStrictEqual({ 'anthropic/alwaysLoad': true, 'anthropic/searchHint': 'one thing by id' });
  });

  it('a write offers dry_run and says it does', () => {
    const { tool } = toolOf({ verb: 'put', xmcp: { method: 'update', description: 'Update a thing.' } });
    expect(tool).toMatchObject({ dryRun: true, controls: [{ name: 'dry_run' }] });
  });

  it('x-mcp parameters: `only` keeps the named ones and every path parameter; `required` makes one required', () => {
    const { tool, errors } = toolOf({ xmcp: { parameters: { only: ['status'], required: ['status'] } } });
    expect(errors).toStrictEqual([]);
    expect(tool!.args.map((a) => `${a.name}:${a.required}`)).toStrictEqual(['id:true', 'status:true']);
    expect(toolOf({ xmcp: { parameters: { required: ['q'] } } }).tool!.args.map((a) => `${a.name}:${a.required}`)).toStrictEqual(['id:true', 'q:true', 'status:false']);
  });

  it('x-mcp parameters naming what the operation lacks: one error a name', () => {
    expect(toolOf({ xmcp: { parameters: { only: ['qq'], required: ['st'] } } }).errors).toStrictEqual([
      '/paths/~1things~1{id}/get/x-mcp/parameters: x-mcp parameters name "qq", which the operation does not have',
      '/paths/~1things~1{id}/get/x-mcp/parameters: x-mcp parameters name "st", which the operation does not have',
    ]);
  });

  it('a documented operation without x-mcp, or with an empty description, is left out and says which', () => {
    const bare = toolOf({ operation: { 'x-mcp': undefined, summary: 'Has a summary.' } });
    expect(bare.api?.omitted.map((o) => `${o.operation}: ${o.reason}`)).toStrictEqual(['GET /things/{id}: no x-mcp documentation']);
    expect(bare.api?.omitted[0]!.source).toStrictEqual({ file: 'acme.json', pointer: '/paths/~1things~1{id}/get' });
    expect(toolOf({ xmcp: { description: '' } }).api?.omitted.map((o) => `${o.operation}: ${o.reason}`)).toStrictEqual(['GET /things/{id}: x-mcp has no description']);
  });
});

describe('plain operations', () => {
  const plain = (operation: Record<string, unknown>, path = '/pets', verb = 'get') => buildFromText({ file: 'pets.json', plainSlug: 'pets', text: plainDoc({ [path]: { [verb]: { ...ok, ...operation } } }) }).api!;

  it('the description wins over the summary; string tags only; no operationId fallback needed for a unique name', () => {
    const tool = plain({ summary: 'List pets.', description: '  Lists every pet.  ', tags: ['pets', 3, 'zoo'], operationId: 'listPets' }).tools[0]!;
    expect(tool).toMatchObject({ name: 'list_all_pets_pets', description: 'Lists every pet.', tags: ['pets', 'zoo'], title: 'List pets.', operationId: 'listPets' });
  });

  it.each(['head', 'options'])('a %s operation becomes a tool too', (verb) => {
    expect(plain({ summary: 'Check pets.' }, '/pets', verb).tools.map((tool) => tool.http.method)).toStrictEqual([verb.toUpperCase()]);
  });

  it('tags that are not a list are none', () => {
    expect(plain({ summary: 'List pets.', tags: 'pets' }).tools[0]!.tags).toStrictEqual([]);
  });

  it('a bulk delete is marked destructive; a single delete by its own method', () => {
    const bulk = plain({ summary: 'Delete pets.', parameters: [{ name: 'ids', in: 'query', schema: { type: 'string' } }] }, '/pets', 'delete').tools[0]!;
    expect(bulk).toMatchObject({ method: 'bulk_delete', methodClass: 'write', annotations: { destructiveHint: true } });
  });
});

describe('the records an operation becomes', () => {
  it('a tool and an omitted entry carry their kind; a body is kept; an unpaged description is the view text alone; a bulk delete is destructive', () => {
    const body = { requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { ids: { type: 'array' } } } } } } };
    const { api } = buildFromText({
      file: 'pets.json',
      plainSlug: 'pets',
      text: plainDoc({ '/pets/bulk_delete': { post: { summary: 'Deletes many.', ...body, ...ok } }, '/pets': { get: { ...ok } } }),
    });
    const tool = api!.tools[0]!;
    expect([tool.kind, tool.description, tool.body?.mode, tool.annotations.destructiveHint]).toStrictEqual(['tool', 'Deletes many.', 'fields', true]);
    expect(api!.omitted.map((o) => o.kind)).toStrictEqual(['omitted']);
  });
});
