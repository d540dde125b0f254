import { describe, expect, it } from 'vitest';
import { buildFromText } from '../support/generate-in-memory.ts';

const ok = { responses: { 200: { description: 'ok' } } };
const one = { responses: { 200: { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Shipment' } } } } } };
const page = { responses: { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { total_count: { type: 'integer' }, shipments: { type: 'array', items: {} } } } } } } } };

function tools(paths: Record<string, unknown>) {
  const text = JSON.stringify({
    openapi: '3.1.0',
    info: { title: 'Ship', version: '1' },
    servers: [{ url: 'https://ship.test' }],
    components: { schemas: { Shipment: { type: 'object', properties: { id: { type: 'string' } } } } },
    paths,
  });
  const { api, diagnostics } = buildFromText({ text, file: 'ship.json', plainSlug: 'ship' });
  if (api === undefined) throw new Error(JSON.stringify(diagnostics));
  return api.tools.map((t) => ({ name: t.name, class: t.methodClass, readOnly: t.annotations.readOnlyHint, destructive: t.annotations.destructiveHint }));
}

/** Plain --spec mode (and so init's proposals): classes that the HTTP verb alone gets wrong. */
describe('classifying operations that have no x-mcp', () => {
  it.each([
    { name: 'a POST that searches is a read', path: '/shipments/search', verb: 'post', op: ok, want: { name: 'ship_shipments_search', class: 'read', readOnly: true, destructive: false } },
    { name: 'a POST that queries is a read', path: '/objects/query', verb: 'post', op: ok, want: { name: 'ship_objects_query', class: 'read', readOnly: true, destructive: false } },
    { name: 'a POST that creates stays a create', path: '/shipments', verb: 'post', op: ok, want: { name: 'create_a_ship_shipment', class: 'write', readOnly: false, destructive: false } },
    { name: 'a bulk delete over POST is destructive', path: '/objects/bulk_delete', verb: 'post', op: ok, want: { name: 'ship_objects_bulk_delete', class: 'write', readOnly: false, destructive: true } },
    { name: 'a DELETE on a collection that selects records is a destructive bulk delete', path: '/shipments', verb: 'delete', op: { ...ok, parameters: [{ name: 'ids', in: 'query', schema: { type: 'string' } }] }, want: { name: 'ship_shipments_bulk_delete', class: 'write', readOnly: false, destructive: true } },
    { name: 'a GET by external id returning one record is a single read', path: '/objects/{objectKey}/{externalId}/external', verb: 'get', op: one, want: { name: 'get_single_ship_objects_external_by_id', class: 'read', readOnly: true, destructive: false } },
    { name: 'a keyed GET returning a page of records stays a list', path: '/carriers/{id}/shipments', verb: 'get', op: page, want: { name: 'list_all_ship_carriers_shipments', class: 'read', readOnly: true, destructive: false } },
    { name: 'a keyed GET with no response schema stays a list', path: '/carriers/{id}/shipments', verb: 'get', op: ok, want: { name: 'list_all_ship_carriers_shipments', class: 'read', readOnly: true, destructive: false } },
    { name: 'a DELETE on a singleton removes that one', path: '/session/token', verb: 'delete', op: ok, want: { name: 'delete_a_ship_session_token_by_id', class: 'write', readOnly: false, destructive: true } },
    { name: 'a DELETE by external id deletes one record', path: '/objects/{objectKey}/{externalId}/external', verb: 'delete', op: one, want: { name: 'delete_a_ship_objects_external_by_id', class: 'write', readOnly: false, destructive: true } },
    { name: 'a PATCH by external id updates one record', path: '/objects/{objectKey}/{externalId}/external', verb: 'patch', op: one, want: { name: 'update_a_ship_objects_external_by_id', class: 'write', readOnly: false, destructive: false } },
    { name: 'a GET named for a search is a custom read', path: '/objects/autocomplete', verb: 'get', op: ok, want: { name: 'ship_objects_autocomplete', class: 'read', readOnly: true, destructive: false } },
    { name: 'a POST action on one record is a custom write', path: '/shipments/{id}/cancel', verb: 'post', op: ok, want: { name: 'ship_shipments_cancel', class: 'custom', readOnly: false, destructive: false } },
    { name: 'a POST to one record updates it', path: '/v1/customers/{id}', verb: 'post', op: ok, want: { name: 'update_a_ship_v1_customer_by_id', class: 'write', readOnly: false, destructive: false } },
    { name: 'a POST adding to a sub-collection is a create', path: '/groups/{id}/members', verb: 'post', op: ok, want: { name: 'create_a_ship_groups_member', class: 'write', readOnly: false, destructive: false } },
  ])('$name: $verb $path', ({ path, verb, op, want }) => {
    expect(tools({ [path]: { [verb]: { summary: 'Does it.', ...op } } })).toStrictEqual([want]);
  });
});
