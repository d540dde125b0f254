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
      description: 'Only if a refusal names parcels entries this call drops: exactly those.',
    });
    expect(JSON.stringify(properties['parcels'])).toContain('Carrier tracking code.');
  });
});
