import { describe, expect, it } from 'vitest';
import { buildFromText } from '../support/generate-in-memory.ts';

const uuid = { type: 'string', format: 'uuid' };

function doc(safeguards: unknown[]): string {
  const body = {
    type: 'object',
    properties: {
      add: { type: 'array', items: uuid },
      remove: { type: 'array', items: uuid },
      tags: { type: 'array', items: { type: 'string' } },
      parcels: { type: 'array', items: { type: 'object', properties: { id: uuid, carrier: { type: 'string' }, code: { type: 'string' } } } },
    },
  };
  const put = { summary: 'Update a box.', 'x-mcp': { resource: 'box', method: 'update', description: 'Update a box.', safeguards }, requestBody: { content: { 'application/json': { schema: body } } }, responses: { 200: { description: 'ok' } } };
  const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
  const paths = { '/boxes/{id}': { parameters: [id], put } };
  const root = { vendor: 'Boxes', package: 'boxes', title: 'Boxes', envPrefix: 'BOXES', auth: { scheme: 'bearerAuth', env: 'BOXES_TOKEN' } };
  const components = { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } };
  return JSON.stringify({ openapi: '3.1.0', info: { title: 'Boxes', version: '1' }, servers: [{ url: 'https://boxes.test' }], 'x-mcp': root, components, paths });
}

function safeguardsOf(safeguards: unknown[]) {
  const { api, diagnostics } = buildFromText({ text: doc(safeguards), file: 'boxes.json' });
  const tool = api?.tools.find((t) => t.name.startsWith('update'));
  return { guards: tool?.safeguards.map(({ source: _source, ...rest }) => rest), errors: diagnostics.filter((d) => d.severity === 'error').map((d) => d.message) };
}

describe('the doc states how the vendor compares identities; the IR carries it to the runtime', () => {
  it('UUID identities are case-insensitive without being declared; other fields stay exact', () => {
    const { guards } = safeguardsOf([{ kind: 'full-array', field: 'parcels', identity: ['id', 'code'] }, { kind: 'disjoint', fields: ['add', 'remove'] }]);
    expect(guards).toMatchObject([{ kind: 'full-array', compare: { id: 'case-insensitive' } }, { kind: 'disjoint', args: ['add', 'remove'], compare: 'case-insensitive' }]);
  });

  it('a declared comparison applies to a field that is not a UUID, and to plain elements as `value`', () => {
    const { guards } = safeguardsOf([{ kind: 'full-array', field: 'parcels', identity: ['carrier', 'code'], compare: { carrier: 'case-insensitive' } }, { kind: 'full-array', field: 'tags', identity: [], compare: { value: 'case-insensitive' } }]);
    expect(guards).toMatchObject([{ arg: 'parcels', compare: { carrier: 'case-insensitive' } }, { arg: 'tags', compare: { '': 'case-insensitive' } }]);
  });

  it('an unknown comparison is an error, not silently exact', () => {
    const { errors } = safeguardsOf([{ kind: 'full-array', field: 'parcels', identity: ['carrier'], compare: { carrier: 'fuzzy' } }]);
    expect(errors).toStrictEqual(['a safeguard comparison must be "case-insensitive"']);
  });
});

describe('the confirmation argument of a full-array guard', () => {
  it('names only the identity fields, undescribed (the array describes them), and says when it is needed', () => {
    const described = JSON.parse(doc([{ kind: 'full-array', field: 'parcels', identity: ['code'] }])) as { paths: Record<string, { put: { requestBody: { content: Record<string, { schema: { properties: Record<string, { items: { properties: Record<string, unknown> } }> } }> } } }> };
    described.paths['/boxes/{id}']!.put.requestBody.content['application/json']!.schema.properties['parcels']!.items.properties['code'] = { type: 'string', description: 'Carrier tracking code.' };
    const { api } = buildFromText({ text: JSON.stringify(described), file: 'boxes.json' });
    const properties = api!.tools[0]!.inputSchema['properties'] as Record<string, unknown>;
    expect(properties['confirm_removed_parcels']).toStrictEqual({
      type: 'array',
      items: { type: 'object', properties: { code: { type: 'string' } }, required: ['code'] },
      description: 'Only when a refusal names dropped parcels: exactly those.',
    });
    expect(JSON.stringify(properties['parcels'])).toContain('Carrier tracking code.');
  });
});

describe('each safeguard becomes its exact IR', () => {
  const at = '/paths/~1boxes~1{id}/put/x-mcp/safeguards';
  const all = (safeguards: unknown) => {
    const { api, diagnostics } = buildFromText({ text: doc(safeguards as unknown[]), file: 'boxes.json' });
    const tool = api?.tools[0];
    return { tool, guards: tool?.safeguards, errors: diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.location.pointer}: ${d.message}`) };
  };

  it('a full-array guard with defaults: read back from the same path, at the field\'s own pointer', () => {
    const { tool, guards, errors } = all([{ kind: 'full-array', field: 'tags', identity: [] }]);
    expect(errors).toStrictEqual([]);
    expect(guards).toStrictEqual([
      { kind: 'full-array', arg: 'tags', identity: [], compare: {}, currentPointer: '/tags', confirmArg: 'confirm_removed_tags', readPath: '/boxes/{id}', mustExist: false, source: { file: 'boxes.json', pointer: `${at}/0` } },
    ]);
    expect(tool!.controls).toStrictEqual([
      { name: 'dry_run', schema: { type: 'boolean', description: 'Preview only.' } },
      { name: 'confirm_removed_tags', schema: { type: 'array', items: { type: 'string' }, description: 'Only when a refusal names dropped tags: exactly those.' } },
    ]);
  });

  it('a full-array guard with every setting', () => {
    const { guards } = all([{ kind: 'full-array', field: 'add', identity: [], read: { path: '/boxes/{id}/full', pointer: '/data/add' }, mustExist: true, whenOmitted: 'carry' }]);
    expect(guards).toStrictEqual([
      { kind: 'full-array', arg: 'add', identity: [], compare: { '': 'case-insensitive' }, currentPointer: '/data/add', confirmArg: 'confirm_removed_add', readPath: '/boxes/{id}/full', mustExist: true, carryOver: true, source: { file: 'boxes.json', pointer: `${at}/0` } },
    ]);
  });

  it('only `true` and `carry` switch mustExist and carry-over on', () => {
    const { guards } = all([{ kind: 'full-array', field: 'tags', identity: [], read: { path: 7, pointer: 7 }, mustExist: 'yes', whenOmitted: 'keep' }]);
    expect(guards).toMatchObject([{ currentPointer: '/tags', readPath: '/boxes/{id}', mustExist: false }]);
    expect(guards![0]).not.toHaveProperty('carryOver');
  });

  it('a disjoint guard between two plain lists compares exactly; a declared comparison says otherwise', () => {
    expect(all([{ kind: 'disjoint', fields: ['tags', 'tags'] }]).guards).toStrictEqual([{ kind: 'disjoint', args: ['tags', 'tags'], source: { file: 'boxes.json', pointer: `${at}/0` } }]);
    expect(all([{ kind: 'disjoint', fields: ['tags', 'add'] }]).guards).toMatchObject([{ compare: 'case-insensitive' }]);
    expect(all([{ kind: 'disjoint', fields: ['tags', 'tags'], compare: 'case-insensitive' }]).guards).toMatchObject([{ compare: 'case-insensitive' }]);
  });

  it('no safeguards: none, no error, and dry_run alone', () => {
    const { tool, errors } = all(undefined);
    expect(errors).toStrictEqual([]);
    expect(tool!.safeguards).toStrictEqual([]);
    expect(tool!.controls.map((c) => c.name)).toStrictEqual(['dry_run']);
  });

  it('a full-array guard without identity compares whole elements', () => {
    expect(all([{ kind: 'full-array', field: 'tags' }]).guards).toMatchObject([{ arg: 'tags', identity: [], compare: {} }]);
  });

  it('a disjoint guard is case-insensitive when either side holds UUIDs', () => {
    expect(all([{ kind: 'disjoint', fields: ['add', 'tags'] }]).guards).toMatchObject([{ args: ['add', 'tags'], compare: 'case-insensitive' }]);
  });

  it('a safeguard of an unknown kind guards nothing', () => {
    const { guards, errors } = all([{ kind: 'subset', fields: ['add', 'remove'] }]);
    expect(guards).toStrictEqual([]);
    expect(errors).toStrictEqual([`${at}/0/kind: safeguard kind must be full-array or disjoint`]);
  });

  it('guards and their controls keep the doc\'s order', () => {
    const { tool } = all([{ kind: 'full-array', field: 'tags', identity: [] }, { kind: 'disjoint', fields: ['add', 'remove'] }, { kind: 'full-array', field: 'add', identity: [] }]);
    expect(tool!.safeguards.map((g) => g.kind)).toStrictEqual(['full-array', 'disjoint', 'full-array']);
    expect(tool!.controls.map((c) => c.name)).toStrictEqual(['dry_run', 'confirm_removed_tags', 'confirm_removed_add']);
  });

  it.each<{ readonly name: string; readonly safeguards: unknown; readonly want: string }>([
    { name: 'safeguards that are not a list', safeguards: { kind: 'disjoint' }, want: `${at}: x-mcp safeguards must be a list` },
    { name: 'an unknown kind', safeguards: [{ kind: 'subset', fields: ['add', 'remove'] }], want: `${at}/0/kind: safeguard kind must be full-array or disjoint` },
    { name: 'a safeguard that is not an object', safeguards: ['disjoint'], want: `${at}/0: a safeguard must be an object with a kind (full-array or disjoint)` },
    { name: 'a full-array field that is a path parameter', safeguards: [{ kind: 'full-array', field: 'id', identity: [] }], want: `${at}/0/field: full-array safeguard names "id", which is not a body field of this operation` },
    { name: 'a full-array field the operation lacks', safeguards: [{ kind: 'full-array', field: 'boxes', identity: [] }], want: `${at}/0/field: full-array safeguard names "boxes", which is not a body field of this operation` },
    { name: 'a full-array identity that is not a list of names', safeguards: [{ kind: 'full-array', field: 'parcels', identity: 'id' }], want: `${at}/0/identity: a full-array identity must be a list of field names ([] compares whole elements)` },
    { name: 'a full-array identity with a name that is not text', safeguards: [{ kind: 'full-array', field: 'parcels', identity: ['id', 7] }], want: `${at}/0/identity: a full-array identity must be a list of field names ([] compares whole elements)` },
    { name: 'a full-array comparison of a field that is not known', safeguards: [{ kind: 'full-array', field: 'parcels', identity: ['carrier'], compare: { carrier: 'fuzzy' } }], want: `${at}/0/compare/carrier: a safeguard comparison must be "case-insensitive"` },
    { name: 'a disjoint guard with one field', safeguards: [{ kind: 'disjoint', fields: ['add'] }], want: `${at}/0/fields: a disjoint safeguard needs exactly two fields of this operation` },
    { name: 'a disjoint guard with three fields', safeguards: [{ kind: 'disjoint', fields: ['add', 'remove', 'tags'] }], want: `${at}/0/fields: a disjoint safeguard needs exactly two fields of this operation` },
    { name: 'a disjoint guard naming a field the operation lacks', safeguards: [{ kind: 'disjoint', fields: ['add', 'boxes'] }], want: `${at}/0/fields: a disjoint safeguard needs exactly two fields of this operation` },
    { name: 'a disjoint comparison that is not known', safeguards: [{ kind: 'disjoint', fields: ['add', 'remove'], compare: 'exact' }], want: `${at}/0/compare: a safeguard comparison must be "case-insensitive"` },
    { name: 'a full-array comparison of whole elements that is not known', safeguards: [{ kind: 'full-array', field: 'tags', identity: [], compare: { value: 'loose' } }], want: `${at}/0/compare/value: a safeguard comparison must be "case-insensitive"` },
  ])('$name is an exact diagnostic', ({ safeguards, want }) => {
    expect(all(safeguards).errors).toStrictEqual([want]);
  });
});

describe('read.id: the guard checks that its read is of the record the write names', () => {
  const warnings = (safeguards: unknown[]) => buildFromText({ text: doc(safeguards), file: 'boxes.json' }).diagnostics.filter((d) => d.code === 'VMCP_GUARD_RECORD_UNCHECKED').map((d) => [d.severity, d.location.pointer, d.message]);
  const at = '/paths/~1boxes~1{id}/put/x-mcp/safeguards/0/read';

  it('a pointer becomes the runtime check, against the read path\'s one argument', () => {
    expect(safeguardsOf([{ kind: 'full-array', field: 'tags', read: { pointer: '/tags', id: '/data/id' } }]).guards).toMatchObject([{ recordId: { pointer: '/data/id', arg: 'id' } }]);
    expect(warnings([{ kind: 'full-array', field: 'tags', read: { pointer: '/tags', id: '/data/id' } }])).toStrictEqual([]);
  });

  it('a UUID argument is compared without letter case', () => {
    const text = doc([{ kind: 'full-array', field: 'tags', read: { id: '/id' } }]).replace('"schema":{"type":"string"}}', '"schema":{"type":"string","format":"uuid"}}');
    const tool = buildFromText({ text, file: 'boxes.json' }).api!.tools[0]!;
    expect(tool.safeguards[0]).toMatchObject({ recordId: { pointer: '/id', arg: 'id', compare: 'case-insensitive' } });
  });

  it('left out: a warning at the safeguard, and no check', () => {
    expect(warnings([{ kind: 'full-array', field: 'tags' }])).toStrictEqual([['warning', at, 'this full-array safeguard cannot check that its read of /boxes/{id} returned the record being written']]);
    expect(safeguardsOf([{ kind: 'full-array', field: 'tags' }]).guards![0]).not.toHaveProperty('recordId');
  });

  it('`false`: the doc says the answer carries no id; no check, no warning', () => {
    expect(warnings([{ kind: 'full-array', field: 'tags', read: { id: false } }])).toStrictEqual([]);
    expect(safeguardsOf([{ kind: 'full-array', field: 'tags', read: { id: false } }]).guards![0]).not.toHaveProperty('recordId');
  });

  it.each([
    { id: 'id', why: 'not a pointer' },
    { id: 7, why: 'a number' },
    { id: true, why: 'true' },
    { id: null, why: 'null' },
  ])('$why is an error', ({ id }) =>
    expect(safeguardsOf([{ kind: 'full-array', field: 'tags', read: { id } }]).errors).toStrictEqual(['read.id must be a JSON pointer ("/id", "/data/id") to the record id in the read\'s answer, or false when the answer carries none']));

  it('the whole answer ("") is a pointer too', () => expect(safeguardsOf([{ kind: 'full-array', field: 'tags', read: { id: '' } }]).guards).toMatchObject([{ recordId: { pointer: '' } }]));

  it.each([
    { path: '/boxes', count: 0 },
    { path: '/boxes/{id}/lids/{id2}', count: 2 },
  ])('a read path with $count path arguments is an error', ({ path, count }) =>
    expect(safeguardsOf([{ kind: 'full-array', field: 'tags', read: { path, id: '/id' } }]).errors).toStrictEqual([`read.id needs a read path with exactly one {parameter} of this operation; ${path} has ${count}`]));
});

it('read.id on a read path whose one argument is not this operation\'s is an error', () =>
  expect(safeguardsOf([{ kind: 'full-array', field: 'tags', read: { path: '/lids/{lid}', id: '/id' } }]).errors).toStrictEqual(['read.id needs a read path with exactly one {parameter} of this operation; /lids/{lid} has 1, not an argument of this operation']));
